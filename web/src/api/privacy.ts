import type { SessionState } from '../../../common/api/accounts';
import type { DataExport } from '../../../common/api/privacy-rights';
import { publishSession, request } from './client';

/** Data-subject rights (P-24): the export, and the requests that end the account's processing. */

export const getDataExport = () => request<DataExport>('GET', '/api/privacy/export');

/** The same document as a file; a plain link, so the browser saves it with the session cookie. */
export const dataExportDownloadUrl = '/api/privacy/export?download=1';

export type DataRequest = 'restrict' | 'delete-account' | 'delete-organization';

/**
 * Re-authenticated with the current password; the server logs out. The caller leaves the page
 * first and then calls `loggedOut()`, so the login page does not flash in between.
 */
export async function sendDataRequest(kind: DataRequest, currentPassword: string): Promise<{ loggedOut: () => void }> {
  const state = await request<SessionState>('POST', `/api/privacy/${kind}`, { currentPassword });
  return { loggedOut: () => publishSession(state) };
}
