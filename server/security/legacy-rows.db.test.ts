import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PasswordHasher } from '../accounts/passwords';
import { loadConfig } from '../config/config';
import { openDatabase, queryRows, type Database } from '../db/database';
import { ApiClient, startTestApp } from '../test-support/app';
import { prepareEncryption } from './data-key';
import { census } from './reseal';

/**
 * A database written before encryption at rest (migrations up to 0005, plaintext rows) is upgraded:
 * migration 0006 gives its rows a placeholder index, and the server seals their personal fields and
 * computes their blind indexes at start-up, before it takes requests. The customer logs in as before.
 */

const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');
const LAST_BEFORE_ENCRYPTION = 5;
const PASSWORD = 'legacy customer passphrase';
const key = Buffer.alloc(32, 0x3c);

/** The migrations folder as it was before encryption: the journal ends at 0005. */
async function migrationsBeforeEncryption(directory: string): Promise<string> {
  const folder = path.join(directory, 'migrations');
  await cp(migrations, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= LAST_BEFORE_ENCRYPTION);
  await writeFile(journalFile, JSON.stringify(journal));
  return folder;
}

async function insertPlaintextRows(execute: (query: string) => Promise<unknown>, passwordHash: string): Promise<void> {
  await execute(`
    insert into accounts (id, status, first_name, last_name, date_of_birth, email, street, house_number, postal_code, city, country, phone, password_hash, email_confirmed_at)
      values ('00000000-0000-4000-8000-000000000001', 'active', 'Lotte', 'Altbestand', '1960-02-29', 'lotte.alt@example.org', 'Alte Gasse', '3', '50667', 'Köln', 'DE', '+492211234567', '${passwordHash}', now());
    insert into organizations (id, status, name, email, street, house_number, postal_code, city, country, phone)
      values ('00000000-0000-4000-8000-000000000002', 'active', 'Praxis Altbestand', 'praxis.alt@example.org', 'Weg', '1', '50667', 'Köln', 'DE', '+492211234568');
    insert into contacts (owner_account_id, name, email, phone)
      values ('00000000-0000-4000-8000-000000000001', 'Bert Altkontakt', 'bert.alt@example.org', '+491711234567');
    insert into consultations (id, host_account_id, status, valid_from, valid_until, ended_at, participant_names)
      values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', 'ended', now(), now(), now(), array['Lotte Altbestand', 'Clara Altgast']);
    insert into consultations (id, host_account_id, valid_from, valid_until)
      values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', now(), now() + interval '1 hour');
    insert into invitations (id, consultation_id, token_hash, guest_name, guest_email)
      values ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004', 'hash', 'Dora Altgast', 'dora.alt@example.org');
    insert into participants (consultation_id, role, invitation_id, display_name)
      values ('00000000-0000-4000-8000-000000000004', 'guest', '00000000-0000-4000-8000-000000000005', 'Dora Altgast');
    insert into email_tokens (account_id, purpose, token_hash, new_email, expires_at)
      values ('00000000-0000-4000-8000-000000000001', 'change_email', 'other-hash', 'lotte.neu@example.org', now() + interval '1 day');
  `);
}

/** A database of the version before encryption, holding plaintext rows, then opened by this version. */
async function legacyDatabase(directory: string): Promise<Database & { label: string; drop(): Promise<void> }> {
  const folder = await migrationsBeforeEncryption(directory);
  const passwordHash = await new PasswordHasher(4).hash(PASSWORD);
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(directory, 'data');
    await mkdir(dataDir);
    const client = await PGlite.create(path.join(dataDir, 'db'));
    await migratePglite(drizzlePglite({ client }), { migrationsFolder: folder });
    await insertPlaintextRows((query) => client.exec(query), passwordHash);
    await client.close();
    return { ...(await openDatabase({ kind: 'pglite', dataDir })), label: 'pglite', drop: async () => undefined };
  }
  const name = `sz_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await migratePostgres(drizzlePostgres({ client }), { migrationsFolder: folder });
  await insertPlaintextRows((query) => client.query(query), passwordHash);
  await client.end();
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    label: 'postgres',
    async drop() {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

describe('rows stored before encryption at rest', () => {
  let directory: string;
  let database: Awaited<ReturnType<typeof legacyDatabase>>;
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent-test-data-dir', DATA_ENCRYPTION_KEY: key.toString('base64') });

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'sz-legacy-'));
    database = await legacyDatabase(directory);
    // Creating a file-backed PGlite twice is slow while the whole suite runs.
  }, 180_000);
  afterAll(async () => {
    await database?.close();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('are sealed at start-up in place, with their blind indexes, and work as before', async () => {
    const placeholders = await queryRows<{ email_index: string }>(database.db, sql`select email_index from accounts`);
    expect(placeholders).toEqual([{ email_index: 'unsealed:00000000-0000-4000-8000-000000000001' }]);
    expect((await census(database.db)).filter((entry) => entry.keyId === 'plaintext').length).toBeGreaterThan(10);

    const notices: string[] = [];
    await prepareEncryption(config, database.db, (text) => notices.push(text));
    expect(notices.join('\n')).toMatch(/Encrypted the personal fields of 7 rows stored before encryption/);
    expect((await census(database.db)).filter((entry) => entry.keyId === 'plaintext')).toEqual([]);
    const everything = await queryRows<{ row: string }>(
      database.db,
      sql`select a::text || o::text || c::text as row from accounts a, organizations o, contacts c`,
    );
    expect(everything[0]?.row).not.toMatch(/Lotte|Altbestand|lotte\.alt|Bert|1960-02-29/);

    // A second start finds nothing left to do.
    const again: string[] = [];
    await prepareEncryption(config, database.db, (text) => again.push(text));
    expect(again).toEqual([]);

    const testApp = await startTestApp({ database, env: { DATA_ENCRYPTION_KEY: key.toString('base64') } });
    const client = await new ApiClient(testApp).init();
    expect((await client.post('/api/session', { email: 'Lotte.Alt@example.org', password: PASSWORD })).statusCode).toBe(200);
    expect((await client.get('/api/profile')).json()).toMatchObject({
      firstName: 'Lotte',
      lastName: 'Altbestand',
      dateOfBirth: '1960-02-29',
      phone: '+492211234567',
      pendingEmail: 'lotte.neu@example.org',
    });
    expect((await client.get('/api/contacts')).json().contacts).toEqual([expect.objectContaining({ name: 'Bert Altkontakt', email: 'bert.alt@example.org' })]);
    expect(JSON.stringify((await client.get('/api/activity')).json())).toContain('Clara Altgast');
    expect(JSON.stringify((await client.get('/api/consultations')).json())).toContain('Dora Altgast');
    // The organisation's address is taken: its blind index was computed too.
    const taken = await client.post('/api/organizations', {
      representative: { firstName: 'Neu', lastName: 'Vertretung', dateOfBirth: '1970-01-01', password: 'another long passphrase' },
      organization: {
        name: 'Zweite Praxis',
        email: 'praxis.alt@example.org',
        street: 'Weg',
        houseNumber: '2',
        postalCode: '50667',
        city: 'Köln',
        country: 'DE',
        phone: '0221 1234569',
      },
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    });
    expect(taken.statusCode).toBe(202);
    const organizations = await queryRows<{ n: number | string }>(database.db, sql`select count(*) as n from organizations`);
    expect(Number(organizations[0]?.n)).toBe(1);
    await testApp.close();
  });
});
