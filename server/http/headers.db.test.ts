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

  it('sends them too when a WebSocket upgrade is refused over HTTP', async () => {
    const response = await testApp.app.http.inject({
      method: 'GET',
      url: '/api/signaling',
      headers: { connection: 'Upgrade', upgrade: 'websocket', origin: 'https://elsewhere.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['permissions-policy']).toContain('camera=(self)');
  });

  it('allows no other origin, and mentions no analytics, while none is configured (P-04)', async () => {
    const response = await testApp.app.http.inject({ method: 'GET', url: '/api/site' });
    expect(String(response.headers['content-security-policy'])).not.toMatch(/https?:\/\//);
    expect(response.json().analyticsUrl).toBeNull();
  });

  it('allows exactly the configured analytics origin for scripts, requests and images (P-04)', async () => {
    const configured = await startTestApp({ env: { ANALYTICS_URL: 'https://stats.example.org/js/script.js', ANALYTICS_RETENTION_MONTHS: '13' } });
    try {
      const response = await configured.app.http.inject({ method: 'GET', url: '/api/site' });
      const directives = Object.fromEntries(
        String(response.headers['content-security-policy'])
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      for (const name of ['script-src', 'connect-src', 'img-src']) expect(directives[name], name).toContain('https://stats.example.org');
      expect(directives['default-src']).toEqual(["'self'"]);
      expect(directives['frame-src'] ?? []).not.toContain('https://stats.example.org');
      expect(response.json().analyticsUrl).toBe('https://stats.example.org/js/script.js');
    } finally {
      await configured.close();
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
