import type { ContactView } from '../../../../common/api/contacts';
import { normaliseMobile } from '../../../../common/api/invitations';
import { guestCount, guestKey, addGuestRow, MAX_INVITATIONS, type ConsultationFormValues } from '../consultations/model';

/**
 * Pure helpers of the contact list (P-09): which guest is saved already, and how a contact fills a
 * guest row of the new-consultation form. No React and no DOM, so that they run in unit tests.
 */

/** A guest as far as contacts are concerned: the invitation's name, e-mail and number. */
export interface GuestDetails {
  name: string;
  email: string | null;
  phone: string | null;
}

/** What "invite" on the contacts page hands to the new-consultation page (router state, never the URL). */
export interface InviteContactState {
  inviteContact?: GuestDetails & { id: string };
}

const sameEmail = (a: string | null, b: string | null) => Boolean(a && b && a.trim().toLowerCase() === b.trim().toLowerCase());
const samePhone = (a: string | null, b: string | null) => {
  if (!a || !b) return false;
  return (normaliseMobile(a) ?? a) === (normaliseMobile(b) ?? b);
};

/**
 * A guest counts as saved when a contact reaches the same person: the same e-mail address or the
 * same mobile number. The name alone is not enough (two guests may share it).
 */
export function savedContactOf(guest: GuestDetails, contacts: readonly ContactView[]): ContactView | undefined {
  return contacts.find((contact) => sameEmail(contact.email, guest.email) || samePhone(contact.phone, guest.phone));
}

/** Contacts by name, as the picker lists them. */
export function byName(contacts: readonly ContactView[], locale: string): ContactView[] {
  return [...contacts].sort((a, b) => a.name.localeCompare(b.name, locale) || a.id.localeCompare(b.id));
}

/** "Max Muster · max@example.org · +49 151 …": enough to tell two people of the same name apart. */
export function contactLabel(contact: ContactView, phone: (value: string) => string = (value) => value): string {
  return [contact.name, contact.email, contact.phone ? phone(contact.phone) : null].filter(Boolean).join(' · ');
}

function rowIsEmpty(values: ConsultationFormValues, index: number): boolean {
  return (['name', 'email', 'phone'] as const).every((field) => (values[guestKey(index, field)] ?? '').trim() === '');
}

/**
 * Puts a contact into the first empty guest row, or into a new row; undefined when every row is
 * taken and no row can be added. The row remembers the contact, so it offers no "save" box.
 */
export function fillGuestFromContact(
  values: ConsultationFormValues,
  contact: GuestDetails & { id: string },
): { values: ConsultationFormValues; index: number } | undefined {
  let index = Array.from({ length: guestCount(values) }, (_, row) => row).find((row) => rowIsEmpty(values, row));
  let next = values;
  if (index === undefined) {
    if (guestCount(values) >= MAX_INVITATIONS) return undefined;
    index = guestCount(values);
    next = addGuestRow(values);
  }
  return {
    index,
    values: {
      ...next,
      [guestKey(index, 'name')]: contact.name,
      [guestKey(index, 'email')]: contact.email ?? '',
      [guestKey(index, 'phone')]: contact.phone ?? '',
      [guestKey(index, 'save')]: '',
      [guestKey(index, 'contact')]: contact.id,
    },
  };
}

/** False when every guest row is filled and no row can be added. */
export function hasRoomForContact(values: ConsultationFormValues): boolean {
  return guestCount(values) < MAX_INVITATIONS || Array.from({ length: guestCount(values) }, (_, row) => row).some((row) => rowIsEmpty(values, row));
}

/** The values of the contact form (add and edit). */
export function contactFormValues(contact?: ContactView): Record<string, string> {
  return { name: contact?.name ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '' };
}
