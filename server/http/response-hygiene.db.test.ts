import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../test-support/app';
import { activeCustomer, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';

/** Sends bytes as they are (inject() and fetch() would refuse or fix them) and reads the whole answer. */
function rawRequest(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
    socket.write(request);
  });
}

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000').replace('*', 'x');

describe('API answers: caching and refusals before routing (issue 16)', () => {
  let testApp: TestApp;
  let port: number;
  const mailer = new MemoryMailer();
  let customer: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
    customer = (await activeCustomer(testApp, mailer)).client;
  });
  afterAll(async () => testApp.close());

  it('answers the profile, the contacts and the session with Cache-Control: no-store', async () => {
    for (const url of ['/api/profile', '/api/contacts', '/api/session']) {
      const response = await customer.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('sends no-store on every answer of every API route, errors included, unless the route set its own', async () => {
    const routes = testApp.app.routes.filter((route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(40);
    for (const route of routes) {
      const response = await customer.request({ method: route.method as 'GET', url: concrete(route.url), ...(route.method === 'GET' ? {} : { payload: {} }) });
      expect.soft(response.headers['cache-control'], `${route.method} ${route.url} → ${response.statusCode}`).toBe('no-store');
    }
    expect((await customer.get('/api/no-such-route')).headers['cache-control']).toBe('no-store');
  });

  it('answers an over-long path parameter with 414 in the documented format, without echoing it', async () => {
    const marker = `evil${'A'.repeat(300)}`;
    const response = await rawRequest(port, `GET /api/consultations/${marker} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(414);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'uri_too_long', message: expect.any(String) } });
    expect(response.body).not.toContain('evil');
  });

  it('answers headers over the limit with 431 in the documented format, without echoing the URL', async () => {
    const marker = `evil${'B'.repeat(20_000)}`;
    const response = await rawRequest(port, `GET /api/session?${marker} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBe(431);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
    expect(response.body).not.toContain('evil');
    const manyHeaders = await rawRequest(port, `GET /api/session HTTP/1.1\r\nHost: localhost\r\nX-Pad: ${marker}\r\nConnection: close\r\n\r\n`);
    expect(manyHeaders.status).toBe(431);
    expect(manyHeaders.headers.toLowerCase()).toContain('content-type: application/json');
  });

  it('answers a malformed URL in the documented format without echoing it', async () => {
    const response = await rawRequest(port, `GET /api/consultations/%E0%A4%Aevil HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(JSON.parse(response.body).error.code).toEqual(expect.any(String));
    expect(response.body).not.toContain('evil');
  });
});
