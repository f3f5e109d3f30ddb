import type { ContactView } from '../../../common/api/contacts';
import type { GuestInput } from '../../../common/api/invitations';
import { request } from './client';

/** The customer's saved contacts (P-09): only people the customer chose to keep. */

export const listContacts = () => request<{ contacts: ContactView[] }>('GET', '/api/contacts').then((body) => body.contacts);

export const addContact = (input: GuestInput) => request<ContactView>('POST', '/api/contacts', input);

export const updateContact = (contactId: string, input: GuestInput) => request<ContactView>('PUT', `/api/contacts/${encodeURIComponent(contactId)}`, input);

export const deleteContact = (contactId: string) => request<{ ok: true }>('DELETE', `/api/contacts/${encodeURIComponent(contactId)}`);

/** Keeps a guest of an open consultation (the server copies the invitation's name, e-mail and number). */
export const saveGuestAsContact = (consultationId: string, invitationId: string) =>
  request<ContactView>('POST', `/api/consultations/${encodeURIComponent(consultationId)}/invitations/${encodeURIComponent(invitationId)}/save-contact`);
