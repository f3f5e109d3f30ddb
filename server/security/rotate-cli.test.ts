import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp } from '../test-support/app';
import { KEY_FILE_NAME, prepareEncryption } from './data-key';
import { FieldCipher } from './field-crypto';

/**
 * The command an operator runs: from the key generated for the embedded database to a configured
 * one. `npm run keys:rotate` is `tsx server/security/rotate-cli.ts`.
 */

const run = promisify(execFile);
const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const newKey = Buffer.alloc(32, 0x7d).toString('base64');
/** Each run starts a tsx process and opens a file-backed PGlite: seconds alone, far more while the whole suite runs. */
const PROCESS_TIMEOUT_MS = 180_000;

async function rotate(env: Record<string, string>): Promise<{ code: number; output: string }> {
  const childEnv: Record<string, string> = { ...(process.env as Record<string, string>), NODE_ENV: 'test', ...env };
  delete childEnv.DATABASE_URL;
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/security/rotate-cli.ts', '--batch-size=3'], {
      cwd: repositoryRoot,
      env: childEnv,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('npm run keys:rotate', () => {
  let dataDir: string;
  let email: string;
  let password: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-rotate-cli-'));
    const database = { ...(await openDatabase({ kind: 'pglite', dataDir })), label: 'pglite-files' };
    await prepareEncryption(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), database.db, () => undefined);
    const generated = (await readFile(path.join(dataDir, KEY_FILE_NAME), 'utf8')).trim();
    const mailer = new MemoryMailer();
    const testApp = await startTestApp({ database, mailer, env: { DATA_ENCRYPTION_KEY: generated } });
    ({ email, password } = await activeCustomer(testApp, mailer));
    await testApp.close();
    await database.close();
  }, PROCESS_TIMEOUT_MS);
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it(
    'says what to set when no new key is given',
    async () => {
      const result = await rotate({ DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.output).toMatch(/Set DATA_ENCRYPTION_KEY to the new key .*encryption\.key in DATA_DIR is read as a former key/);
    },
    PROCESS_TIMEOUT_MS,
  );

  it(
    'moves the embedded database from its generated key to DATA_ENCRYPTION_KEY, and a second run finds nothing to do',
    async () => {
      const newId = new FieldCipher(Buffer.from(newKey, 'base64')).currentKeyId;
      const first = await rotate({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: newKey });
      expect(first.output).toMatch(/accounts: 1 re-encrypted/);
      expect(first.output).toContain(`Every personal field is encrypted with key ${newId}`);
      expect(first.code).toBe(0);
      const second = await rotate({ DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: newKey });
      expect(second.code).toBe(0);
      expect(second.output).not.toMatch(/re-encrypted/);

      await rm(path.join(dataDir, KEY_FILE_NAME));
      const database = { ...(await openDatabase({ kind: 'pglite', dataDir })), label: 'pglite-files' };
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, DATA_ENCRYPTION_KEY: newKey });
      await prepareEncryption(config, database.db, () => undefined);
      const testApp = await startTestApp({ database, env: { DATA_ENCRYPTION_KEY: newKey } });
      const client = await new ApiClient(testApp).init();
      expect((await client.post('/api/session', { email, password })).statusCode).toBe(200);
      await testApp.close();
      await database.close();
    },
    2 * PROCESS_TIMEOUT_MS,
  );
});
