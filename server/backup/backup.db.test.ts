import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config/config';
import { openDatabase, queryRows, type Database } from '../db/database';
import { prepareEncryption } from '../security/data-key';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp } from '../test-support/app';
import { throwAwayPostgres } from '../test-support/database';
import { BackupError, backupDatabase, postgresTool, restoreDatabase } from './backup';

/**
 * npm run backup / restore: a database with a registered account goes into a backup and comes back in
 * a fresh database; with its data key the app starts and the person logs in, without it (or with a
 * wrong one) start-up is refused with the reason, and the backup file does not show the person's
 * name or address in plain text.
 */
const KEY = Buffer.alloc(32, 0x5a).toString('base64');
const WRONG_KEY = Buffer.alloc(32, 0x33).toString('base64');
const NAME = 'Wilhelmine';
const directories: string[] = [];
const run = promisify(execFile);

afterAll(async () => {
  for (const directory of directories) await rm(directory, { recursive: true, force: true });
});

async function newDirectory(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'sz-backup-'));
  directories.push(directory);
  return directory;
}

/** Registers a person on `database` with the key; returns their address and password. */
async function registerOn(database: Database, env: Record<string, string>): Promise<{ email: string; password: string }> {
  const mailer = new MemoryMailer();
  const testApp = await startTestApp({ env, mailer, database: { ...database, label: database.kind } });
  try {
    const { email, password } = await activeCustomer(testApp, mailer, { firstName: NAME });
    return { email, password };
  } finally {
    await testApp.close();
  }
}

/** What the restored installation does at start-up (main.ts), then a login with the person's password. */
async function startAndLogIn(database: Database, env: Record<string, string>, account: { email: string; password: string }): Promise<number> {
  const testApp = await startTestApp({ env, database: { ...database, label: database.kind } });
  try {
    const client = await new ApiClient(testApp).init();
    const login = await client.post('/api/session', account);
    return login.statusCode;
  } finally {
    await testApp.close();
  }
}

/** Runs a script as its npm command does (tsx), with only the given environment besides PATH. */
async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: '0', ...env },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function expectNoPlaintext(text: string, email: string): void {
  // The rows are in there, sealed (v1.<keyId>.<iv>.<ciphertext>) …
  expect(text).toMatch(/v1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22,}/);
  // … and the person's data is not.
  expect(text).not.toContain(email);
  expect(text).not.toContain(NAME);
  expect(text).not.toContain('Heidestraße');
}

async function expectRefusedWithoutKey(config: (env: Record<string, string>) => Config, database: Database): Promise<void> {
  await expect(prepareEncryption(config({ DATA_ENCRYPTION_KEY: WRONG_KEY }), database.db, () => undefined)).rejects.toThrow(
    /encrypted with a data key that is not configured\. Set DATA_ENCRYPTION_KEY to the key the data was written with/,
  );
}

describe('backup and restore of the embedded database', () => {
  it('restores into a new DATA_DIR, opens with the key only, and holds no plaintext', { timeout: 180_000 }, async () => {
    const source = await newDirectory();
    const target = await newDirectory();
    const file = path.join(await newDirectory(), 'sprechzimmer.backup');
    const sourceDb = await openDatabase({ kind: 'pglite', dataDir: source });
    const account = await registerOn(sourceDb, { DATA_ENCRYPTION_KEY: KEY, DATA_DIR: source });

    // The directory lock says the app runs: no backup of a database in use.
    await expect(backupDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: source }), file)).rejects.toThrow(/in use|locked|process/i);
    await sourceDb.close();

    // npm run backup, as an operator runs it.
    const backedUp = await runScript('server/backup/cli.ts', ['backup', file], { DATA_DIR: source });
    expect(backedUp).toMatchObject({ code: 0, output: expect.stringContaining('it cannot be read without the data key, which is not in it') });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expectNoPlaintext(gunzipSync(await readFile(file)).toString('latin1'), account.email);
    await expect(backupDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: source }), file)).rejects.toThrow(BackupError);

    expect(await restoreDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: target }), file)).toBe('pglite');
    expect(await readdir(target)).toEqual(['db']);
    await expect(restoreDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: target }), file)).rejects.toThrow(/holds a database already/);

    const restored = await openDatabase({ kind: 'pglite', dataDir: target });
    try {
      const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', DATA_DIR: target, ...env });
      // No key configured and no key file in the new DATA_DIR: refused, never a new key over sealed data.
      // (prepareEncryption is what the server runs at start-up; the real start is below, once the database is closed.)
      await expect(prepareEncryption(config({}), restored.db, () => undefined)).rejects.toThrow(
        /holds encrypted data .* but .*encryption\.key is missing: restore it from your backup, or set DATA_ENCRYPTION_KEY/,
      );
      await expectRefusedWithoutKey(config, restored);
      await prepareEncryption(config({ DATA_ENCRYPTION_KEY: KEY }), restored.db, () => undefined);
      expect(await startAndLogIn(restored, { DATA_ENCRYPTION_KEY: KEY, DATA_DIR: target }, account)).toBe(200);
    } finally {
      await restored.close();
    }
    // The server itself, started on the restored DATA_DIR without its key: exit 1 and the reason.
    const started = await runScript('server/main.ts', [], { DATA_DIR: target });
    expect(started.code).toBe(1);
    expect(started.output).toMatch(/holds encrypted data .* but .*encryption\.key is missing: restore it from your backup/);
  });
});

