import { eq } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { accounts, consultations, emailTokens, invitations, knownBrowsers, organizations, passkeyChallenges, sessions } from '../db/schema';
import { CHALLENGE_LIFETIME_MS } from '../passkeys/policy';
import { SESSION_IDLE_TIMEOUT_MS } from '../sessions/policy';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, registrationBody, startTestApp } from '../test-support/app';
import { hostWithConsultation } from '../test-support/consultations';
import type { JobRuleName } from './policy';

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;
const tokenOf = (link: string) => new URL(link).hash.slice(1);

/** A fresh app per test, so that a receipt's count is exactly what the test made due. */
async function setup(start = '2026-01-15T12:00:00Z') {
  const mailer = new MemoryMailer();
  const clock = new ManualClock(start);
  const testApp = await startTestApp({ mailer, clock });
  onTestFinished(() => testApp.close());
  const db = testApp.database.db;
  const run = async (rule: JobRuleName) => {
    const receipt = await testApp.app.retention.runJob(rule);
    if (!receipt) throw new Error(`${rule} did not run`);
    expect(receipt.outcome).toBe('completed');
    return receipt;
  };
  /** Moves the clock to `target` (a Date) plus `offset` milliseconds. */
  const setTime = (target: Date, offset: number) => clock.advance(target.getTime() + offset - clock.now().getTime());
  return { testApp, mailer, clock, db, run, setTime };
}

