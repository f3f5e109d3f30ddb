import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '../../common/legal';
import { consents, emailTokens } from '../db/schema';
import { accountRowsByEmail, activeCustomer, ApiClient, ManualClock, MemoryMailer, registrationBody, startTestApp, type TestApp } from '../test-support/app';

const HOUR = 60 * 60 * 1000;
const tokenOf = (link: string) => new URL(link).hash.slice(1);

describe('accounts', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  describe('registration (P-05)', () => {
    it('stores every field, the accepted text versions and times, and a pending status', async () => {
      const client = await new ApiClient(testApp).init();
      const body = registrationBody({ email: 'Mixed.Case@Example.ORG', phone: '+49 (0)221 987654' });
      expect((await client.post('/api/accounts', body)).statusCode).toBe(202);
      const [row] = await accountRowsByEmail(testApp, 'mixed.case@example.org');
      expect(row).toMatchObject({
        status: 'pending',
        email: 'mixed.case@example.org',
        firstName: 'Erika',
        dateOfBirth: '1975-03-14',
        postalCode: '51147',
        country: 'DE',
        phone: '+49221987654',
      });
      expect(row?.passwordHash).toMatch(/^\$2b\$/);
      const accepted = await testApp.database.db.select().from(consents).where(eq(consents.accountId, row!.id));
      expect(accepted.map((consent) => [consent.document, consent.version]).sort()).toEqual([
        ['privacy', PRIVACY_POLICY_VERSION],
        ['terms', TERMS_VERSION],
      ]);
      expect(accepted[0]?.acceptedAt.getTime()).toBe(clock.now().getTime());
    });

    it('reports each invalid field with a stable code', async () => {
      const client = await new ApiClient(testApp).init();
      const response = await client.post(
        '/api/accounts',
        registrationBody({
          firstName: '   ',
          email: 'not-an-address',
          dateOfBirth: '2015-02-30',
          postalCode: '1234',
          phone: '12',
          password: 'short',
          acceptTerms: false,
        }),
      );
      expect(response.statusCode).toBe(422);
      const fields = response.json().error.fields;
      expect(fields.firstName.code).toBe('required');
      expect(fields.email.code).toBe('invalid_email');
      expect(fields.dateOfBirth.code).toBe('invalid_date');
      expect(fields.postalCode.code).toBe('invalid_postal_code');
      expect(fields.phone.code).toMatch(/invalid_phone|too_short/);
      expect(fields.password).toMatchObject({ code: 'too_short', limit: 10 });
      expect(fields.acceptTerms.code).toBe('must_accept');
    });

    it('refuses minors, common passwords and passwords over 128 characters', async () => {
      const client = await new ApiClient(testApp).init();
      const minor = await client.post('/api/accounts', registrationBody({ dateOfBirth: `${new Date().getUTCFullYear() - 10}-01-01` }));
      expect(minor.json().error.fields.dateOfBirth.code).toBe('too_young');
      const common = await client.post('/api/accounts', registrationBody({ password: 'Password123' }));
      expect(common.json().error.fields.password.code).toBe('common_password');
      const long = await client.post('/api/accounts', registrationBody({ password: 'x'.repeat(129) }));
      expect(long.json().error.fields.password).toMatchObject({ code: 'too_long', limit: 128 });
    });

    it('answers a second registration of an address exactly like the first and warns its owner', async () => {
      const owner = await activeCustomer(testApp, mailer);
      const client = await new ApiClient(testApp).init();
      const again = await client.post('/api/accounts', registrationBody({ email: owner.email, firstName: 'Mallory' }));
      expect(again.statusCode).toBe(202);
      expect(again.json()).toEqual({ ok: true });
      expect(mailer.lastTo(owner.email)?.subject).toMatch(/Registrierungsversuch/);
      const rows = await accountRowsByEmail(testApp, owner.email);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.firstName).toBe('Erika');
    });
  });

  describe('double opt-in', () => {
    it('stores only a hash of a 256-bit token, and the link works once', async () => {
      const client = await new ApiClient(testApp).init();
      const body = registrationBody();
      await client.post('/api/accounts', body);
      const token = tokenOf(mailer.linkTo(body.email));
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      const stored = await testApp.database.db.select({ hash: emailTokens.tokenHash }).from(emailTokens);
      expect(stored.some((row) => row.hash === token)).toBe(false);
      expect((await client.post('/api/accounts/confirm-email', { token, password: body.password })).statusCode).toBe(200);
      const second = await client.post('/api/accounts/confirm-email', { token, password: body.password });
      expect(second.statusCode).toBe(400);
      expect(second.json().error.code).toBe('token_invalid');
    });

    it('expires the link after 24 hours, and a resent link works', async () => {
      const client = await new ApiClient(testApp).init();
      const body = registrationBody();
      await client.post('/api/accounts', body);
      const token = tokenOf(mailer.linkTo(body.email));
      clock.advance(24 * HOUR + 1000);
      const late = await client.post('/api/accounts/confirm-email', { token, password: body.password });
      expect(late.statusCode).toBe(410);
      expect(late.json().error.code).toBe('token_expired');
      expect((await client.post('/api/accounts/resend-confirmation', { email: body.email })).statusCode).toBe(202);
      const fresh = tokenOf(mailer.linkTo(body.email));
      expect(fresh).not.toBe(token);
      expect((await client.post('/api/accounts/confirm-email', { token: fresh, password: body.password })).statusCode).toBe(200);
      expect((await client.post('/api/session', { email: body.email, password: body.password })).statusCode).toBe(200);
    });

    it('answers an unknown token like a used one', async () => {
      const client = await new ApiClient(testApp).init();
      const response = await client.post('/api/accounts/confirm-email', { token: 'A'.repeat(43), password: 'any password' });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('token_invalid');
    });
  });

  describe('password reset', () => {
    it('sets a new password once with a link valid for one hour and ends all sessions', async () => {
      const { client, email, password } = await activeCustomer(testApp, mailer);
      const anonymous = await new ApiClient(testApp).init();
      expect((await anonymous.post('/api/password-reset', { email })).statusCode).toBe(202);
      const token = tokenOf(mailer.linkTo(email));
      const newPassword = 'a completely new passphrase';
      expect((await anonymous.post('/api/password-reset/confirm', { token, password: newPassword })).statusCode).toBe(200);
      expect((await client.get('/api/profile')).statusCode).toBe(401);
      expect((await anonymous.post('/api/session', { email, password })).statusCode).toBe(401);
      expect((await anonymous.post('/api/session', { email, password: newPassword })).statusCode).toBe(200);
      expect((await anonymous.post('/api/password-reset/confirm', { token, password: 'yet another passphrase' })).statusCode).toBe(400);

      await anonymous.post('/api/password-reset', { email });
      const late = tokenOf(mailer.linkTo(email));
      clock.advance(HOUR + 1000);
      const expired = await anonymous.post('/api/password-reset/confirm', { token: late, password: 'too late passphrase' });
      expect(expired.json().error.code).toBe('token_expired');
    });

    it('answers unknown addresses like known ones and sends nothing', async () => {
      const anonymous = await new ApiClient(testApp).init();
      const before = mailer.sent.length;
      const response = await anonymous.post('/api/password-reset', { email: 'nobody@example.org' });
      expect(response.statusCode).toBe(202);
      expect(mailer.sent.length).toBe(before);
    });
  });

  describe('profile', () => {
    it('lets the customer rectify their data, never their e-mail or status through it', async () => {
      const { client } = await activeCustomer(testApp, mailer);
      const profile = (await client.get('/api/profile')).json();
      const update = {
        firstName: 'Erika',
        lastName: 'Musterfrau',
        dateOfBirth: profile.dateOfBirth,
        street: 'Domkloster',
        houseNumber: '4',
        postalCode: '1010',
        city: 'Wien',
        country: 'AT',
        phone: '01 5880 0',
        locale: 'en',
      };
      const updated = await client.put('/api/profile', update);
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ lastName: 'Musterfrau', country: 'AT', phone: '+43158800', locale: 'en' });
      const sneaky = await client.put('/api/profile', { ...update, email: 'other@example.org', status: 'active' });
      expect(sneaky.statusCode).toBe(422);
      expect(Object.keys(sneaky.json().error.fields).sort()).toEqual(['email', 'status']);
    });

    it('changes the password with the current one and ends the other sessions only', async () => {
      const { client, email, password } = await activeCustomer(testApp, mailer);
      const other = await new ApiClient(testApp).init();
      await other.post('/api/session', { email, password });
      const wrong = await client.post('/api/profile/password', { currentPassword: 'not my password', newPassword: 'brand new passphrase' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.code).toBe('wrong_password');
      const changed = await client.post('/api/profile/password', { currentPassword: password, newPassword: 'brand new passphrase' });
      expect(changed.statusCode).toBe(200);
      expect((await client.get('/api/profile')).statusCode).toBe(200);
      expect((await other.get('/api/profile')).statusCode).toBe(401);
      expect(mailer.lastTo(email)?.subject).toMatch(/Passwort wurde geändert/);
    });

    it('changes the e-mail address only after the new address confirms it', async () => {
      const { client, email, password } = await activeCustomer(testApp, mailer);
      const newEmail = `moved.${Date.now()}@example.org`;
      expect((await client.post('/api/profile/email', { currentPassword: password, newEmail })).statusCode).toBe(202);
      expect((await client.get('/api/profile')).json()).toMatchObject({ email, pendingEmail: newEmail });
      expect(mailer.lastTo(email)?.subject).toMatch(/Änderung Ihrer E-Mail-Adresse/);
      const token = tokenOf(mailer.linkTo(newEmail));
      expect((await client.post('/api/profile/email/confirm', { token })).statusCode).toBe(200);
      expect((await client.get('/api/profile')).json()).toMatchObject({ email: newEmail, pendingEmail: null });
      const anonymous = await new ApiClient(testApp).init();
      expect((await anonymous.post('/api/session', { email: newEmail, password })).statusCode).toBe(200);
    });

    it('does not hand an address that belongs to someone else to another account', async () => {
      const first = await activeCustomer(testApp, mailer);
      const second = await activeCustomer(testApp, mailer);
      const before = mailer.sent.length;
      const response = await second.client.post('/api/profile/email', { currentPassword: second.password, newEmail: first.email });
      expect(response.statusCode).toBe(202);
      expect(mailer.sent.length).toBe(before + 1);
      expect(mailer.lastTo(first.email)?.subject).toMatch(/bereits registriert/);
      expect(mailer.lastTo(first.email)?.text).not.toMatch(/https?:/);
    });
  });
});
