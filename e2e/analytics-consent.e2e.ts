import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppServer, freePort, launchChromium, reportServerOnFailure, TrackedPage } from './support';

/**
 * A stand-in for a self-hosted Matomo/Plausible on a second loopback server: its script reports the
 * page at once and then every 300 ms, like a tracker with heartbeats would.
 */
class FakeAnalytics {
  readonly hits: { path: string; at: number }[] = [];
  private server: Server | undefined;
  origin = '';

  async start(): Promise<string> {
    const port = await freePort();
    this.origin = `http://127.0.0.1:${port}`;
    this.server = createServer((request, response) => {
      this.hits.push({ path: request.url ?? '', at: Date.now() });
      if (request.url?.startsWith('/script.js')) {
        response.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        response.end(`(() => {
          const origin = new URL(document.currentScript.src).origin;
          const ping = () => fetch(origin + '/collect?page=' + encodeURIComponent(location.pathname), { mode: 'no-cors', cache: 'no-store' }).catch(() => {});
          ping();
          setInterval(ping, 300);
        })();`);
        return;
      }
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `${this.origin}/script.js`;
  }

  count(): number {
    return this.hits.length;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('optional analytics consent (P-04)', () => {
  const analytics = new FakeAnalytics();
  let server: AppServer;
  let plain: AppServer;
  let browser: Browser;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    const scriptUrl = await analytics.start();
    [server, plain] = await Promise.all([AppServer.start({ env: { ANALYTICS_URL: scriptUrl, ANALYTICS_RETENTION_MONTHS: '13' } }), AppServer.start()]);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.dispose(report.failed());
    await plain?.dispose(report.failed());
    await analytics.stop();
  });

  it('without ANALYTICS_URL: no banner, no settings link, no other origin in the CSP', async () => {
    const tracked = await TrackedPage.open(browser, plain.origin, { probes: false });
    try {
      const response = await tracked.page.goto('/', { waitUntil: 'networkidle' });
      expect(response?.headers()['content-security-policy']).not.toContain(analytics.origin);
      await tracked.page.getByRole('link', { name: 'Kontakt' }).waitFor();
      expect(await tracked.page.getByRole('region', { name: 'Reichweitenmessung' }).count()).toBe(0);
      expect(await tracked.page.getByRole('button', { name: 'Cookie-Einstellungen' }).count()).toBe(0);
      expect(tracked.requests.filter((url) => !url.startsWith(plain.origin))).toEqual([]);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('loads nothing before consent, reports after opt-in, and nothing more once withdrawn', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    const { page } = tracked;
    const foreign = () => tracked.requests.filter((url) => url.startsWith(analytics.origin));
    try {
      const response = await page.goto('/', { waitUntil: 'networkidle' });
      expect(response?.headers()['content-security-policy']).toContain(analytics.origin);
      const banner = page.getByRole('region', { name: 'Reichweitenmessung' });
      await banner.waitFor();
      // Browsing on without answering: still nothing of the analytics.
      await page.getByRole('link', { name: 'Kontakt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Kontakt' }).waitFor();
      await settle(1000);
      expect(analytics.count()).toBe(0);
      expect(foreign()).toEqual([]);

      await banner.getByRole('button', { name: 'Einverstanden' }).click();
      await expect.poll(() => analytics.hits.map((hit) => hit.path.split('?')[0])).toEqual(expect.arrayContaining(['/script.js', '/collect']));
      expect(await banner.count()).toBe(0);
      expect(await page.evaluate("localStorage.getItem('sprechzimmer.analyticsConsent')")).toBe('granted');
      // The choice holds on the next visit, without asking again.
      await page.reload({ waitUntil: 'domcontentloaded' });
      const beforeReloadHits = analytics.count();
      await expect.poll(() => analytics.count()).toBeGreaterThan(beforeReloadHits);
      expect(await page.getByRole('region', { name: 'Reichweitenmessung' }).count()).toBe(0);

      await page.getByRole('button', { name: 'Cookie-Einstellungen' }).click();
      const settings = page.getByRole('region', { name: 'Reichweitenmessung' });
      await settings.getByText('Zurzeit eingewilligt.').waitFor();
      expect(await page.evaluate('document.activeElement?.textContent')).toBe('Reichweitenmessung');
      await Promise.all([page.waitForEvent('load'), settings.getByRole('button', { name: 'Einwilligung widerrufen' }).click()]);
      expect(await page.evaluate("localStorage.getItem('sprechzimmer.analyticsConsent')")).toBe('denied');
      expect(await page.evaluate("document.getElementById('sz-analytics')")).toBeNull();
      const afterWithdrawal = analytics.count();
      await page.getByRole('link', { name: 'Kontakt' }).click();
      await settle(1500);
      expect(analytics.count()).toBe(afterWithdrawal);
      // Requests to the analytics host are what was consented to (and checked above); nothing else is allowed.
      expect(tracked.problems().filter((problem) => !problem.includes(`request left the origin: ${analytics.origin}/`))).toEqual([]);
    } finally {
      await tracked.close();
    }
  }, 90_000);

  it('never loads the script on a call page, a mailed link or any address with a fragment, even after consent', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    const { page } = tracked;
    await tracked.context.addInitScript({ content: "localStorage.setItem('sprechzimmer.analyticsConsent', 'granted')" });
    const foreign = () => tracked.requests.filter((url) => url.startsWith(analytics.origin));
    try {
      // A guest's invitation (the token is in the fragment), a password link, and a help anchor.
      for (const address of ['/join#an-invitation-token-that-must-stay-here', '/reset-password#a-reset-token', '/help#camera']) {
        await page.goto(address, { waitUntil: 'networkidle' });
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await settle(800);
        expect(foreign(), address).toEqual([]);
      }
      // Moving on to an ordinary page loads it, as consented; nothing it sent carries a token.
      await page.getByRole('contentinfo').getByRole('link', { name: 'Kontakt' }).click();
      await expect.poll(() => foreign().length).toBeGreaterThan(0);
      expect(foreign().join(' ')).not.toMatch(/token/);
      // An in-app move to a call page leaves the loaded script behind: the page loads afresh without it.
      await Promise.all([page.waitForEvent('load'), page.evaluate("history.pushState({}, '', '/join'); dispatchEvent(new PopStateEvent('popstate'))")]);
      await settle(300);
      const afterReload = analytics.count();
      await settle(1200);
      expect(analytics.count()).toBe(afterReload);
      expect(await page.evaluate("document.getElementById('sz-analytics')")).toBeNull();
    } finally {
      await tracked.close();
    }
  }, 60_000);

  it('the privacy page names the analytics host as a recipient, and nothing loads from it there before consent', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    try {
      const before = analytics.count();
      await tracked.page.goto('/privacy', { waitUntil: 'networkidle' });
      const host = new URL(analytics.origin).host;
      await tracked.page.getByRole('heading', { level: 3, name: `Analysedienst des Betreibers (${host})` }).waitFor();
      await tracked.page.getByText('13 Monate nach der Erfassung gelöscht oder anonymisiert', { exact: false }).first().waitFor();
      expect(analytics.count()).toBe(before);
    } finally {
      await tracked.close();
    }
  });

  it('offers the banner in English with both answers equally easy, and declining loads nothing', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false, locale: 'en-GB' });
    try {
      const before = analytics.count();
      await tracked.page.goto('/', { waitUntil: 'networkidle' });
      const banner = tracked.page.getByRole('region', { name: 'Audience measurement' });
      await banner.waitFor();
      const accept = banner.getByRole('button', { name: 'I agree' });
      const decline = banner.getByRole('button', { name: 'Decline' });
      expect(await decline.getAttribute('class')).toBe(await accept.getAttribute('class'));
      await tracked.page.setViewportSize({ width: 360, height: 740 });
      expect(await decline.isVisible()).toBe(true);
      await decline.click();
      expect(await banner.count()).toBe(0);
      await settle(1000);
      expect(analytics.count()).toBe(before);
    } finally {
      await tracked.close();
    }
  });
});
