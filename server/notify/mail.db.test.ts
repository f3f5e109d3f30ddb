import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, registrationBody, SmtpCapture, SmtpMailer, startTestApp, type TestApp } from '../test-support/app';
import { OutboxMailer } from './mailer';

describe('mail through a real SMTP server', () => {
  const smtp = new SmtpCapture();
  let testApp: TestApp;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    testApp = await startTestApp({
      mailer: new SmtpMailer(smtpUrl, 'Sprechzimmer <no-reply@example.org>'),
      env: { PUBLIC_URL: 'https://video.example.org' },
    });
  });
  afterAll(async () => {
    await testApp.close();
    await smtp.stop();
  });

  it('delivers the confirmation link built from PUBLIC_URL, and the link confirms the account', async () => {
    const client = await new ApiClient(testApp, { origin: 'https://video.example.org' }).init();
    const body = registrationBody({ locale: 'en' });
    expect((await client.post('/api/accounts', body)).statusCode).toBe(202);
    const mail = await smtp.take(body.email, /confirm your e-mail/);
    expect(mail.links).toHaveLength(1);
    const link = new URL(mail.links[0]!);
    expect(link.origin).toBe('https://video.example.org');
    expect(link.pathname).toBe('/confirm-email');
    expect(link.search).toBe('');
    expect((await client.post('/api/accounts/confirm-email', { token: link.hash.slice(1), password: body.password })).statusCode).toBe(200);
  });
});

describe('local outbox', () => {
  let directory: string;
  let testApp: TestApp;
  let outbox: OutboxMailer;
  const printed: string[] = [];

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'sz-outbox-'));
    outbox = new OutboxMailer(directory, (line) => printed.push(line));
    testApp = await startTestApp({ mailer: outbox, env: { NODE_ENV: 'development', BCRYPT_COST: '12' } });
  });
  afterAll(async () => {
    await testApp.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('writes each message to a file, prints its link and lists it on /dev/outbox', async () => {
    const client = await new ApiClient(testApp).init();
    const body = registrationBody();
    await client.post('/api/accounts', body);
    expect((await readdir(directory)).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    const [entry] = await outbox.list();
    expect(entry?.links[0]).toMatch(/^http:\/\/localhost:3000\/confirm-email#/);
    expect(printed.join('\n')).toContain(entry?.links[0]);
    const page = await testApp.app.http.inject({ method: 'GET', url: '/dev/outbox' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain(entry!.links[0]!);
    expect((await testApp.app.http.inject({ method: 'GET', url: '/api/site' })).json().devOutbox).toBe(true);
  });
});

describe('outbox page in production', () => {
  it('does not exist', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'sz-outbox-'));
    const testApp = await startTestApp({
      mailer: new OutboxMailer(directory, () => undefined),
      env: {
        NODE_ENV: 'production',
        BCRYPT_COST: '12',
        SMTP_URL: 'smtp://127.0.0.1:1',
        PUBLIC_URL: 'https://video.example.org',
        OPERATOR_NAME: 'Praxisverbund Beispiel',
        OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln',
        PRIVACY_CONTACT_EMAIL: 'datenschutz@example.org',
        PROCESSOR_HOSTING: 'self',
        SUPERVISORY_AUTHORITY: 'LDI NRW | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de',
      },
    });
    expect((await testApp.app.http.inject({ method: 'GET', url: '/dev/outbox' })).statusCode).toBe(404);
    await testApp.close();
    await rm(directory, { recursive: true, force: true });
  });
});
