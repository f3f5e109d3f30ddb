import type { SignedInBrowser } from '../../common/api/sessions';
import { sessionRef } from './browsers';
import type { SessionRow } from './store';

/** What the account page shows of a session: times and the coarse device, never an id or an address. */
export function presentSignedInBrowser(row: SessionRow, currentIdHash: string): SignedInBrowser {
  return {
    id: sessionRef(row.idHash),
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    browser: row.browser,
    os: row.os,
    current: row.idHash === currentIdHash,
  };
}
