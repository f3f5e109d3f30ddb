import type { JoinView } from '../../../common/api/consultations';
import { request } from './client';

/*
 * The join page's first requests, apart from the room's (room/api.ts): the start of the app
 * (startup.ts) sends one of them before the app's code has loaded, so this module imports no
 * schemas, only types.
 */

/** Exchanges the link token (from the URL fragment) for the guest cookie. */
export const redeemInvitation = (token: string) => request<JoinView>('POST', '/api/join', { token });

/** The guest's consultation again (after a reload), while the guest cookie is valid. */
export const currentInvitation = () => request<JoinView>('GET', '/api/join');
