import type { SessionState } from '../../../common/api/accounts';
import type { RecoveryCodes, SecondFactorStatus, TotpSetup } from '../../../common/api/second-factor';
import { publishSession, request } from './client';

type Ok = { ok: true };

/**
 * The code step of a login whose password was right (issue 12). Not yet published: after a
 * recovery code the page first says how many are left.
 */
export const completeLoginWithCode = (code: string) => request<SessionState>('POST', '/api/session/second-factor', { code });

export { publishSession };

export const getOrganizationRequirement = () => request<{ required: boolean }>('GET', '/api/organization/second-factor');

export const setOrganizationRequirement = (required: boolean) => request<{ required: boolean }>('PUT', '/api/organization/second-factor', { required });

/** A sensitive action: the representative's own password, and their second factor when set. */
export const resetMemberSecondFactor = (memberId: string, currentPassword: string, secondFactorCode?: string) =>
  request<Ok>('POST', `/api/organization/members/${encodeURIComponent(memberId)}/second-factor/reset`, { currentPassword, secondFactorCode });

export const getSecondFactorStatus = () => request<SecondFactorStatus>('GET', '/api/profile/second-factor');

export const beginTotpSetup = () => request<TotpSetup>('POST', '/api/profile/second-factor/totp');

export const confirmTotp = (code: string) => request<RecoveryCodes>('POST', '/api/profile/second-factor/totp/confirm', { code });

export const regenerateRecoveryCodes = (currentPassword: string, secondFactorCode?: string) =>
  request<RecoveryCodes>('POST', '/api/profile/second-factor/recovery-codes', { currentPassword, secondFactorCode });

export const turnOffTotp = (currentPassword: string, secondFactorCode: string) =>
  request<Ok>('POST', '/api/profile/second-factor/totp/off', { currentPassword, secondFactorCode });
