import { connect } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer, launchChromium, reportServerOnFailure, SmtpCapture, TrackedPage } from './support';

/** The harness itself, the start page and the API documentation, in headless Chromium. */
describe('site and harness', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;

  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it.runIf(process.env.SZ_NETNS === '1')('runs in a loopback-only network namespace', async () => {
    // No route: the connect fails at once, without a packet leaving loopback.
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = connect({ host: '192.0.2.1', port: 80, timeout: 2_000 });
      socket.once('connect', () => {
        socket.destroy();
        resolve(undefined);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }));
      });
      socket.once('error', (err) => resolve(err));
    });
    expect(error?.code).toBe('ENETUNREACH');
  });

  it('serves health endpoints on the embedded database', async () => {
    expect(await (await fetch(`${server.origin}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.origin}/readyz`)).json()).toEqual({ status: 'ok' });
    expect(server.logs()).toContain('embedded database');
  });

  it('renders the start page with nothing from another origin and no errors', async () => {
    const tracked = await TrackedPage.open(browser, server.origin);
    try {
      const response = await tracked.page.goto('/', { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
      await expect.poll(() => tracked.page.locator('#root').innerHTML()).not.toBe('');
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('renders the API documentation (Swagger UI) without third-party requests', async () => {
    const tracked = await TrackedPage.open(browser, server.origin);
    try {
      const response = await tracked.page.goto('/api/docs', { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      await tracked.page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
      expect(await tracked.page.locator('.swagger-ui .info .title').innerText()).toContain('Sprechzimmer API');
      // The operations are listed from /api/openapi.json (served by us).
      await tracked.page.locator('.opblock-summary-path', { hasText: '/api/session' }).first().waitFor();
      expect(tracked.requests.some((url) => url.startsWith(`${server.origin}/api/docs`))).toBe(true);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });
});
