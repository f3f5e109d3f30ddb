import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, organizations } from '../db/schema';
import { ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, readyGuest } from '../test-support/consultations';

let sequence = 0;
const tokenOf = (link: string) => new URL(link).hash.slice(1);

function organizationBody(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    representative: { firstName: 'Rita', lastName: 'Vertreterin', dateOfBirth: '1970-05-01', password: 'praxis passphrase one' },
    organization: {
      name: `Praxis am Dom ${sequence}`,
      email: `praxis.${sequence}.${Date.now()}@example.org`,
      street: 'Domkloster',
      houseNumber: '4',
      postalCode: '50667',
      city: 'Köln',
      country: 'DE',
      phone: '0221 17940100',
    },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
    ...overrides,
  };
}

describe('organisations and members (P-06)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();

  let port = 0;
  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  async function login(email: string, password: string) {
    const client = await new ApiClient(testApp).init();
    const response = await client.post('/api/session', { email, password });
    return { client, response };
  }

  /** A confirmed organisation with its representative logged in. */
  async function organization() {
    const body = organizationBody();
    // Each registration from its own address: the per-client registration limit is not under test here.
    const anonymous = await new ApiClient(testApp, {}, `127.0.9.${sequence}`).init();
    expect((await anonymous.post('/api/organizations', body)).statusCode).toBe(202);
    await anonymous.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(body.organization.email)), password: body.representative.password });
    const { client, response } = await login(body.organization.email, body.representative.password);
    expect(response.statusCode).toBe(200);
    return { representative: client, email: body.organization.email, password: body.representative.password };
  }

  async function invitedMember(representative: ApiClient, role: 'member' | 'staff', name = 'Max') {
    const email = `${name.toLowerCase()}.${++sequence}@example.org`;
    const invited = await representative.post('/api/organization/members', { email, role });
    expect(invited.statusCode).toBe(201);
    const anonymous = await new ApiClient(testApp).init();
    const password = `${name} secret passphrase`;
    const accepted = await anonymous.post('/api/organization/members/accept', {
      token: tokenOf(mailer.linkTo(email)),
      firstName: name,
      lastName: 'Kollege',
      password,
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    });
    expect(accepted.statusCode).toBe(200);
    const { client } = await login(email, password);
    return { client, email, password, id: invited.json<{ id: string }>().id };
  }

  it('registers an organisation whose e-mail confirmation activates both it and its representative', async () => {
    const { representative, email } = await organization();
    const view = (await representative.get('/api/organization')).json();
    expect(view).toMatchObject({ email, yourRole: 'representative', city: 'Köln', phone: '+4922117940100' });
    const [row] = await testApp.database.db
      .select()
      .from(organizations)
      .where(inArray(organizations.emailIndex, testApp.sealer.emailIndexes(email)));
    expect(row?.status).toBe('active');
    const profile = (await representative.get('/api/profile')).json();
    expect(profile).toMatchObject({ kind: 'organization', organizationRole: 'representative', dateOfBirth: '1970-05-01', street: null });
  });

  it('invites a colleague who sets name and password through a single-use link', async () => {
    const { representative } = await organization();
    const email = `new.colleague.${++sequence}@example.org`;
    await representative.post('/api/organization/members', { email, role: 'member' });
    expect(mailer.lastTo(email)?.subject).toBe('Einladung zu einer Organisation bei Sprechzimmer');
    expect(mailer.lastTo(email)?.text).toContain('Praxis am Dom');
    expect((await login(email, '')).response.statusCode).toBe(422);
    expect((await login(email, 'anything at all')).response.statusCode).toBe(401);
    const list = (await representative.get('/api/organization/members')).json().members;
    expect(list.map((member: { status: string; role: string }) => [member.role, member.status])).toEqual([
      ['representative', 'active'],
      ['member', 'invited'],
    ]);
    const member = await invitedMember(representative, 'member', 'Mia');
    expect((await member.client.get('/api/organization')).json().yourRole).toBe('member');
    const renamed = await member.client.put('/api/profile/basic', { firstName: 'Mia', lastName: 'Neuname', locale: 'en' });
    expect(renamed.json()).toMatchObject({ lastName: 'Neuname', locale: 'en', street: null });
    const address = {
      firstName: 'Mia',
      lastName: 'X',
      dateOfBirth: '1990-01-01',
      street: 'S',
      houseNumber: '1',
      postalCode: '50667',
      city: 'K',
      country: 'DE',
      phone: '0221 1234567',
      locale: 'de',
    };
    expect((await member.client.put('/api/profile', address)).statusCode).toBe(403);
    expect((await member.client.get('/api/organization/members')).statusCode).toBe(403);
    expect((await member.client.post('/api/organization/members', { email: 'x@example.org', role: 'member' })).statusCode).toBe(403);
  });

  it('refuses a role or an organisation smuggled into an invitation', async () => {
    const { representative } = await organization();
    const sneaky = await representative.post('/api/organization/members', { email: 'boss@example.org', role: 'representative' });
    expect(sneaky.statusCode).toBe(422);
    const extra = await representative.post('/api/organization/members', { email: 'boss@example.org', role: 'member', organizationId: 'x' });
    expect(extra.json().error.fields.organizationId.code).toBe('unknown_field');
  });

  it('lets practice staff organise but never host a consultation', async () => {
    const { representative } = await organization();
    const staff = await invitedMember(representative, 'staff', 'Sina');
    const attempt = await staff.client.post('/api/consultations', { guests: [{ name: 'Gast', email: 'gast@example.org' }] });
    expect(attempt.statusCode).toBe(403);
  });

  it('cuts a deactivated member off at once: sessions, login and the links of their consultations', async () => {
    const { representative } = await organization();
    const member = await invitedMember(representative, 'member', 'Dirk');
    const created = await member.client.post('/api/consultations', { guests: [{ name: 'Gast', email: `gast.${++sequence}@example.org` }] });
    const guestEmail = created.json().invitations[0].email as string;
    expect((await representative.post(`/api/organization/members/${member.id}/deactivate`)).statusCode).toBe(200);
    expect((await member.client.get('/api/profile')).statusCode).toBe(401);
    const again = await login(member.email, member.password);
    expect(again.response.statusCode).toBe(403);
    expect(again.response.json().error.code).toBe('account_deactivated');
    const guest = await new ApiClient(testApp).init();
    expect((await guest.post('/api/join', { token: tokenOf(mailer.linkTo(guestEmail)) })).statusCode).toBe(410);
    expect((await representative.post(`/api/organization/members/${member.id}/reactivate`)).statusCode).toBe(200);
    expect((await login(member.email, member.password)).response.statusCode).toBe(200);
  });

  it('answers another organisation’s member ids like unknown ones and changes nothing', async () => {
    const first = await organization();
    const member = await invitedMember(first.representative, 'member', 'Olga');
    const second = await organization();
    for (const action of ['deactivate', 'reactivate', 'resend', 'make-representative']) {
      const response = await second.representative.post(`/api/organization/members/${member.id}/${action}`);
      expect(response.statusCode, action).toBe(404);
    }
    expect((await second.representative.delete(`/api/organization/members/${member.id}`)).statusCode).toBe(404);
    const [row] = await testApp.database.db.select().from(accounts).where(eq(accounts.id, member.id));
    expect(row).toMatchObject({ status: 'active', organizationRole: 'member' });
  });

  it('keeps a representative: the last one cannot leave, a successor takes the role over', async () => {
    const { representative, email, password } = await organization();
    const me = (await representative.get('/api/profile')).json().id as string;
    const blocked = await representative.delete(`/api/organization/members/${me}`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('last_representative');
    const successor = await invitedMember(representative, 'member', 'Nora');
    expect((await representative.post(`/api/organization/members/${successor.id}/make-representative`)).statusCode).toBe(200);
    expect((await successor.client.get('/api/organization')).json().yourRole).toBe('representative');
    expect((await representative.get('/api/organization/members')).statusCode).toBe(403);
    expect((await successor.client.delete(`/api/organization/members/${me}`)).statusCode).toBe(200);
    expect((await login(email, password)).response.statusCode).toBe(401);
  });

  it('shows the representative the whole organisation’s activity, filterable by member (P-14)', async () => {
    const { representative } = await organization();
    const first = await invitedMember(representative, 'member', 'Anna');
    const second = await invitedMember(representative, 'member', 'Bert');
    for (const member of [first, second]) {
      const created = await member.client.post('/api/consultations', { guests: [{ name: 'Gast', email: `g.${++sequence}@example.org` }] });
      await member.client.post(`/api/consultations/${created.json().id}/end`);
    }
    const all = (await representative.get('/api/activity')).json().entries;
    expect(all.map((entry: { hostName: string }) => entry.hostName).sort()).toEqual(['Anna Kollege', 'Bert Kollege']);
    const filtered = (await representative.get(`/api/activity?member=${first.id}`)).json().entries;
    expect(filtered.map((entry: { hostName: string }) => entry.hostName)).toEqual(['Anna Kollege']);
    expect((await first.client.get('/api/activity')).json().entries).toHaveLength(1);
    expect((await first.client.get(`/api/activity?member=${second.id}`)).statusCode).toBe(404);
    const other = await organization();
    expect((await other.representative.get(`/api/activity?member=${first.id}`)).statusCode).toBe(404);
  });

  it('lets practice staff organise a professional’s consultation and admit a guest, but never join it', async () => {
    const { representative } = await organization();
    const doctor = await invitedMember(representative, 'member', 'Doris');
    const staff = await invitedMember(representative, 'staff', 'Stefan');
    const guestEmail = `patient.${++sequence}@example.org`;
    // Staff choose from the active professionals by name: not themselves, not invited or deactivated people.
    const pending = await representative.post('/api/organization/members', { email: `pending.${sequence}@example.org`, role: 'member' });
    const away = await invitedMember(representative, 'member', 'Werner');
    await representative.post(`/api/organization/members/${away.id}/deactivate`);
    const professionals = (await staff.client.get('/api/organization/professionals')).json().professionals;
    expect(professionals.map((p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`).sort()).toEqual([
      'Doris Kollege',
      'Rita Vertreterin',
    ]);
    expect(JSON.stringify(professionals)).not.toContain('@');
    expect(professionals.map((p: { id: string }) => p.id)).not.toContain(pending.json().id);
    expect((await doctor.client.get('/api/organization/professionals')).statusCode).toBe(403);
    const created = await staff.client.post('/api/consultations', { onBehalfOf: doctor.id, guests: [{ name: 'Paula Patient', email: guestEmail }] });
    expect(created.statusCode).toBe(201);
    const consultation = created.json();
    expect(consultation.hostName).toBe('Doris Kollege');
    expect((await staff.client.get('/api/consultations')).json().consultations.map((c: { id: string }) => c.id)).toContain(consultation.id);
    expect((await doctor.client.get(`/api/consultations/${consultation.id}`)).statusCode).toBe(200);
    expect(
      (
        await staff.client.post(`/api/consultations/${consultation.id}/invitations`, {
          guest: { name: 'Zweiter Gast', email: `second.${sequence}@example.org` },
        })
      ).statusCode,
    ).toBe(201);

    const guest = await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), 'Paula P.');
    const guestSocket = await connect(port, guest.client, 'http://localhost:3000');
    await guestSocket.hello();
    const message = await staff.client.post(`/api/consultations/${consultation.id}/waiting-room/${guest.participantId}/message`, {
      text: 'Gleich geht es los.',
    });
    expect(message.statusCode).toBe(200);
    expect((await guestSocket.next('waiting-message')).text).toBe('Gleich geht es los.');
    expect((await staff.client.post(`/api/consultations/${consultation.id}/waiting-room/${guest.participantId}/admit`)).statusCode).toBe(200);
    await guestSocket.next('admitted');

    await expect(connect(port, staff.client, 'http://localhost:3000', consultation.id)).rejects.toThrow(/404/);
    expect((await staff.client.get(`/api/consultations/${consultation.id}/ice`)).statusCode).toBe(404);
    expect((await staff.client.post(`/api/consultations/${consultation.id}/end`)).statusCode).toBe(404);

    const otherOrganization = await organization();
    const foreignStaff = await invitedMember(otherOrganization.representative, 'staff', 'Fremd');
    expect((await foreignStaff.client.get(`/api/consultations/${consultation.id}`)).statusCode).toBe(404);
    expect((await foreignStaff.client.post('/api/consultations', { onBehalfOf: doctor.id, guests: [{ name: 'X', email: 'x@example.org' }] })).statusCode).toBe(
      404,
    );
    guestSocket.close();
  });
});