describe('restore of a damaged embedded backup', () => {
  /** A backup of a freshly migrated DATA_DIR, made once for the cases below. */
  let backup: Buffer;
  beforeAll(async () => {
    const source = await newDirectory();
    await (await openDatabase({ kind: 'pglite', dataDir: source })).close();
    const file = path.join(await newDirectory(), 'fresh.backup');
    await backupDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: source }), file);
    backup = await readFile(file);
  }, 120_000);

  it('refuses a truncated or altered file with the reason, leaving no database and no temporary file', { timeout: 60_000 }, async () => {
    const target = await newDirectory();
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: target });
    const truncated = path.join(await newDirectory(), 'truncated.backup');
    await writeFile(truncated, backup.subarray(0, Math.floor(backup.length / 2)));
    await expect(restoreDatabase(config, truncated)).rejects.toThrow(BackupError);
    await expect(restoreDatabase(config, truncated)).rejects.toThrow(
      /truncated\.backup is damaged or not a backup of the embedded database; nothing was restored/,
    );
    expect(await readdir(target)).toEqual([]);

    // One byte changed in the middle: gzip's checksum over the tar notices.
    const altered = path.join(await newDirectory(), 'altered.backup');
    const bytes = Buffer.from(backup);
    const middle = bytes.length >> 1;
    bytes[middle] = bytes[middle]! ^ 0xff;
    await writeFile(altered, bytes);
    await expect(restoreDatabase(config, altered)).rejects.toThrow(/altered\.backup is damaged/);
    expect(await readdir(target)).toEqual([]);

    // What the operator sees: the reason, no stack trace.
    const cli = await runScript('server/backup/cli.ts', ['restore', truncated], { DATA_DIR: target });
    expect(cli.code).toBe(1);
    expect(cli.output.trim()).toMatch(/^\S+truncated\.backup is damaged or not a backup of the embedded database; nothing was restored \(.+\)$/);
    expect(await readdir(target)).toEqual([]);
  });

  it('leaves only the database in DATA_DIR, nothing of the unpacking, and the database opens', { timeout: 60_000 }, async () => {
    const target = await newDirectory();
    const file = path.join(await newDirectory(), 'intact.backup');
    await writeFile(file, backup);
    expect(await restoreDatabase(loadConfig({ NODE_ENV: 'test', DATA_DIR: target }), file)).toBe('pglite');
    expect(await readdir(target)).toEqual(['db']);
    const restored = await openDatabase({ kind: 'pglite', dataDir: target });
    try {
      const rows = await queryRows<{ count: number }>(restored.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
      expect(rows[0]!.count).toBeGreaterThan(10);
    } finally {
      await restored.close();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)('backup and restore on PostgreSQL', () => {
  const dropAll: (() => Promise<void>)[] = [];
  const createDatabase = async () => {
    const { url, drop } = await throwAwayPostgres(serverUrl ?? '', 'sz_backup');
    dropAll.push(drop);
    return url;
  };
  afterAll(async () => {
    for (const drop of dropAll) await drop();
  });

  it('restores with pg_restore into a fresh database, opens with the key only, and holds no plaintext', { timeout: 120_000 }, async () => {
    const sourceUrl = await createDatabase();
    const targetUrl = await createDatabase();
    const file = path.join(await newDirectory(), 'sprechzimmer.pgdump');
    const config = (url: string, env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_ENCRYPTION_KEY: KEY, ...env });

    const sourceDb = await openDatabase({ kind: 'postgres', url: sourceUrl });
    const account = await registerOn(sourceDb, { DATA_ENCRYPTION_KEY: KEY });
    await sourceDb.close();

    expect(await backupDatabase(config(sourceUrl), file)).toBe('postgres');
    // The custom format compresses: read it back as SQL to see what it really holds.
    const { stdout } = await run(postgresTool('pg_restore'), ['--file=-', file], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toMatch(/COPY public\.accounts/);
    expectNoPlaintext(stdout, account.email);

    await expect(restoreDatabase(config(sourceUrl), file)).rejects.toThrow(/not empty/);
    expect(await restoreDatabase(config(targetUrl), file)).toBe('postgres');

    const restored = await openDatabase({ kind: 'postgres', url: targetUrl });
    try {
      await expectRefusedWithoutKey((env) => config(targetUrl, env), restored);
      expect(await startAndLogIn(restored, { DATA_ENCRYPTION_KEY: KEY }, account)).toBe(200);
    } finally {
      await restored.close();
    }
  });
});
