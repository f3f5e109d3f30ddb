import path from 'node:path';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { DataKeyError, dataCipher, KEY_FILE_NAME } from './data-key';
import { census, reseal, valueUnderUnknownKey, type ResealCounts } from './reseal';
import type { SealedTableName } from './sealed-columns';

export interface RotationResult {
  currentKeyId: string;
  counts: ResealCounts;
  /** Values not yet under the current key (0 once the rotation is complete). */
  remaining: number;
}

/**
 * `npm run keys:rotate`: re-seals every personal field and recomputes every blind index under
 * DATA_ENCRYPTION_KEY, opening older values with DATA_ENCRYPTION_KEYS_OLD (and, for the embedded
 * database, a key file left in DATA_DIR). Batches commit one by one, so an interrupted run keeps
 * its progress and the next run continues; a complete run leaves nothing to do for the next.
 */
export async function rotateKeys(
  config: Config,
  db: Db,
  options: { batchSize?: number; say: (line: string) => void; onBatch?: (table: SealedTableName, rows: number) => void },
): Promise<RotationResult> {
  const { say } = options;
  if (!config.encryption.key) {
    throw new DataKeyError(
      'Set DATA_ENCRYPTION_KEY to the new key (openssl rand -base64 32) and list the former keys in DATA_ENCRYPTION_KEYS_OLD' +
        (config.databaseUrl ? '.' : `; for the embedded database the generated ${KEY_FILE_NAME} in DATA_DIR is read as a former key.`),
    );
  }
  const cipher = await dataCipher(config, db, say);
  const unknown = await valueUnderUnknownKey(db, cipher.keyIds);
  if (unknown) throw new DataKeyError(`${unknown} is encrypted with a key that is not configured: add it to DATA_ENCRYPTION_KEYS_OLD.`);
  say(`Re-encrypting personal fields with key ${cipher.currentKeyId} (former keys: ${cipher.keyIds.slice(1).join(', ') || 'none'}).`);
  const counts = await reseal(db, cipher, {
    scope: 'rotate',
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    onBatch: (table, rows) => {
      say(`  ${table}: ${rows} rows`);
      options.onBatch?.(table, rows);
    },
  });
  const values = await census(db);
  const remaining = values.filter((entry) => entry.keyId !== cipher.currentKeyId).reduce((sum, entry) => sum + entry.values, 0);
  for (const [table, count] of Object.entries(counts)) {
    if (count.resealed + count.skipped > 0) say(`${table}: ${count.resealed} re-encrypted, ${count.skipped} changed meanwhile by the server`);
  }
  if (remaining > 0) {
    say(`${remaining} values are not yet under key ${cipher.currentKeyId} (written meanwhile by a server with the old configuration?): run again.`);
  } else {
    const keyFile = path.join(config.dataDir, KEY_FILE_NAME);
    say(
      `Every personal field is encrypted with key ${cipher.currentKeyId}. DATA_ENCRYPTION_KEYS_OLD can now be emptied` +
        (config.databaseUrl ? '.' : ` and ${keyFile}, if present, deleted.`),
    );
  }
  return { currentKeyId: cipher.currentKeyId, counts, remaining };
}
