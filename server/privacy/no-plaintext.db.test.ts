import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows } from '../db/database';
import { consents } from '../db/schema';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { openTestDatabase } from '../test-support/database';
import { MARKERS, storeMarkedPersonalData, type MarkedData } from '../test-support/personal-data';

/**
 * P-21: personal fields are encrypted at rest. Marked names, e-mail addresses, phone numbers and a
 * birth date go in through the API everywhere the app stores them; then no table row (every column,
 * cast to text) holds any of them, and on the embedded database no file under DATA_DIR does either,
 * in any letter case, as UTF-8 or UTF-16. A control value stored in plaintext shows the search finds
 * what is there.
 */

const CONTROL = 'qcontrolmarkerq';
const needles = [MARKERS.name.toLowerCase(), MARKERS.emailPart, MARKERS.phoneDigits, MARKERS.birthDate];

function encodings(needle: string): Buffer[] {
  const utf16be = Buffer.from(needle, 'utf16le');
  utf16be.swap16();
  return [Buffer.from(needle, 'utf8'), Buffer.from(needle, 'utf16le'), utf16be];
}

/** Case-insensitive for ASCII: the file is lower-cased byte by byte before searching. */
function hits(content: Buffer, needle: string): boolean {
  const lowered = Buffer.from(content.toString('latin1').toLowerCase(), 'latin1');
  return encodings(needle).some((encoded) => lowered.includes(encoded));
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('no personal data in plaintext at rest (P-21)', () => {
  const mailer = new MemoryMailer();
  const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
  let dataDir: string;
  let testApp: TestApp;
  let marked: MarkedData;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await testApp.close();
    await testApp.database.close();
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-plaintext-'));
    const database = onPostgres ? await openTestDatabase() : { ...(await openDatabase({ kind: 'pglite', dataDir })), label: 'pglite-files' };
    testApp = await startTestApp({ mailer, database, env: { DATA_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') } });
    marked = await storeMarkedPersonalData(testApp, mailer);
    const [consent] = await testApp.database.db.select().from(consents).limit(1);
    await testApp.database.db.insert(consents).values({ accountId: consent!.accountId, document: 'terms', version: CONTROL });
  });

  afterAll(async () => {
    await close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the marked data to its owners, decrypted', async () => {
    const profile = (await marked.individual.get('/api/profile')).json();
    expect(profile).toMatchObject({ firstName: MARKERS.name, email: marked.individualEmail, dateOfBirth: MARKERS.birthDate });
    const contacts = JSON.stringify((await marked.individual.get('/api/contacts')).json());
    expect(contacts).toContain(`${MARKERS.name} Gast`);
    expect(contacts).toContain(`${MARKERS.name} Kontakt`);
    expect(JSON.stringify((await marked.individual.get('/api/activity')).json())).toContain(`${MARKERS.name} Gast`);
    const exported = JSON.stringify((await marked.individual.get('/api/privacy/export')).json());
    for (const shown of [`${MARKERS.name} Wartend`, `${MARKERS.name} Gast`, `new.${MARKERS.emailPart}@example.org`, MARKERS.birthDate]) {
      expect(exported, shown).toContain(shown);
    }
    expect(exported).not.toMatch(/"v1\.[\w-]{8}\./);
  });

  it('keeps no marker in any column of any table', async () => {
    const tables = await queryRows<{ table_name: string }>(
      testApp.database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    expect(tables.map((table) => table.table_name)).toEqual(expect.arrayContaining(['accounts', 'contacts', 'invitations', 'participants']));
    const found: string[] = [];
    let controlSeen = false;
    for (const { table_name: table } of tables) {
      const rows = await queryRows<{ row: string }>(testApp.database.db, sql.raw(`select lower(t::text) as row from "${table}" t`));
      for (const { row } of rows) {
        if (row.includes(CONTROL)) controlSeen = true;
        for (const needle of needles) if (row.includes(needle)) found.push(`${table}: ${needle}`);
      }
    }
    expect(controlSeen).toBe(true);
    expect(found).toEqual([]);
  });

  it.skipIf(onPostgres)('keeps no marker in any file of the embedded database, in any case or encoding', async () => {
    // Closing checkpoints: everything written is in the data files, not only in the WAL.
    await close();
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(10);
    const found: string[] = [];
    let controlSeen = false;
    for (const file of files) {
      const content = await readFile(file);
      if (hits(content, CONTROL)) controlSeen = true;
      for (const needle of needles) if (hits(content, needle)) found.push(`${path.relative(dataDir, file)}: ${needle}`);
    }
    expect(controlSeen).toBe(true);
    expect(found).toEqual([]);
  });
});
