import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountRowsByEmail, activeCustomer, ApiClient, MemoryMailer, registrationBody, startTestApp, type TestApp } from '../test-support/app';

const tokenOf = (link: string) => new URL(link).hash.slice(1);
let address = 0;
const anonymous = (testApp: TestApp) => new ApiClient(testApp, {}, `127.5.${Math.floor(++address / 250)}.${(address % 250) + 1}`).init();

/** Taking over accounts through the e-mail flows: each test replays an attack that once worked. */
describe('account takeover through the e-mail flows (P-05, P-10)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
  });
  afterAll(async () => testApp.close());

  it('pre-hijack: an address registered by a stranger becomes its owner’s, and the stranger’s password stops working', async () => {
    const victim = `victim.${Date.now()}@example.org`;
    const attackerPassword = 'the attacker knows this one';
    const attacker = await anonymous(testApp);
    expect((await attacker.post('/api/accounts', registrationBody({ email: victim, firstName: 'Mallory', password: attackerPassword }))).statusCode).toBe(202);
    const attackersConfirmation = tokenOf(mailer.linkTo(victim));

    // The owner of the mailbox did not register; the confirmation link alone does not confirm.
    const owner = await anonymous(testApp);
    const unconfirmed = await owner.post('/api/accounts/confirm-email', { token: attackersConfirmation, password: 'the owner guesses' });
    expect(unconfirmed.statusCode).toBe(422);
    expect(unconfirmed.json().error.code).toBe('wrong_password');

    // The owner asks for a password reset: it is no longer silently ignored for an unconfirmed account.
    expect((await owner.post('/api/password-reset', { email: victim })).statusCode).toBe(202);
    const resetMail = mailer.lastTo(victim)!;
    expect(new URL(mailer.linkTo(victim)).pathname).toBe('/reset-password');
    expect(resetMail.subject).toMatch(/Passwort/);
    const reset = await owner.post('/api/password-reset/confirm', { token: tokenOf(mailer.linkTo(victim)), password: 'the owner’s own passphrase' });
    expect(reset.statusCode).toBe(200);
    // The web app asks the owner to review what the stranger typed at registration.
    expect(reset.json()).toEqual({ ok: true, handedOver: true });

    expect((await attacker.post('/api/session', { email: victim, password: attackerPassword })).statusCode).toBe(401);
    expect((await owner.post('/api/session', { email: victim, password: 'the owner’s own passphrase' })).statusCode).toBe(200);
    const [row] = await accountRowsByEmail(testApp, victim);
    expect(row?.status).toBe('active');
    expect(row?.emailConfirmedAt).not.toBeNull();
    // The attacker's confirmation link died with the hand-over.
    expect((await attacker.post('/api/accounts/confirm-email', { token: attackersConfirmation, password: attackerPassword })).statusCode).toBe(400);
  });

  it('pre-hijack through "resend confirmation": the owner cannot confirm with the stranger’s password unknown, the stranger cannot confirm without the mailbox', async () => {
    const victim = `victim.resend.${Date.now()}@example.org`;
    const attacker = await anonymous(testApp);
    await attacker.post('/api/accounts', registrationBody({ email: victim, password: 'the attacker knows this one' }));
    const owner = await anonymous(testApp);
    expect((await owner.post('/api/accounts/resend-confirmation', { email: victim })).statusCode).toBe(202);
    const resent = tokenOf(mailer.linkTo(victim));
    expect((await owner.post('/api/accounts/confirm-email', { token: resent, password: 'what the owner would choose' })).statusCode).toBe(422);
    // The link survived the wrong password: the person can still confirm with the right one, or reset.
    const [row] = await accountRowsByEmail(testApp, victim);
    expect(row?.status).toBe('pending');
  });

  it('a registrant who holds the mailbox confirms with the password they chose', async () => {
    const body = registrationBody();
    const client = await anonymous(testApp);
    await client.post('/api/accounts', body);
    expect((await client.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(body.email)), password: body.password })).statusCode).toBe(200);
    expect((await client.post('/api/session', { email: body.email, password: body.password })).statusCode).toBe(200);
  });

  it('ends every reset link mailed before a password change', async () => {
    const { client, email, password } = await activeCustomer(testApp, mailer);
    await (await anonymous(testApp)).post('/api/password-reset', { email });
    const staleReset = tokenOf(mailer.linkTo(email));
    expect((await client.post('/api/profile/password', { currentPassword: password, newPassword: 'a changed passphrase' })).statusCode).toBe(200);
    const used = await (await anonymous(testApp)).post('/api/password-reset/confirm', { token: staleReset, password: 'whoever read the mailbox' });
    expect(used.statusCode).toBe(400);
    expect(used.json().error.code).toBe('token_invalid');
    expect((await (await anonymous(testApp)).post('/api/session', { email, password: 'a changed passphrase' })).statusCode).toBe(200);
  });

  it('registration does the same work whether or not the address is taken (no timing oracle)', async () => {
    const { email } = await activeCustomer(testApp, mailer);
    const work = async (body: Record<string, unknown>) => {
      const [jobs, mails] = [testApp.app.hasher.jobsStarted, mailer.sent.length];
      expect((await (await anonymous(testApp)).post('/api/accounts', body)).statusCode).toBe(202);
      return { hashes: testApp.app.hasher.jobsStarted - jobs, mails: mailer.sent.length - mails };
    };
    const taken = await work(registrationBody({ email }));
    const fresh = await work(registrationBody());
    expect(taken).toEqual({ hashes: 1, mails: 1 });
    expect(fresh).toEqual(taken);
  });
});
