import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailTokens } from '../db/schema';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const NEW_SIGN_IN = 'Neue Anmeldung bei Ihrem Konto';
const NEW_PASSWORD = 'a brand new long passphrase';

describe('"this was not me" in the new-sign-in mail (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  /** Someone else signs in with the password from a browser the account does not know: the owner's mail. */
  async function intruderSignsIn(email: string, password: string): Promise<{ intruder: ApiClient; token: string }> {
    const intruder = await new ApiClient(testApp, { 'user-agent': CHROME_WINDOWS }).init();
    expect((await intruder.post('/api/session', { email, password })).statusCode).toBe(200);
    const mail = mailer.sent.findLast((sent) => sent.to === email && sent.subject === NEW_SIGN_IN);
    const link = mail?.text.match(/https?:\/\/\S+\/not-me#\S+/)?.[0];
    expect(link, mail?.text).toBeDefined();
    expect(mail?.html).toContain('Das war ich nicht');
    return { intruder, token: new URL(link!).hash.slice(1) };
  }

  it('ends every session, locks the password and mails a reset link, once', async () => {
    const { client: owner, email, password } = await activeCustomer(testApp, mailer);
    const { intruder, token } = await intruderSignsIn(email, password);
    // Only its hash is stored.
    expect(JSON.stringify(await testApp.database.db.select().from(emailTokens))).not.toContain(token);

    const anywhere = await new ApiClient(testApp).init();
    expect((await anywhere.post('/api/session/not-me', { token })).statusCode).toBe(200);
    expect((await intruder.get('/api/session')).json().account).toBeNull();
    expect((await owner.get('/api/session')).json().account).toBeNull();
    // The password the intruder knows no longer signs in.
    const again = await intruder.post('/api/session', { email, password });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('invalid_credentials');

    const reset = mailer.lastTo(email);
    expect(reset?.subject).toMatch(/Passwort/);
    const resetToken = new URL(mailer.linkTo(email)).hash.slice(1);
    expect(mailer.linkTo(email)).toContain('/reset-password#');
    expect((await owner.post('/api/password-reset/confirm', { token: resetToken, password: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await owner.post('/api/session', { email, password: NEW_PASSWORD })).statusCode).toBe(200);

    const used = await anywhere.post('/api/session/not-me', { token });
    expect(used.statusCode).toBe(400);
    expect(used.json().error.code).toBe('token_invalid');
    expect((await owner.get('/api/session')).json().account?.email).toBe(email);
  });

  it('forgets every known browser, so the next sign-in from the intruder’s is mailed again', async () => {
    const { email, password } = await activeCustomer(testApp, mailer);
    const { intruder, token } = await intruderSignsIn(email, password);
    expect((await intruder.post('/api/session/not-me', { token })).statusCode).toBe(200);
    const resetToken = new URL(mailer.linkTo(email)).hash.slice(1);
    expect((await intruder.post('/api/password-reset/confirm', { token: resetToken, password: NEW_PASSWORD })).statusCode).toBe(200);
    const before = mailer.sent.filter((sent) => sent.to === email && sent.subject === NEW_SIGN_IN).length;
    expect((await intruder.post('/api/session', { email, password: NEW_PASSWORD })).statusCode).toBe(200);
    expect(mailer.sent.filter((sent) => sent.to === email && sent.subject === NEW_SIGN_IN)).toHaveLength(before + 1);
  });

  it('expires after 7 days and refuses a made-up token', async () => {
    const { client: owner, email, password } = await activeCustomer(testApp, mailer);
    const { token } = await intruderSignsIn(email, password);
    clock.advance(7 * 24 * 60 * 60_000 + 1);
    const late = await new ApiClient(testApp).init();
    const expired = await late.post('/api/session/not-me', { token });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('token_expired');
    expect((await late.post('/api/session/not-me', { token: 'x'.repeat(43) })).json().error.code).toBe('token_invalid');
    // Nothing changed: the password still signs in.
    expect((await owner.post('/api/session', { email, password })).statusCode).toBe(200);
  });
});
