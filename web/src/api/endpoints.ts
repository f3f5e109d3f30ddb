import type * as z from 'zod';
import type { basicProfileUpdateRequest, Profile, ProfileUpdateRequest, RegistrationRequest, SessionState } from '../../../common/api/accounts';
import type { PrivacyPolicy } from '../../../common/api/privacy';
import type { SiteInfo } from '../../../common/api/site';
import { publishSession, request } from './client';

type Ok = { ok: true };

export async function login(email: string, password: string, rememberBrowser = false): Promise<SessionState> {
  const state = await request<SessionState>('POST', '/api/session', { email, password, rememberBrowser });
  publishSession(state);
  return state;
}

export async function logout(): Promise<SessionState> {
  const state = await request<SessionState>('DELETE', '/api/session');
  publishSession(state);
  return state;
}

export const register = (input: RegistrationRequest) => request<Ok>('POST', '/api/accounts', input);

export const confirmEmail = (token: string, password: string) => request<Ok>('POST', '/api/accounts/confirm-email', { token, password });

export const resendConfirmation = (email: string) => request<Ok>('POST', '/api/accounts/resend-confirmation', { email });

export const requestPasswordReset = (email: string) => request<Ok>('POST', '/api/password-reset', { email });

export const resetPassword = (token: string, password: string) =>
  request<Ok & { handedOver: boolean }>('POST', '/api/password-reset/confirm', { token, password });

export const getProfile = () => request<Profile>('GET', '/api/profile');

export const updateProfile = (input: ProfileUpdateRequest) => request<Profile>('PUT', '/api/profile', input);

/** Name and language only: what people of an organisation can rectify (they have no personal address). */
export const updateBasicProfile = (input: z.input<typeof basicProfileUpdateRequest>) => request<Profile>('PUT', '/api/profile/basic', input);

/** `secondFactorCode`: asked when the account has a second factor (issue 12). */
export const changePassword = (currentPassword: string, newPassword: string, secondFactorCode?: string) =>
  request<Ok>('POST', '/api/profile/password', { currentPassword, newPassword, secondFactorCode });

export const changeEmail = (currentPassword: string, newEmail: string, secondFactorCode?: string) =>
  request<Ok>('POST', '/api/profile/email', { currentPassword, newEmail, secondFactorCode });

export const confirmEmailChange = (token: string) => request<Ok>('POST', '/api/profile/email/confirm', { token });

/** The new-sign-in mail's "this was not me": ends every session, locks the password, mails a reset link. */
export const disownSignIn = (token: string) => request<Ok>('POST', '/api/session/not-me', { token });

export const getSite = () => request<SiteInfo>('GET', '/api/site');

export const getPrivacyPolicy = (language: 'de' | 'en') => request<PrivacyPolicy>('GET', `/api/site/privacy?lang=${language}`);
