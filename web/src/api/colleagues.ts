import type { ColleagueCallView } from '../../../common/api/colleagues';
import type { CallMode } from '../../../common/signaling';
import { request } from './client';

/** Colleagues of the organisation with presence, and calls between them (P-07). */

export const callColleague = (colleagueId: string, mode: CallMode = 'video') =>
  request<ColleagueCallView>('POST', '/api/colleague-calls', { colleagueId, mode });
export const setDoNotDisturb = (on: boolean) => request<{ doNotDisturb: boolean }>('PUT', '/api/colleagues/do-not-disturb', { on });
export const acceptCall = (callId: string) => request<ColleagueCallView>('POST', `/api/colleague-calls/${encodeURIComponent(callId)}/accept`);
export const declineCall = (callId: string) => request<{ ok: true }>('POST', `/api/colleague-calls/${encodeURIComponent(callId)}/decline`);
export const cancelCall = (callId: string) => request<{ ok: true }>('DELETE', `/api/colleague-calls/${encodeURIComponent(callId)}`);
