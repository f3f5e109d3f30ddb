import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../common/signaling';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect } from '../test-support/consultations';
import { organization, WORLD_PASSWORD } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';

describe('restriction of processing (Art. 18)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  it('freezes the account at the person’s request: sessions and sockets end, no login, data kept, until the operator lifts it', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const otherDevice = await new ApiClient(testApp).init();
    await otherDevice.post('/api/session', { email: customer.email, password: customer.password });
    const consultation = await customer.client.post('/api/consultations', { guests: [{ name: 'Kept Guest', email: `kept.${Date.now()}@example.org` }] });
    const consultationId = consultation.json<{ id: string }>().id;
    const socket = await connect(port, customer.client, ORIGIN, consultationId);
    await socket.hello();
    const { id } = (await customer.client.get('/api/profile')).json<{ id: string }>();

    const wrong = await customer.client.post('/api/privacy/restrict', { currentPassword: 'not the password' });
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await otherDevice.get('/api/profile')).statusCode).toBe(200);

    const restricted = await customer.client.post('/api/privacy/restrict', { currentPassword: customer.password });
    expect(restricted.statusCode).toBe(200);
    expect(restricted.json()).toMatchObject({ account: null });
    expect(await socket.waitClosed()).toBe(CLOSE_CODES.unauthenticated);
    expect((await otherDevice.get('/api/profile')).statusCode).toBe(401);
    const login = await customer.client.post('/api/session', { email: customer.email, password: customer.password });
    expect(login.statusCode).toBe(403);
    expect(login.json().error.code).toBe('account_restricted');
    // A wrong password still answers like any wrong password: the restriction shows only to the owner.
    const guessed = await customer.client.post('/api/session', { email: customer.email, password: 'a wrong password' });
    expect(guessed.json().error.code).toBe('invalid_credentials');

    const mailsBefore = mailer.sent.length;
    await customer.client.post('/api/password-reset', { email: customer.email });
    expect(mailer.sent.length).toBe(mailsBefore);

    expect(await testApp.app.rights.liftRestriction(id)).toBe(true);
    expect(await testApp.app.rights.liftRestriction(id)).toBe(false);
    expect((await customer.client.post('/api/session', { email: customer.email, password: customer.password })).statusCode).toBe(200);
    // Data kept: the open consultation and its guest are still there.
    const kept = await customer.client.get(`/api/consultations/${consultationId}`);
    expect(kept.json<{ status: string; invitations: { guestName: string }[] }>()).toMatchObject({ status: 'open', invitations: [{ guestName: 'Kept Guest' }] });
  });

  it('sends no invitations in the name of a restricted professional, not even through practice staff', async () => {
    const org = await organization(testApp, mailer, 'Restricted');
    const member = await org.invite('member');
    const staff = await org.invite('staff');
    const { id: memberId, email: memberEmail } = (await member.client.get('/api/profile')).json<{ id: string; email: string }>();
    const guestEmail = `before.${Date.now()}@example.org`;
    const created = await staff.client.post('/api/consultations', { onBehalfOf: memberId, guests: [{ name: 'Before', email: guestEmail }] });
    expect(created.statusCode).toBe(201);
    const { id: consultationId, invitations } = created.json<{ id: string; invitations: { id: string }[] }>();

    await testApp.app.rights.restrict(memberId);
    expect((await member.client.get('/api/profile')).statusCode).toBe(401);
    const mailsBefore = mailer.sent.length;
    const refusals = [
      await staff.client.post('/api/consultations', { onBehalfOf: memberId, guests: [{ name: 'New', email: `new.${Date.now()}@example.org` }] }),
      await staff.client.post(`/api/consultations/${consultationId}/invitations`, { guest: { name: 'Added', email: `added.${Date.now()}@example.org` } }),
      await staff.client.post(`/api/consultations/${consultationId}/invitations/${invitations[0]!.id}/resend`),
    ];
    expect(refusals.map((response) => [response.statusCode, response.json().error.code])).toEqual([
      [403, 'account_restricted'],
      [403, 'account_restricted'],
      [403, 'account_restricted'],
    ]);
    expect(mailer.sent.length).toBe(mailsBefore);

    await testApp.app.rights.liftRestriction(memberId);
    expect((await staff.client.post(`/api/consultations/${consultationId}/invitations/${invitations[0]!.id}/resend`)).statusCode).toBe(200);
    expect(mailer.lastTo(guestEmail)).toBeDefined();
    const again = await new ApiClient(testApp).init();
    expect((await again.post('/api/session', { email: memberEmail, password: WORLD_PASSWORD })).statusCode).toBe(200);
  });
});
