import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config';
import type { Db } from '../db/database';
import { DATA_KEY_BYTES, FieldCipher } from './field-crypto';
import { reseal, valueUnderUnknownKey } from './reseal';

export const KEY_FILE_NAME = 'encryption.key';

export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

async function readKeyFile(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== DATA_KEY_BYTES) {
    throw new DataKeyError(
      `${file} does not hold a 32-byte base64 key. Restore it from your backup; only if the database is empty may you delete it to have a new one generated.`,
    );
  }
  const mode = (await stat(file)).mode & 0o777;
  if (mode & 0o077) throw new DataKeyError(`${file} is readable by other users (mode ${mode.toString(8)}): run chmod 600 ${file}`);
  return key;
}

/**
 * The cipher for personal fields. With DATA_ENCRYPTION_KEY that key seals; otherwise (the embedded
 * database only: configuration refuses PostgreSQL without a key) a key is generated once into
 * DATA_DIR/encryption.key. A key file left behind when DATA_ENCRYPTION_KEY is set still opens the
 * values sealed with it, so moving to a configured key is one `npm run keys:rotate`.
 *
 * `notice` receives the announcement of a generated key, never the key itself.
 */
export async function dataCipher(config: Config, db: Db, notice: (text: string) => void): Promise<FieldCipher> {
  const { key, oldKeys } = config.encryption;
  const file = path.join(config.dataDir, KEY_FILE_NAME);
  if (config.databaseUrl) {
    if (!key) throw new DataKeyError('DATA_ENCRYPTION_KEY is required with DATABASE_URL');
    return new FieldCipher(key, oldKeys);
  }
  const stored = await readKeyFile(file);
  if (key) return new FieldCipher(key, stored && !stored.equals(key) ? [...oldKeys, stored] : oldKeys);
  if (stored) return new FieldCipher(stored, oldKeys);
  const sealed = await valueUnderUnknownKey(db, []);
  if (sealed) {
    // A new key would make the server start and then fail on every row: refuse instead.
    throw new DataKeyError(
      `The database holds encrypted data (${sealed}) but ${file} is missing: restore it from your backup, or set DATA_ENCRYPTION_KEY to the key the data was written with.`,
    );
  }
  const generated = randomBytes(DATA_KEY_BYTES);
  await mkdir(config.dataDir, { recursive: true });
  // wx: never overwrite a key another start wrote meanwhile; 0600: the key is as secret as the data.
  await writeFile(file, `${generated.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  notice(
    [
      '',
      '!!! ─────────────────────────────────────────────────────────────────────────────',
      `!!! Generated the key that encrypts personal data: ${file}`,
      '!!! Without this file the names and addresses in the database cannot be read: back it up,',
      '!!! but not next to the database backups. For production set DATA_ENCRYPTION_KEY instead',
      '!!! (openssl rand -base64 32) and run `npm run keys:rotate` once; see README.',
      '!!! ─────────────────────────────────────────────────────────────────────────────',
      '',
    ].join('\n'),
  );
  return new FieldCipher(generated, oldKeys);
}

/**
 * What the server does with encryption at start-up, before it takes requests: settle on the key,
 * refuse to run when stored values were sealed under a key that is not configured, and seal the
 * personal fields of rows written before encryption existed (databases of earlier versions).
 */
export async function prepareEncryption(config: Config, db: Db, notice: (text: string) => void): Promise<FieldCipher> {
  const cipher = await dataCipher(config, db, notice);
  const unknown = await valueUnderUnknownKey(db, cipher.keyIds);
  if (unknown) {
    throw new DataKeyError(
      `${unknown} is encrypted with a data key that is not configured. Set DATA_ENCRYPTION_KEY to the key the data was written with (or restore ${KEY_FILE_NAME} in DATA_DIR); a former key belongs in DATA_ENCRYPTION_KEYS_OLD.`,
    );
  }
  const counts = await reseal(db, cipher, { scope: 'plaintext' });
  const rows = Object.values(counts).reduce((sum, count) => sum + count.resealed, 0);
  if (rows > 0) notice(`Encrypted the personal fields of ${rows} rows stored before encryption at rest.`);
  return cipher;
}
