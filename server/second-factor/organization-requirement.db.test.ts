import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organization, WORLD_PASSWORD } from '../test-support/world';
import { activeCustomer, ManualClock, MemoryMailer, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from './totp';

const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

describe('an organisation requires a second factor of everyone (issue 12)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-03-02T08:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  async function setUpApp(client: ApiClient): Promise<string> {
    const { secret } = (await client.post('/api/profile/second-factor/totp')).json<{ secret: string }>();
    expect((await client.post('/api/profile/second-factor/totp/confirm', { code: totpCodeAt(secret, clock.now()) })).statusCode).toBe(200);
    clock.advance(STEP_MS);
    return secret;
  }

  it('leads a member without one to the set-up before anything else, and lets them on afterwards', async () => {
    const { representative, invite } = await organization(testApp, mailer, `req-${Date.now()}`);
    const member = await invite('member', true);
    expect((await member.client.get('/api/consultations')).statusCode).toBe(200);

    const on = await representative.put('/api/organization/second-factor', { required: true });
    expect(on.json()).toEqual({ required: true });

    const refused = await member.client.get('/api/consultations');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('second_factor_setup_required');
    expect((await member.client.post('/api/consultations', { guests: [{ name: 'Gast', email: 'gast@example.org' }] })).json().error.code).toBe(
      'second_factor_setup_required',
    );
    const session = await member.client.get('/api/session');
    expect(session.json().secondFactorSetupRequired).toBe(true);
    // What the set-up needs stays open.
    expect((await member.client.get('/api/profile')).statusCode).toBe(200);
    await setUpApp(member.client);
    expect((await member.client.get('/api/consultations')).statusCode).toBe(200);
    expect((await member.client.get('/api/session')).json().secondFactorSetupRequired).toBeUndefined();
    // The representative is held to the same rule.
    expect((await representative.get('/api/organization/members')).json().error.code).toBe('second_factor_setup_required');
  });

  it('is decided by the representative only; an individual customer has no organisation to decide for', async () => {
    const { invite } = await organization(testApp, mailer, `who-${Date.now()}`);
    const member = await invite('member', true);
    const staff = await invite('staff', true);
    expect((await member.client.put('/api/organization/second-factor', { required: true })).statusCode).toBe(403);
    expect((await staff.client.put('/api/organization/second-factor', { required: true })).statusCode).toBe(403);
    const { client } = await activeCustomer(testApp, mailer);
    expect((await client.put('/api/organization/second-factor', { required: true })).statusCode).toBe(404);
  });

  it('keeps a required factor from being turned off', async () => {
    const { representative, invite } = await organization(testApp, mailer, `keep-${Date.now()}`);
    const member = await invite('member', true);
    const secret = await setUpApp(member.client);
    await representative.put('/api/organization/second-factor', { required: true });
    const off = await member.client.post('/api/profile/second-factor/totp/off', {
      currentPassword: WORLD_PASSWORD,
      secondFactorCode: totpCodeAt(secret, clock.now()),
    });
    expect(off.statusCode).toBe(409);
    expect(off.json().error.code).toBe('last_second_factor');
    expect((await member.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
  });

  it('lets the representative reset a member’s factor, tells the member, and never reaches another organisation', async () => {
    const { representative, invite } = await organization(testApp, mailer, `reset-${Date.now()}`);
    const member = await invite('member', true);
    const resetPath = `/api/organization/members/${member.id}/second-factor/reset`;
    await setUpApp(member.client);
    const before = mailer.sent.length;
    // A sensitive action: the password again; a wrong one changes nothing.
    expect((await representative.post(resetPath)).statusCode).toBe(400);
    const wrong = await representative.post(resetPath, { currentPassword: 'not the password at all' });
    expect(wrong.statusCode).toBe(422);
    expect((await member.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
    const reset = await representative.post(resetPath, { currentPassword: WORLD_PASSWORD });
    expect(reset.statusCode).toBe(200);
    expect((await member.client.get('/api/profile/second-factor')).json()).toEqual({ totp: 'off', recoveryCodesLeft: 0, passkeys: 0 });
    const mails = mailer.sent.slice(before);
    expect(mails.map((mail) => mail.subject)).toEqual(['Ihr zweiter Faktor wurde zurückgesetzt']);
    // Nothing left to reset: said so, and no second mail.
    const again = await representative.post(resetPath, { currentPassword: WORLD_PASSWORD });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('member_has_no_second_factor');
    expect(mailer.sent.slice(before)).toHaveLength(1);

    const other = await organization(testApp, mailer, `other-${Date.now()}`);
    expect((await other.representative.post(resetPath, { currentPassword: WORLD_PASSWORD })).statusCode).toBe(404);
    expect((await member.client.post(resetPath, { currentPassword: WORLD_PASSWORD })).statusCode).toBe(403);
  });

  it('asks a representative with a second factor for it before resetting a member’s', async () => {
    const { representative, invite } = await organization(testApp, mailer, `reset-fresh-${Date.now()}`);
    const member = await invite('member', true);
    await setUpApp(member.client);
    const own = await setUpApp(representative);
    const resetPath = `/api/organization/members/${member.id}/second-factor/reset`;
    const withoutCode = await representative.post(resetPath, { currentPassword: WORLD_PASSWORD });
    expect(withoutCode.statusCode).toBe(403);
    expect(withoutCode.json().error.code).toBe('second_factor_required');
    expect((await member.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
    const withCode = await representative.post(resetPath, { currentPassword: WORLD_PASSWORD, secondFactorCode: totpCodeAt(own, clock.now()) });
    expect(withCode.statusCode).toBe(200);
    expect((await member.client.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'off' });
    // The own factor is not reset through the member route.
    clock.advance(STEP_MS);
    const ownId = (await representative.get('/api/profile')).json<{ id: string }>().id;
    const self = await representative.post(`/api/organization/members/${ownId}/second-factor/reset`, {
      currentPassword: WORLD_PASSWORD,
      secondFactorCode: totpCodeAt(own, clock.now()),
    });
    expect(self.statusCode).toBe(404);
    expect((await representative.get('/api/profile/second-factor')).json()).toMatchObject({ totp: 'on' });
  });
});
