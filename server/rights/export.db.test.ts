import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataExport, type DataExport } from '../../common/api/privacy-rights';
import { queryRows } from '../db/database';
import { retentionRules } from '../retention/policy';
import { activeCustomer, ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { readyGuest } from '../test-support/consultations';
import { organization } from '../test-support/world';

const tokenOf = (link: string) => new URL(link).hash.slice(1);

describe('access and portability (Art. 15, Art. 20)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({
      mailer,
      // Processors configured as in production, so the export names where data went.
      env: {
        SMTP_URL: 'smtp://user:secret@mail.example.net:587',
        TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
        TWILIO_AUTH_TOKEN: 'f'.repeat(32),
        TWILIO_FROM: '+4915100000000',
        TURN_URLS: 'turn:turn.example.net:3478?transport=udp',
        TURN_SECRET: 'a turn secret of some length',
        PROCESSOR_HOSTING: 'Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE',
        PROCESSOR_BACKUP: 'Cloud Backup Inc. | 1 Main St, Seattle, WA 98101 | US | SCC',
        PROCESSOR_SMS: 'Twilio Inc. | 101 Spear Street, San Francisco, CA 94105 | US | DPF',
      },
    });
  });
  afterAll(async () => testApp.close());

  it('lists everything stored about the customer, with purposes, retention and recipients, and never a hash', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const stranger = await activeCustomer(testApp, mailer);
    await stranger.client.post('/api/contacts', { name: 'Stranger’s Contact', email: `stranger.contact.${Date.now()}@example.org` });
    const phone = await new ApiClient(testApp).init();
    await phone.post('/api/session', { email: customer.email, password: customer.password });
    const guestEmail = `export.guest.${Date.now()}@example.org`;
    const open = await customer.client.post('/api/consultations', {
      guests: [{ name: 'Greta Guest', email: guestEmail, phone: '+4915112345678' }],
    });
    const ended = await customer.client.post('/api/consultations', { guests: [{ name: 'Ernst Ended', phone: '+4915187654321' }] });
    await customer.client.post(`/api/consultations/${ended.json<{ id: string }>().id}/end`);
    await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), 'Greta G.');
    await customer.client.post('/api/contacts', { name: 'Conny Contact', phone: '+4915199999999' });
    const newEmail = `export.moved.${Date.now()}@example.org`;
    await customer.client.post('/api/profile/email', { currentPassword: customer.password, newEmail });

    const response = await customer.client.get('/api/privacy/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('no-store');
    const document = dataExport.parse(response.json()) as DataExport;

    expect(document.account).toMatchObject({ email: customer.email, firstName: 'Erika', city: 'Köln', restrictedAt: null, status: 'active' });
    expect(document.organization).toBeNull();
    expect(document.consents.map((row) => [row.document, row.withdrawal]).sort()).toEqual([
      ['privacy', 'deleteAccount'],
      ['terms', 'deleteAccount'],
    ]);
    expect(document.sessions).toHaveLength(2);
    expect(document.sessions.filter((row) => row.current)).toHaveLength(1);
    expect(document.consultations.map((row) => row.status).sort()).toEqual(['ended', 'open']);
    const openEntry = document.consultations.find((row) => row.id === open.json<{ id: string }>().id)!;
    expect(openEntry.invitations).toEqual([
      expect.objectContaining({ guestName: 'Greta Guest', guestEmail, guestPhone: '+4915112345678', emailDelivery: 'sent', smsDelivery: 'sent' }),
    ]);
    const endedEntry = document.consultations.find((row) => row.status === 'ended')!;
    expect(endedEntry).toMatchObject({ invitations: [], invitationChannels: ['sms'] });
    expect(document.contacts.map((row) => row.name)).toEqual(['Conny Contact']);
    // The phone's sign-in was news to the account: its mail carries a "this was not me" link, listed too.
    expect(document.emailLinks).toEqual([
      expect.objectContaining({ purpose: 'disown_sign_in' }),
      expect.objectContaining({ purpose: 'change_email', newEmail }),
    ]);

    const byDataset = new Map(document.processing.map((row) => [row.dataset, row]));
    expect([...byDataset.keys()].sort()).toEqual(['account', 'consents', 'consultations', 'contacts', 'emailLinks', 'invitations', 'sessions']);
    expect(byDataset.get('consultations')?.retention).toEqual([{ rule: 'callMetadata', description: retentionRules.callMetadata.description }]);
    expect(byDataset.get('sessions')).toMatchObject({ purpose: 'login', legalBases: ['art6_1b'], origin: 'recordedByUse' });
    expect(byDataset.get('invitations')?.origin).toBe('providedByYouAboutOthers');

    // Art. 19: everything stored lies with the hosting provider and in the backups; invitations went
    // by mail and SMS (one open, one ended consultation), nothing was relayed yet.
    const stored = ['account', 'consents', 'sessions', 'consultations', 'invitations', 'contacts', 'emailLinks'];
    expect(document.recipients).toEqual([
      {
        recipient: 'hosting',
        provider: null,
        name: 'Hetzner Online GmbH',
        address: 'Industriestr. 25, 91710 Gunzenhausen',
        country: 'DE',
        datasets: stored,
        deliveries: 0,
      },
      {
        recipient: 'backup',
        provider: null,
        name: 'Cloud Backup Inc.',
        address: '1 Main St, Seattle, WA 98101',
        country: 'US',
        datasets: stored,
        deliveries: 0,
      },
      {
        recipient: 'smtp',
        provider: 'mail.example.net',
        name: null,
        address: null,
        country: null,
        datasets: ['account', 'emailLinks', 'invitations'],
        deliveries: 1,
      },
      {
        recipient: 'sms',
        provider: 'api.twilio.com',
        name: 'Twilio Inc.',
        address: '101 Spear Street, San Francisco, CA 94105',
        country: 'US',
        datasets: ['invitations'],
        deliveries: 2,
      },
    ]);
    // Per dataset, the recipients from the data inventory that this installation uses.
    expect(byDataset.get('sessions')?.recipients).toEqual(['hosting', 'backup']);
    expect(byDataset.get('invitations')?.recipients).toEqual(['hosting', 'backup', 'smtp', 'sms']);
    // The start-up warned about the transfers outside the EU/EEA that rest on a safeguard.
    expect(testApp.logs()).toMatch(/"level":40.*"processor":"PROCESSOR_BACKUP".*Cloud Backup Inc\. \(PROCESSOR_BACKUP\) is in US/);
    expect(testApp.logs()).toMatch(/"processor":"PROCESSOR_SMS".*under DPF/);

    const body = response.body;
    expect(body).not.toContain('Stranger’s Contact');
    const secrets = await queryRows<{ value: string }>(
      testApp.database.db,
      sql`select password_hash as value from accounts union all select id_hash from sessions
          union all select token_hash from email_tokens union all select token_hash from invitations
          union all select session_hash from participants where session_hash is not null`,
    );
    expect(secrets.length).toBeGreaterThan(8);
    expect(secrets.filter(({ value }) => value && body.includes(value))).toEqual([]);
    expect(body).not.toMatch(/hash/i);
  });

  it('offers the same document as a download', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const response = await customer.client.get('/api/privacy/export?download=1');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="sprechzimmer-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(dataExport.parse(response.json()).account.email).toBe(customer.email);
    expect((await customer.client.get('/api/privacy/export?download=yes')).statusCode).toBe(422);
  });

  it('shows people of an organisation the organisation’s data; the representative provided it', async () => {
    const org = await organization(testApp, mailer, 'Export');
    const member = await org.invite('member');
    const ofMember = dataExport.parse((await member.client.get('/api/privacy/export')).json());
    const ofRepresentative = dataExport.parse((await org.representative.get('/api/privacy/export')).json());
    expect(ofMember.organization).toMatchObject({ name: 'Praxis Export', city: 'Köln' });
    expect(ofMember.account).toMatchObject({ kind: 'organization', organizationRole: 'member', dateOfBirth: null });
    const origin = (document: DataExport) => document.processing.find((row) => row.dataset === 'organization')?.origin;
    expect(origin(ofMember)).toBe('providedByOrganization');
    expect(origin(ofRepresentative)).toBe('providedByYou');
    const mail = (document: DataExport) => document.recipients.find((entry) => entry.recipient === 'smtp');
    expect(mail(ofRepresentative)?.datasets).toContain('organization');
    expect(mail(ofMember)?.datasets).not.toContain('organization');
  });

  it('lets the representative rectify the date of birth given at registration, but not a member', async () => {
    const org = await organization(testApp, mailer, 'Rectify');
    const member = await org.invite('member');
    const changed = await org.representative.put('/api/profile/basic', { firstName: 'Rita', lastName: 'Rep', dateOfBirth: '1971-05-06', locale: 'de' });
    expect(changed.json()).toMatchObject({ firstName: 'Rita', dateOfBirth: '1971-05-06' });
    const refused = await member.client.put('/api/profile/basic', { firstName: 'Max', lastName: 'Member', dateOfBirth: '1971-05-06', locale: 'de' });
    expect(refused.statusCode).toBe(403);
    expect((await member.client.get('/api/profile')).json()).toMatchObject({ dateOfBirth: null });
  });
});
