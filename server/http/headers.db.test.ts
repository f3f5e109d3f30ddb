import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, startTestApp, type TestApp } from '../test-support/app';

describe('security headers and health', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(async () => testApp.close());

  it('sends a strict CSP and the other protective headers on every response', async () => {
    for (const url of ['/api/session', '/healthz', '/api/unknown', '/api/openapi.json']) {
      const response = await testApp.app.http.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-inline');
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['referrer-policy'], url).toBe('no-referrer');
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
      expect(response.headers['permissions-policy'], url).toContain('camera=(self)');
    }
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const response = await testApp.app.http.inject({ method: 'GET', url: '/api/nothing-here?token=abc' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.body).not.toContain('token=abc');
  });

  it('reports ready while the database answers, and 503 when it does not', async () => {
    const client = await new ApiClient(testApp).init();
    expect((await client.get('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await client.get('/readyz')).statusCode).toBe(200);
    const failing = await startTestApp();
    await failing.database.close();
    const response = await failing.app.http.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable' });
    await failing.app.http.close();
  });
});
