import type {
  Art30Download,
  EvidencePackDownload,
  OperatorEnrolledResponse,
  OperatorLoginResponse,
  OperatorReceiptPage,
  OperatorSessionResponse,
  OperatorSignedInResponse,
  RestrictedAccount,
  SelfCheckView,
} from '../../../common/api/operator';
import type { TotpSetup } from '../../../common/api/second-factor';
import type { ContactChallenge, ContactRequestInput, TicketDetail, TicketList } from '../../../common/api/support';
import { request } from './client';

export const getContactChallenge = () => request<ContactChallenge>('GET', '/api/contact/challenge');
export const sendContactRequest = (input: ContactRequestInput) => request<{ ok: true }>('POST', '/api/contact', input);

/** Operator area; a missing operator login answers 401 `operator_login_required` (not a customer's logout). */
export const getOperatorSession = () => request<OperatorSessionResponse>('GET', '/api/operator/session');
/** The password step: answers which second-factor step follows (issue 12), never the login itself. */
export const operatorLogin = (email: string, password: string) => request<OperatorLoginResponse>('POST', '/api/operator/session', { email, password });
export const completeOperatorLogin = (code: string) => request<OperatorSignedInResponse>('POST', '/api/operator/session/second-factor', { code });
export const beginOperatorTotp = () => request<TotpSetup>('POST', '/api/operator/session/totp');
export const confirmOperatorTotp = (code: string) => request<OperatorEnrolledResponse>('POST', '/api/operator/session/totp/confirm', { code });
export const operatorLogout = () => request<OperatorSessionResponse>('DELETE', '/api/operator/session');

export const listTickets = (status: 'open' | 'closed', offset: number, limit: number) =>
  request<TicketList>('GET', `/api/operator/tickets?${new URLSearchParams({ status, offset: String(offset), limit: String(limit) })}`);
export const getTicket = (id: string) => request<TicketDetail>('GET', `/api/operator/tickets/${encodeURIComponent(id)}`);
export const replyToTicket = (id: string, text: string) => request<TicketDetail>('POST', `/api/operator/tickets/${encodeURIComponent(id)}/replies`, { text });
export const closeTicket = (id: string) => request<TicketDetail>('POST', `/api/operator/tickets/${encodeURIComponent(id)}/close`);

export const listReceipts = (before?: number) => request<OperatorReceiptPage>('GET', `/api/operator/receipts${before ? `?before=${before}` : ''}`);

export const getArt30 = (lang: 'de' | 'en') => request<Art30Download>('GET', `/api/operator/art30?lang=${lang}`);
export const runSelfCheck = (lang: 'de' | 'en') => request<SelfCheckView>('GET', `/api/operator/self-check?lang=${lang}`);
export const getEvidencePack = (lang: 'de' | 'en') => request<EvidencePackDownload>('GET', `/api/operator/self-check/evidence?lang=${lang}`);

export const listRestrictions = () => request<{ accounts: RestrictedAccount[] }>('GET', '/api/operator/restrictions');
export const liftRestriction = (accountId: string) => request<{ ok: true }>('POST', `/api/operator/restrictions/${encodeURIComponent(accountId)}/lift`);
