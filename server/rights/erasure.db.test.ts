import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../common/signaling';
import { queryRows } from '../db/database';
import { activeCustomer, MemoryMailer, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { connect, readyGuest } from '../test-support/consultations';
import { organization, WORLD_PASSWORD } from '../test-support/world';
import type { ErasureSubject, LegalHold } from './legal-hold';

const ORIGIN = 'http://localhost:3000';
const tokenOf = (link: string) => new URL(link).hash.slice(1);

interface Subject {
  ids: string[];
  emails: string[];
}

/**
 * Rows anywhere in the live schema that refer to the subject: every uuid column compared with
 * their ids, every text column with their e-mail addresses and those addresses' blind indexes. Read from information_schema, so a
 * table added later is searched without anyone listing it here.
 */
async function rowsReferring(testApp: TestApp, subject: Subject, exempt: string[] = []): Promise<Record<string, number>> {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    testApp.database.db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and data_type in ('uuid', 'text') order by table_name, column_name`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const found: Record<string, number> = {};
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    if (exempt.includes(table)) continue;
    // Addresses are stored encrypted (P-21); their blind index is what a text column can still match.
    const values =
      type === 'uuid' ? subject.ids : subject.emails.flatMap((email) => [email, ...testApp.sealer.emailIndexes(email).map((index) => index.toLowerCase())]);
    if (values.length === 0) continue;
    const cast = type === 'uuid' ? '::uuid' : '';
    const list = values.map((value) => `'${value.replace(/'/g, "''")}'${cast}`).join(', ');
    const compared = type === 'uuid' ? `"${column}"` : `lower("${column}")`;
    const [row] = await queryRows<{ n: number | string }>(testApp.database.db, sql.raw(`select count(*) as n from "${table}" where ${compared} in (${list})`));
    if (Number(row?.n) > 0) found[`${table}.${column}`] = Number(row?.n);
  }
  return found;
}

async function me(client: ApiClient): Promise<{ id: string; email: string }> {
  return (await client.get('/api/profile')).json<{ id: string; email: string }>();
}

