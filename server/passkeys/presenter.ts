import type { PasskeyView } from '../../common/api/passkeys';
import type { PasskeyRow } from './store';

/** What the account page shows of a passkey: never its key, credential id or counter. */
export function presentPasskey(row: PasskeyRow): PasskeyView {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null };
}
