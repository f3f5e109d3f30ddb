import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, MemoryMailer, registrationBody, startTestApp, type TestApp } from '../test-support/app';

describe('registration and double opt-in (P-05)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
  });
  afterAll(async () => testApp.close());

  it('registers, refuses login before confirmation, then logs in after the mailed link', async () => {
    const client = await new ApiClient(testApp).init();
    const body = registrationBody();
    expect((await client.post('/api/accounts', body)).statusCode).toBe(202);
    const early = await client.post('/api/session', { email: body.email, password: body.password });
    expect(early.statusCode).toBe(403);
    expect(early.json().error.code).toBe('email_not_confirmed');
    const token = new URL(mailer.linkTo(body.email)).hash.slice(1);
    expect((await client.post('/api/accounts/confirm-email', { token })).statusCode).toBe(200);
    const login = await client.post('/api/session', { email: body.email, password: body.password });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.phone).toBe('+492211234567');
  });
});
