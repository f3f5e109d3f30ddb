import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { queryRows } from '../db/database';
import { activeCustomer, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { OutboxMailer } from './mailer';
import { createMailer, createSmsSender } from './senders';
import { OutboxSmsSender, TwilioSmsSender } from './sms';

const production = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://video.example.org',
  SMTP_URL: 'smtp://mail.example.org:587',
  OPERATOR_NAME: 'Praxisverbund Beispiel GmbH',
  OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln',
  OPERATOR_EMAIL: 'info@example.org',
  PROCESSOR_HOSTING: 'self',
  SUPERVISORY_AUTHORITY: 'Landesbeauftragte für Datenschutz NRW | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de',
};
const twilio = { TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'secret-auth-token-123', TWILIO_FROM: '+4915799912345' };

describe('production never uses the outbox (issue 16, item 3)', () => {
  let dataDir: string;
  const printed: string[] = [];
  const print = (line: string) => printed.push(line);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-sms-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('has no SMS sender in production without a provider, Twilio with one, the outbox only in development', () => {
    expect(createSmsSender(loadConfig({ ...production, DATA_DIR: dataDir }), print)).toBeUndefined();
    expect(createSmsSender(loadConfig({ ...production, ...twilio, DATA_DIR: dataDir }), print)).toBeInstanceOf(TwilioSmsSender);
    expect(createSmsSender(loadConfig({ DATA_DIR: dataDir }), print)).toBeInstanceOf(OutboxSmsSender);
    expect(createMailer(loadConfig({ DATA_DIR: dataDir }), print)).toBeInstanceOf(OutboxMailer);
    expect(createMailer(loadConfig({ ...production, DATA_DIR: dataDir }), print)).not.toBeInstanceOf(OutboxMailer);
    const smtpLess = { ...loadConfig({ ...production, DATA_DIR: dataDir }), mail: { smtpUrl: undefined, from: 'x@example.org' } };
    expect(() => createMailer(smtpLess, print)).toThrow(/SMTP_URL/);
  });

  describe('an SMS invitation without a provider', () => {
    let testApp: TestApp;
    const mailer = new MemoryMailer();

    beforeAll(async () => {
      // The sender main.ts would build for this production configuration: none.
      const sms = createSmsSender(loadConfig({ ...production, DATA_DIR: dataDir }), print);
      testApp = await startTestApp({ mailer, sms: sms ?? null });
    });
    afterAll(async () => testApp.close());

    const count = async (table: string) =>
      Number((await queryRows<{ n: number | string }>(testApp.database.db, sql.raw(`select count(*) as n from ${table}`)))[0]?.n);

    it('is refused with sms_unavailable before anything is stored, and nothing is written or printed', async () => {
      const host = await activeCustomer(testApp, mailer);
      const before = { consultations: await count('consultations'), invitations: await count('invitations') };
      const created = await host.client.post('/api/consultations', {
        guests: [
          { name: 'Mail Guest', email: 'mail.guest@example.org' },
          { name: 'Max Muster', phone: '0171 2345678' },
        ],
      });
      expect(created.statusCode).toBe(422);
      expect(created.json().error.code).toBe('sms_unavailable');
      expect(created.json().error.fields['guests.1.phone'].code).toBe('sms_unavailable');
      expect({ consultations: await count('consultations'), invitations: await count('invitations') }).toEqual(before);
      expect(mailer.lastTo('mail.guest@example.org')).toBeUndefined();

      const mailOnly = await host.client.post('/api/consultations', { guests: [{ name: 'Mail Guest', email: 'mail.guest@example.org' }] });
      expect(mailOnly.statusCode).toBe(201);
      const added = await host.client.post(`/api/consultations/${mailOnly.json().id}/invitations`, { guest: { name: 'Max', phone: '0171 2345678' } });
      expect(added.statusCode).toBe(422);
      expect(added.json().error.fields['guest.phone'].code).toBe('sms_unavailable');
      expect((await host.client.get(`/api/consultations/${mailOnly.json().id}`)).json().invitations).toHaveLength(1);

      expect(await readdir(dataDir)).toEqual([]);
      expect(printed).toEqual([]);
      expect(testApp.logs()).not.toContain('2345678');
    });

    it('tells the web app so that the forms offer e-mail only', async () => {
      const host = await activeCustomer(testApp, mailer);
      expect((await host.client.get('/api/site')).json()).toMatchObject({ smsInvitations: false, devOutbox: false });
    });
  });

  it('tells the web app when SMS invitations are available', async () => {
    const testApp = await startTestApp();
    try {
      const site = await testApp.app.http.inject({ method: 'GET', url: '/api/site' });
      expect(site.json()).toMatchObject({ smsInvitations: true });
    } finally {
      await testApp.close();
    }
  });
});
