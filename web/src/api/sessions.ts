import type { SignedInBrowser } from '../../../common/api/sessions';
import { request } from './client';

type Ok = { ok: true };

export const listSignIns = () => request<{ sessions: SignedInBrowser[] }>('GET', '/api/profile/sessions');
export const endSignIn = (id: string) => request<Ok>('POST', `/api/profile/sessions/${id}/end`);
export const endOtherSignIns = () => request<Ok>('POST', '/api/profile/sessions/end-others');
