import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chromiumSuite } from './support';

const run = promisify(execFile);

/** The harness itself, the start page and the API documentation, in headless Chromium. */
describe('site and harness', () => {
  const suite = chromiumSuite();

  it.runIf(process.env.SZ_NETNS === '1')('runs in a closed network namespace: loopback and a veth pair whose ends are both inside', async () => {
    // e2e/netns.sh gives Firefox a veth pair (it gathers no candidate on lo alone); both ends live
    // in this namespace, so a packet routed out of v0 arrives at v1 and goes no further.
    // Netlink answers for this namespace (sysfs may still show the host's): `2: v0@v1: …`.
    const { stdout } = await run('ip', ['-o', 'link', 'show']);
    const links = stdout.trim().split('\n');
    expect(links.map((line) => line.split(': ')[1]).sort()).toEqual(['lo', 'v0@v1', 'v1@v0']);
    // A peer in another namespace would be listed with `link-netns`.
    expect(links.filter((line) => line.includes('link-netns'))).toEqual([]);
    // An address outside: nothing answers, the connect never succeeds.
    const error = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
      const socket = connect({ host: '198.51.100.1', port: 80, timeout: 2_000 });
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
    expect(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']).toContain(error?.code);
  });

  it('serves health endpoints on the embedded database', async () => {
    expect(await (await fetch(`${suite.server.origin}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${suite.server.origin}/readyz`)).json()).toEqual({ status: 'ok' });
    expect(suite.server.logs()).toContain('embedded database');
  });

  it('renders the start page with nothing from another origin and no errors', async () => {
    const tracked = await suite.open();
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
    const tracked = await suite.open();
    try {
      const response = await tracked.page.goto('/api/docs', { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(200);
      await tracked.page.locator('.swagger-ui .info .title').waitFor({ timeout: 15_000 });
      expect(await tracked.page.locator('.swagger-ui .info .title').innerText()).toContain('Sprechzimmer API');
      // The operations are listed from /api/openapi.json (served by us).
      await tracked.page.locator('.opblock-summary-path', { hasText: '/api/session' }).first().waitFor();
      expect(tracked.requests.some((url) => url.startsWith(`${suite.server.origin}/api/docs`))).toBe(true);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });
});