describe('erasure (Art. 17)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();
  const held: { subject: ErasureSubject; accountStillThere: boolean }[] = [];
  // A hold as invoices will have one: it runs inside the transaction, before anything is deleted.
  const recordingHold: LegalHold = {
    table: 'deletion_receipts',
    async retain(tx, subject) {
      const rows = await queryRows<{ n: number | string }>(
        tx,
        sql`select count(*) as n from accounts where id in (${sql.join(
          subject.accountIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
      held.push({ subject, accountStillThere: Number(rows[0]?.n) === subject.accountIds.length });
    },
  };

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, legalHolds: [recordingHold] });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  /** A customer with something in every table: consultations open and ended, a guest waiting, contacts, a pending address change. */
  async function busyCustomer() {
    const customer = await activeCustomer(testApp, mailer);
    const { id } = await me(customer.client);
    const ended = await customer.client.post('/api/consultations', { guests: [{ name: 'Earlier Guest', email: `earlier.${Date.now()}@example.org` }] });
    await customer.client.post(`/api/consultations/${ended.json<{ id: string }>().id}/end`);
    const guestEmail = `waiting.${Date.now()}@example.org`;
    const open = await customer.client.post('/api/consultations', { guests: [{ name: 'Waiting Guest', email: guestEmail, phone: '+4915112345678' }] });
    const consultationId = open.json<{ id: string }>().id;
    const guest = await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), 'Waiting Guest');
    const guestSocket = await connect(port, guest.client, ORIGIN);
    await guestSocket.hello();
    const hostSocket = await connect(port, customer.client, ORIGIN, consultationId);
    await hostSocket.hello();
    await customer.client.post('/api/contacts', { name: 'Saved Contact', email: `contact.${Date.now()}@example.org` });
    await customer.client.post('/api/profile/email', { currentPassword: customer.password, newEmail: `moving.${Date.now()}@example.org` });
    return { ...customer, id, consultationId, guestSocket, hostSocket };
  }

  it('deletes an individual customer and everything of theirs; guests and the customer’s own sockets are told at once', async () => {
    const control = await busyCustomer();
    const customer = await busyCustomer();
    const subject = { ids: [customer.id], emails: [customer.email] };
    expect(Object.keys(await rowsReferring(testApp, subject)).length).toBeGreaterThanOrEqual(6);

    const wrong = await customer.client.post('/api/privacy/delete-account', { currentPassword: 'not my password' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await customer.client.get('/api/profile')).statusCode).toBe(200);

    const deleted = await customer.client.post('/api/privacy/delete-account', { currentPassword: customer.password });
    expect(deleted.statusCode).toBe(200);
    await expect(customer.guestSocket.next('ended')).resolves.toMatchObject({ reason: 'host' });
    expect(await customer.hostSocket.waitClosed()).toBeOneOf([CLOSE_CODES.ended, CLOSE_CODES.unauthenticated]);
    expect(await rowsReferring(testApp, subject)).toEqual({});
    expect((await customer.client.get('/api/profile')).statusCode).toBe(401);
    const login = await customer.client.post('/api/session', { email: customer.email, password: customer.password });
    expect(login.json().error.code).toBe('invalid_credentials');
    expect(mailer.lastTo(customer.email)?.subject).toBe('Ihr Sprechzimmer-Konto wurde gelöscht');
    expect(held.at(-1)).toEqual({ subject: { accountIds: [customer.id], organizationId: null }, accountStillThere: true });

    // Nobody else's data went with it.
    expect(Object.keys(await rowsReferring(testApp, { ids: [control.id], emails: [control.email] })).length).toBeGreaterThanOrEqual(6);
    expect((await control.client.get('/api/contacts')).json<{ contacts: unknown[] }>().contacts).toHaveLength(1);
    control.guestSocket.close();
    control.hostSocket.close();
  });

  it('keeps a representative from leaving people without a representative, and lets a member delete only themselves', async () => {
    const org = await organization(testApp, mailer, 'Keep');
    const member = await org.invite('member');
    const { id: organizationId } = (await org.representative.get('/api/organization')).json<{ id: string }>();

    const refused = await org.representative.post('/api/privacy/delete-account', { currentPassword: WORLD_PASSWORD });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('organization_has_members');
    expect((await org.representative.get('/api/profile')).statusCode).toBe(200);

    const memberProfile = await me(member.client);
    expect((await member.client.post('/api/privacy/delete-account', { currentPassword: WORLD_PASSWORD })).statusCode).toBe(200);
    expect(await rowsReferring(testApp, { ids: [memberProfile.id], emails: [memberProfile.email] })).toEqual({});
    const members = (await org.representative.get('/api/organization/members')).json<{ members: { id: string }[] }>().members;
    expect(members.map((row) => row.id)).not.toContain(memberProfile.id);
    expect(Object.keys(await rowsReferring(testApp, { ids: [organizationId], emails: [] }))).toEqual(['accounts.organization_id', 'organizations.id']);
  });

  it('deletes an organisation with all its people when its representative asks; they are told by e-mail and their sockets close', async () => {
    const org = await organization(testApp, mailer, 'Gone');
    const member = await org.invite('member');
    const staff = await org.invite('staff');
    const invited = await org.invite('member', false);
    const deactivated = await org.invite('member');
    await org.representative.post(`/api/organization/members/${deactivated.id}/deactivate`);
    await member.client.put('/api/profile/basic', { firstName: 'Mona', lastName: 'Member', locale: 'en' });
    const organizationView = (await org.representative.get('/api/organization')).json<{ id: string; email: string; name: string }>();
    const people = await Promise.all([org.representative, member.client, staff.client].map(me));
    const invitedEmail = (await org.representative.get('/api/organization/members'))
      .json<{ members: { id: string; email: string }[] }>()
      .members.find((row) => row.id === invited.id)!.email;
    const deactivatedEmail = (await org.representative.get('/api/organization/members'))
      .json<{ members: { id: string; email: string }[] }>()
      .members.find((row) => row.id === deactivated.id)!.email;
    const guestEmail = `org.guest.${Date.now()}@example.org`;
    const consultation = await member.client.post('/api/consultations', { guests: [{ name: 'Org Guest', email: guestEmail }] });
    const guest = await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), 'Org Guest');
    const guestSocket = await connect(port, guest.client, ORIGIN);
    await guestSocket.hello();
    const memberSocket = await connect(port, member.client, ORIGIN, consultation.json<{ id: string }>().id);
    await memberSocket.hello();
    const subject = {
      ids: [organizationView.id, invited.id, deactivated.id, ...people.map((person) => person.id)],
      emails: [organizationView.email, invitedEmail, deactivatedEmail, ...people.map((person) => person.email)],
    };

    expect((await member.client.post('/api/privacy/delete-organization', { currentPassword: WORLD_PASSWORD })).statusCode).toBe(403);
    expect((await staff.client.post('/api/privacy/delete-organization', { currentPassword: WORLD_PASSWORD })).statusCode).toBe(403);
    const sentBefore = mailer.sent.length;
    const deleted = await org.representative.post('/api/privacy/delete-organization', { currentPassword: WORLD_PASSWORD });
    expect(deleted.statusCode).toBe(200);

    await expect(guestSocket.next('ended')).resolves.toMatchObject({ reason: 'host' });
    expect(await memberSocket.waitClosed()).toBeOneOf([CLOSE_CODES.ended, CLOSE_CODES.unauthenticated]);
    expect(await rowsReferring(testApp, subject)).toEqual({});
    for (const client of [org.representative, member.client, staff.client]) expect((await client.get('/api/profile')).statusCode).toBe(401);

    const notices = mailer.sent.slice(sentBefore);
    const to = (address: string) => notices.filter((message) => message.to === address).map((message) => message.subject);
    expect(to(people[1]!.email)).toEqual(['Your organisation was deleted from Sprechzimmer']);
    expect(to(people[2]!.email)).toEqual(['Ihre Organisation wurde bei Sprechzimmer gelöscht']);
    expect(to(deactivatedEmail)).toEqual(['Ihre Organisation wurde bei Sprechzimmer gelöscht']);
    expect(to(invitedEmail)).toEqual([]);
    expect(to(people[0]!.email)).toEqual(['Ihr Sprechzimmer-Konto wurde gelöscht']);
    expect(held.at(-1)?.subject.organizationId).toBe(organizationView.id);
    expect(held.at(-1)?.accountStillThere).toBe(true);
  });

  it('deletes the organisation with its representative when nobody else belongs to it', async () => {
    const org = await organization(testApp, mailer, 'Alone');
    const organizationView = (await org.representative.get('/api/organization')).json<{ id: string; email: string }>();
    const representative = await me(org.representative);
    expect((await org.representative.post('/api/privacy/delete-account', { currentPassword: WORLD_PASSWORD })).statusCode).toBe(200);
    expect(await rowsReferring(testApp, { ids: [organizationView.id, representative.id], emails: [organizationView.email] })).toEqual({});
  });

  it('refuses an individual customer’s organisation deletion as not found', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const response = await customer.client.post('/api/privacy/delete-organization', { currentPassword: customer.password });
    expect(response.statusCode).toBe(404);
    expect((await customer.client.get('/api/profile')).statusCode).toBe(200);
  });
});
