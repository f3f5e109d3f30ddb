import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { activeCustomer, MemoryMailer, startTestApp } from '../test-support/app';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { dataCipher, KEY_FILE_NAME, prepareEncryption } from './data-key';
import { FieldCipher } from './field-crypto';

/**
 * Where the data key comes from: DATA_ENCRYPTION_KEY, or for the embedded default a key generated
 * once into DATA_DIR (mode 0600, announced loudly, never printed); a lost key file is noticed
 * instead of silently replaced.
 */
describe('the data key', () => {
  let database: TestDatabase;
  const directories: string[] = [];
  const newDataDir = async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'sz-key-'));
    directories.push(directory);
    return directory;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database.close();
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  it('is generated once into DATA_DIR for the embedded database, owner-readable only, announced without the key', async () => {
    const dataDir = await newDataDir();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    const notices: string[] = [];
    const first = await dataCipher(config, database.db, (text) => notices.push(text));
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = (await readFile(file, 'utf8')).trim();
    expect(Buffer.from(stored, 'base64')).toHaveLength(32);
    expect(notices.join('\n')).toMatch(/Generated the key that encrypts personal data.*encryption\.key/s);
    expect(notices.join('\n')).toMatch(/production set DATA_ENCRYPTION_KEY/);
    expect(notices.join('\n')).not.toContain(stored);

    const quiet: string[] = [];
    const second = await dataCipher(config, database.db, (text) => quiet.push(text));
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(quiet).toEqual([]);
  });

  it('keeps a generated key readable as a former key once DATA_ENCRYPTION_KEY is set', async () => {
    const dataDir = await newDataDir();
    const generated = await dataCipher(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), database.db, () => undefined);
    const configured = Buffer.alloc(32, 0x44);
    const cipher = await dataCipher(
      loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: configured.toString('base64') }),
      database.db,
      () => undefined,
    );
    expect(cipher.keyIds).toEqual([new FieldCipher(configured).currentKeyId, generated.currentKeyId]);
  });

  it('refuses a key file others can read, and one that holds no key', async () => {
    const dataDir = await newDataDir();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir });
    await dataCipher(config, database.db, () => undefined);
    const file = path.join(dataDir, KEY_FILE_NAME);
    await chmod(file, 0o644);
    await expect(dataCipher(config, database.db, () => undefined)).rejects.toThrow(`run chmod 600 ${file}`);
    await writeFile(file, 'not a key\n', { mode: 0o600 });
    await chmod(file, 0o600);
    await expect(dataCipher(config, database.db, () => undefined)).rejects.toThrow(/does not hold a 32-byte base64 key/);
  });

  it('is not silently replaced when the key file of an encrypted database is lost', async () => {
    const mailer = new MemoryMailer();
    const key = Buffer.alloc(32, 0x55).toString('base64');
    const testApp = await startTestApp({ database, mailer, env: { DATA_ENCRYPTION_KEY: key } });
    await activeCustomer(testApp, mailer);
    await testApp.close();

    const dataDir = await newDataDir();
    await expect(dataCipher(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), database.db, () => undefined)).rejects.toThrow(
      /holds encrypted data .* but .*encryption\.key is missing: restore it/,
    );
    await expect(stat(path.join(dataDir, KEY_FILE_NAME))).rejects.toThrow(/ENOENT/);
    const stranger = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: Buffer.alloc(32, 0x66).toString('base64') });
    await expect(prepareEncryption(stranger, database.db, () => undefined)).rejects.toThrow(/not configured.*DATA_ENCRYPTION_KEYS_OLD/s);
    const right = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: key });
    expect((await prepareEncryption(right, database.db, () => undefined)).currentKeyId).toBe(new FieldCipher(Buffer.from(key, 'base64')).currentKeyId);
  });
});
