import type * as z from 'zod';
import type { ActivityEntry, ConsultationView } from '../../../common/api/consultations';
import type { addGuestRequest, createConsultationRequest } from '../../../common/api/invitations';
import { request } from './client';

/** Host side of consultations: create, watch, invite, resend, revoke, end; and the activity log (P-14). */

export type CreateConsultationInput = z.input<typeof createConsultationRequest>;
export type AddGuestInput = z.input<typeof addGuestRequest>;

export const createConsultation = (input: CreateConsultationInput) => request<ConsultationView>('POST', '/api/consultations', input);

/** Open consultations (upcoming and running), newest window first. */
export const listConsultations = () => request<{ consultations: ConsultationView[] }>('GET', '/api/consultations').then((body) => body.consultations);

export const getConsultation = (id: string) => request<ConsultationView>('GET', `/api/consultations/${encodeURIComponent(id)}`);

export const addGuest = (id: string, input: AddGuestInput) =>
  request<ConsultationView>('POST', `/api/consultations/${encodeURIComponent(id)}/invitations`, input);

/** Sends a new link; the old one stops working. */
export const resendInvitation = (id: string, invitationId: string) =>
  request<ConsultationView>('POST', `/api/consultations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}/resend`);

/** The link stops working and a guest in the call is disconnected. */
export const revokeInvitation = (id: string, invitationId: string) =>
  request<ConsultationView>('DELETE', `/api/consultations/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}`);

/** Everyone is disconnected and every link of the consultation stops working. */
export const endConsultation = (id: string) => request<{ ok: true }>('POST', `/api/consultations/${encodeURIComponent(id)}/end`);

/** What practice staff may do with a guest in the waiting room; they never join the call themselves. */
export type WaitingRoomAction = { kind: 'admit' } | { kind: 'decline' } | { kind: 'message'; text: string };

export function waitingRoomAction(consultationId: string, participantId: string, action: WaitingRoomAction): Promise<{ ok: true }> {
  const path = `/api/consultations/${encodeURIComponent(consultationId)}/waiting-room/${encodeURIComponent(participantId)}/${action.kind}`;
  return request<{ ok: true }>('POST', path, action.kind === 'message' ? { text: action.text } : undefined);
}

/** Ended consultations; `from` (inclusive) and `to` (exclusive) are instants, `member` is for the representative. */
export function listActivity(filter: { from?: string | undefined; to?: string | undefined; member?: string | undefined } = {}): Promise<ActivityEntry[]> {
  const query = new URLSearchParams();
  if (filter.from) query.set('from', filter.from);
  if (filter.to) query.set('to', filter.to);
  if (filter.member) query.set('member', filter.member);
  const search = query.toString() ? `?${query.toString()}` : '';
  return request<{ entries: ActivityEntry[] }>('GET', `/api/activity${search}`).then((body) => body.entries);
}