describe('retention jobs (each writes a receipt with its count)', () => {
  it('deletes a login session once it ended, not a second earlier (P-18)', async () => {
    const { testApp, mailer, clock, db, run, setTime } = await setup();
    const { client } = await activeCustomer(testApp, mailer);
    const loggedInAt = clock.now();
    setTime(loggedInAt, SESSION_IDLE_TIMEOUT_MS - SECOND);
    expect((await run('loginSessions')).rowsDeleted).toBe(0);
    expect(await db.select().from(sessions)).toHaveLength(1);
    setTime(loggedInAt, SESSION_IDLE_TIMEOUT_MS + SECOND);
    const receipt = await run('loginSessions');
    expect(receipt.rowsDeleted).toBe(1);
    expect(receipt.cutoff).toEqual(clock.now());
    expect(await db.select().from(sessions)).toEqual([]);
    expect((await client.get('/api/profile')).statusCode).toBe(401);
  });

  it('deletes passkey challenges nobody answered once they expired, not a second earlier (issue 12)', async () => {
    const { testApp, clock, db, run, setTime } = await setup();
    const visitor = await new ApiClient(testApp).init();
    expect((await visitor.post('/api/session/passkey/options')).statusCode).toBe(200);
    const issuedAt = clock.now();
    setTime(issuedAt, CHALLENGE_LIFETIME_MS - SECOND);
    expect((await run('passkeyChallenges')).rowsDeleted).toBe(0);
    setTime(issuedAt, CHALLENGE_LIFETIME_MS + SECOND);
    expect((await run('passkeyChallenges')).rowsDeleted).toBe(1);
    expect(await db.select().from(passkeyChallenges)).toEqual([]);
  });

  it('forgets a browser 180 days after the last sign-in in it, not a second earlier (issue 12)', async () => {
    const { testApp, mailer, clock, db, run, setTime } = await setup();
    await activeCustomer(testApp, mailer);
    const signedInAt = clock.now();
    expect(await db.select().from(knownBrowsers)).toHaveLength(1);
    setTime(signedInAt, 180 * DAY - SECOND);
    expect((await run('knownBrowsers')).rowsDeleted).toBe(0);
    setTime(signedInAt, 180 * DAY + SECOND);
    expect((await run('knownBrowsers')).rowsDeleted).toBe(1);
    expect(await db.select().from(knownBrowsers)).toEqual([]);
  });

  it('deletes call metadata 3 months after the end, not a second earlier (P-15, Anlage 31b)', async () => {
    const { testApp, mailer, clock, db, run, setTime } = await setup();
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Meta Data']);
    await host.client.post(`/api/consultations/${consultation.id}/end`);
    const deadline = clock.now();
    deadline.setUTCMonth(deadline.getUTCMonth() + 3);
    setTime(deadline, -SECOND);
    expect((await run('callMetadata')).rowsDeleted).toBe(0);
    expect(await db.select().from(consultations)).toHaveLength(1);
    setTime(deadline, SECOND);
    const receipt = await run('callMetadata');
    expect(receipt.rowsDeleted).toBe(1);
    expect(receipt.period).toBe('P3M');
    expect(await db.select().from(consultations)).toEqual([]);
    expect((await run('callMetadata')).rowsDeleted).toBe(0);
  });

  it('deletes in batches until nothing is due, whatever the backlog', async () => {
    const { testApp, mailer, clock, db, run } = await setup();
    await activeCustomer(testApp, mailer);
    const [account] = await db.select({ id: accounts.id }).from(accounts);
    const endedAt = clock.now();
    await db
      .insert(consultations)
      .values(Array.from({ length: 1203 }, () => ({ hostAccountId: account!.id, status: 'ended' as const, validFrom: endedAt, validUntil: endedAt, endedAt })));
    clock.advance(100 * DAY);
    expect((await run('callMetadata')).rowsDeleted).toBe(1203);
    expect(await db.select().from(consultations)).toEqual([]);
  });

  it('ends a consultation nobody ended 12 hours after its window and deletes the guests’ data (P-09)', async () => {
    const { testApp, mailer, db, run, setTime } = await setup();
    const { consultation } = await hostWithConsultation(testApp, mailer, ['Forgotten Guest'], { windowMinutes: 60 });
    const [row] = await db.select().from(consultations).where(eq(consultations.id, consultation.id));
    setTime(row!.validUntil, 12 * HOUR - SECOND);
    expect((await run('abandonedConsultation')).rowsDeleted).toBe(0);
    expect(await db.select().from(invitations)).toHaveLength(1);
    setTime(row!.validUntil, 12 * HOUR + SECOND);
    expect((await run('abandonedConsultation')).rowsDeleted).toBe(1);
    const [ended] = await db.select().from(consultations).where(eq(consultations.id, consultation.id));
    expect(ended?.status).toBe('ended');
    expect(await db.select().from(invitations)).toEqual([]);
  });

  it('deletes registrations and invitations never confirmed 7 days after registration (P-19)', async () => {
    const { testApp, mailer, clock, db, run, setTime } = await setup();
    const registeredAt = clock.now();
    const anonymous = await new ApiClient(testApp, {}, '127.9.0.1').init();
    const individual = registrationBody();
    expect((await anonymous.post('/api/accounts', individual)).statusCode).toBe(202);
    const organization = {
      representative: { firstName: 'Rita', lastName: 'Rep', dateOfBirth: '1970-01-01', password: 'a long practice passphrase' },
      organization: {
        name: 'Praxis Nie',
        email: 'never.confirmed@example.org',
        street: 'Weg',
        houseNumber: '1',
        postalCode: '50667',
        city: 'Köln',
        country: 'DE',
        phone: '0221 1234567',
      },
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    };
    expect((await anonymous.post('/api/organizations', organization)).statusCode).toBe(202);
    const active = await confirmedOrganization(testApp, mailer);
    expect((await active.post('/api/organization/members', { email: 'never.accepted@example.org', role: 'member' })).statusCode).toBe(201);
    const confirmed = await activeCustomer(testApp, mailer);

    setTime(registeredAt, 7 * DAY - SECOND);
    expect((await run('unconfirmedRegistrations')).rowsDeleted).toBe(0);
    expect(await db.select().from(accounts)).toHaveLength(5);

    setTime(registeredAt, 7 * DAY + SECOND);
    // The individual, the representative and their organisation, the invited colleague.
    expect((await run('unconfirmedRegistrations')).rowsDeleted).toBe(4);
    const left = testApp.sealer.openAll('accounts', await db.select({ email: accounts.email, status: accounts.status }).from(accounts));
    expect(left.map((row) => row.status)).toEqual(['active', 'active']);
    expect(left.map((row) => row.email)).toContain(confirmed.email);
    expect((await db.select({ status: organizations.status }).from(organizations)).map((row) => row.status)).toEqual(['active']);
    expect((await run('unconfirmedRegistrations')).rowsDeleted).toBe(0);
  });

  it('keeps an unconfirmed registration while a link re-sent for it still works', async () => {
    const { testApp, clock, db, run, setTime } = await setup();
    const registeredAt = clock.now();
    const anonymous = await new ApiClient(testApp, {}, '127.9.0.2').init();
    const body = registrationBody();
    await anonymous.post('/api/accounts', body);
    setTime(registeredAt, 6 * DAY + 12 * HOUR);
    expect((await anonymous.post('/api/accounts/resend-confirmation', { email: body.email })).statusCode).toBe(202);
    const linkExpires = new Date(clock.now().getTime() + DAY);
    setTime(registeredAt, 7 * DAY + SECOND);
    expect((await run('unconfirmedRegistrations')).rowsDeleted).toBe(0);
    setTime(linkExpires, SECOND);
    expect((await run('unconfirmedRegistrations')).rowsDeleted).toBe(1);
    expect(await db.select().from(accounts)).toEqual([]);
  });

  it('deletes used e-mail links at once and unused ones 7 days after they expired', async () => {
    const { testApp, mailer, db, run, setTime } = await setup();
    const customer = await activeCustomer(testApp, mailer);
    expect((await customer.client.post('/api/password-reset', { email: customer.email })).statusCode).toBe(202);
    const [reset] = await db.select().from(emailTokens).where(eq(emailTokens.purpose, 'reset_password'));
    expect(await db.select().from(emailTokens)).toHaveLength(2);

    expect((await run('emailLinks')).rowsDeleted).toBe(1);
    const confirmLink = tokenOf(mailer.sent.find((mail) => mail.to === customer.email)!.text.match(/https?:\/\/\S+/)![0]);
    expect((await customer.client.post('/api/accounts/confirm-email', { token: confirmLink, password: customer.password })).json().error.code).toBe(
      'token_invalid',
    );

    setTime(reset!.expiresAt, 7 * DAY - SECOND);
    expect((await run('emailLinks')).rowsDeleted).toBe(0);
    expect(
      (await customer.client.post('/api/password-reset/confirm', { token: tokenOf(mailer.linkTo(customer.email)), password: 'another long passphrase' })).json()
        .error.code,
    ).toBe('token_expired');
    setTime(reset!.expiresAt, 7 * DAY + SECOND);
    expect((await run('emailLinks')).rowsDeleted).toBe(1);
    expect(await db.select().from(emailTokens)).toEqual([]);
  });
});

/** A confirmed organisation's logged-in representative. */
async function confirmedOrganization(testApp: Awaited<ReturnType<typeof setup>>['testApp'], mailer: MemoryMailer): Promise<ApiClient> {
  const client = await new ApiClient(testApp, {}, '127.9.0.3').init();
  const email = 'confirmed.practice@example.org';
  const password = 'a long practice passphrase';
  await client.post('/api/organizations', {
    representative: { firstName: 'Cora', lastName: 'Rep', dateOfBirth: '1970-01-01', password },
    organization: { name: 'Praxis Ja', email, street: 'Weg', houseNumber: '2', postalCode: '50667', city: 'Köln', country: 'DE', phone: '0221 1234567' },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  expect((await client.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(email)), password })).statusCode).toBe(200);
  expect((await client.post('/api/session', { email, password })).statusCode).toBe(200);
  return client;
}
