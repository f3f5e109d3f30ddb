import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { ApiClient, MemoryMailer, startTestApp } from '../test-support/app';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { MARKED_PASSWORD, MARKERS, storeMarkedPersonalData, type MarkedData } from '../test-support/personal-data';
import { prepareEncryption } from './data-key';
import { FieldCipher } from './field-crypto';
import { census } from './reseal';
import { rotateKeys } from './rotation';

/**
 * Key rotation (P-21): every personal field and blind index moves to the new key in batches while
 * the old key still opens what has not moved yet; an interrupted run resumes, a finished one leaves
 * nothing to do; afterwards the old key is not needed for anything, not even logging in.
 */

const keyA = Buffer.alloc(32, 0xa1);
const keyB = Buffer.alloc(32, 0xb2);
const base64 = (key: Buffer) => key.toString('base64');
const configWith = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent-test-data-dir', ...env });
const quiet = () => undefined;

describe('key rotation (npm run keys:rotate)', () => {
  const mailer = new MemoryMailer();
  let database: TestDatabase;
  let marked: MarkedData;
  const idA = new FieldCipher(keyA).currentKeyId;
  const idB = new FieldCipher(keyB).currentKeyId;

  beforeAll(async () => {
    database = await openTestDatabase();
    const before = await startTestApp({ database, mailer, env: { DATA_ENCRYPTION_KEY: base64(keyA) } });
    marked = await storeMarkedPersonalData(before, mailer);
    await before.close();
  });
  afterAll(async () => database.close());

  const login = async (testApp: Awaited<ReturnType<typeof startTestApp>>, email: string) => {
    const client = await new ApiClient(testApp).init();
    return { client, response: await client.post('/api/session', { email, password: MARKED_PASSWORD }) };
  };

  it('moves everything to the new key in resumable batches, the old key opening the rest meanwhile', async () => {
    const sealedBefore = await census(database.db);
    expect(sealedBefore.every((entry) => entry.keyId === idA)).toBe(true);
    const total = sealedBefore.reduce((sum, entry) => sum + entry.values, 0);
    expect(total).toBeGreaterThan(30);

    const rotating = configWith({ DATA_ENCRYPTION_KEY: base64(keyB), DATA_ENCRYPTION_KEYS_OLD: base64(keyA) });
    let batches = 0;
    const interrupted = rotateKeys(rotating, database.db, {
      batchSize: 2,
      say: quiet,
      onBatch: () => {
        batches += 1;
        if (batches === 3) throw new Error('power cut');
      },
    });
    await expect(interrupted).rejects.toThrow('power cut');
    const halfway = await census(database.db);
    expect(halfway.some((entry) => entry.keyId === idA)).toBe(true);
    expect(halfway.some((entry) => entry.keyId === idB)).toBe(true);

    // A server already configured with the new key logs in every account, whichever key its index is under.
    const during = await startTestApp({ database, mailer, env: { DATA_ENCRYPTION_KEY: base64(keyB), DATA_ENCRYPTION_KEYS_OLD: base64(keyA) } });
    for (const email of [marked.individualEmail, marked.representativeEmail, marked.memberEmail]) {
      expect((await login(during, email)).response.statusCode, email).toBe(200);
    }
    await during.close();

    const lines: string[] = [];
    const resumed = await rotateKeys(rotating, database.db, { batchSize: 2, say: (line) => lines.push(line) });
    expect(resumed.remaining).toBe(0);
    expect(resumed.currentKeyId).toBe(idB);
    expect(Object.values(resumed.counts).reduce((sum, count) => sum + count.resealed, 0)).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/Every personal field is encrypted with key .*DATA_ENCRYPTION_KEYS_OLD can now be emptied/);
    const after = await census(database.db);
    expect(after.every((entry) => entry.keyId === idB)).toBe(true);
    expect(after.reduce((sum, entry) => sum + entry.values, 0)).toBe(total);

    const again = await rotateKeys(rotating, database.db, { say: quiet });
    expect(Object.values(again.counts).every((count) => count.resealed === 0 && count.skipped === 0)).toBe(true);
  });

  it('needs only the new key afterwards: logins, names, contacts, activity and a pending address change', async () => {
    const onlyB = await startTestApp({ database, mailer, env: { DATA_ENCRYPTION_KEY: base64(keyB) } });
    for (const email of [marked.representativeEmail, marked.memberEmail]) {
      expect((await login(onlyB, email)).response.statusCode, email).toBe(200);
    }
    const { client, response } = await login(onlyB, marked.individualEmail);
    expect(response.statusCode).toBe(200);
    expect((await client.get('/api/profile')).json()).toMatchObject({
      firstName: MARKERS.name,
      dateOfBirth: MARKERS.birthDate,
      pendingEmail: `new.${MARKERS.emailPart}@example.org`,
    });
    expect(JSON.stringify((await client.get('/api/contacts')).json())).toContain(`${MARKERS.name} Kontakt`);
    expect(JSON.stringify((await client.get('/api/activity')).json())).toContain(`${MARKERS.name} Gast`);
    const confirm = await client.post('/api/profile/email/confirm', { token: new URL(mailer.linkTo(`new.${MARKERS.emailPart}@example.org`)).hash.slice(1) });
    expect(confirm.statusCode).toBe(200);
    expect((await login(onlyB, `new.${MARKERS.emailPart}@example.org`)).response.statusCode).toBe(200);
    await onlyB.close();
  });

  it('refuses to start with only the old key once the data moved on', async () => {
    await expect(prepareEncryption(configWith({ DATA_ENCRYPTION_KEY: base64(keyA) }), database.db, quiet)).rejects.toThrow(
      `(key ${idB}) is encrypted with a data key that is not configured`,
    );
  });
});
