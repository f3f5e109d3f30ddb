import type { SessionState } from '../../../common/api/accounts';
import type { DataExport } from '../../../common/api/privacy-rights';
import { request } from './client';

/** Data-subject rights (P-24): the export, and the requests that end the account's processing. */

export const getDataExport = () => request<DataExport>('GET', '/api/privacy/export');

/** The same document as a file; a plain link, so the browser saves it with the session cookie. */
export const dataExportDownloadUrl = '/api/privacy/export?download=1';

export type DataRequest = 'restrict' | 'delete-account' | 'delete-organization';

/**
 * Re-authenticated with the current password; the server ends the session. The caller leaves the
 * page and the page it goes to reloads the session (see `DataRequestDonePage`): publishing the
 * logout here would reach the page's login guard before the navigation, which React Router runs as
 * a transition, and send the person to the login page instead.
 */
export async function sendDataRequest(kind: DataRequest, currentPassword: string, secondFactorCode?: string): Promise<void> {
  await request<SessionState>('POST', `/api/privacy/${kind}`, { currentPassword, secondFactorCode });
}
