import type { z } from 'zod';
import type {
  ActivityEntry,
  ConsultationView,
  addGuestRequest,
  createConsultationRequest,
} from '../../../common/api/consultations';
import { request } from './client';

/** Host side of consultations: create, watch, invite, resend, revoke, end; and the activity log (P-14). */

export type CreateConsultationInput = z.input<typeof createConsultationRequest>;
export type AddGuestInput = z.input<typeof addGuestRequest>;

export const createConsultation = (input: CreateConsultationInput) =>
  request<ConsultationView>('POST', '/api/consultations', input);

/** Open consultations (upcoming and running), newest window first. */
export const listConsultations = () =>
  request<{ consultations: ConsultationView[] }>('GET', '/api/consultations').then((body) => body.consultations);

export const getConsultation = (id: string) =>
  request<ConsultationView>('GET', `/api/consultations/${encodeURIComponent(id)}`);

export const addGuest = (id: string, input: AddGuestInput) =>
  request<ConsultationView>('POST', `/api/consultations/${encodeURIComponent(id)}/invitations`, input);

/** Sends a new link; the old one stops working. */
export const resendInvitation = (id: string, invitationId: string) =>
  request<ConsultationView>(
    'POST',
    `/api/consultations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}/resend`,
  );

/** The link stops working and a guest in the call is disconnected. */
export const revokeInvitation = (id: string, invitationId: string) =>
  request<ConsultationView>(
    'DELETE',
    `/api/consultations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}`,
  );

/** Everyone is disconnected and every link of the consultation stops working. */
export const endConsultation = (id: string) =>
  request<{ ok: true }>('POST', `/api/consultations/${encodeURIComponent(id)}/end`);

/** Ended consultations; `from`/`to` are YYYY-MM-DD and both inclusive. */
export function listActivity(range: { from?: string | undefined; to?: string | undefined } = {}): Promise<ActivityEntry[]> {
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  const search = query.toString() ? `?${query.toString()}` : '';
  return request<{ entries: ActivityEntry[] }>('GET', `/api/activity${search}`).then((body) => body.entries);
}
