import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyPolicy } from '../common/api/privacy';
import {
  Api,
  AppServer,
  createConsultation,
  createHost,
  HOST_PASSWORD,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';

/**
 * P-04, P-02, Anlage 31b: no request of any page goes to another origin — documents, scripts,
 * styles, fonts, images, API calls and the signaling WebSocket — for a visitor, a guest, an
 * individual customer and an organisation's representative. What the browser keeps (cookies, local
 * and session storage) is exactly what the published cookie list names.
 */
const publicPaths = [
  '/',
  '/register',
  '/register/organization',
  '/register/check-inbox',
  '/confirm-email',
  '/login',
  '/forgot-password',
  '/reset-password',
  '/confirm-email-change',
  '/accept-invitation',
  '/join',
  '/privacy',
  '/imprint',
  '/terms',
  '/help',
  '/no-such-page',
];
const customerPaths = ['/dashboard', '/profile', '/activity', '/contacts', '/consultations/new', '/privacy'];

describe('no request leaves the origin', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let cookieList: PrivacyPolicy['cookies']['items'];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    const policy = (await (await fetch(`${server.origin}/api/site/privacy?lang=en`)).json()) as PrivacyPolicy;
    cookieList = policy.cookies.items;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  /** Every URL the page asked for, WebSockets included, that is not the app's own origin. */
  function foreign(tracked: TrackedPage): string[] {
    const own = (url: string) => {
      if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
      try {
        return new URL(url.replace(/^ws(s?):/, 'http$1:')).origin === server.origin;
      } catch {
        return false;
      }
    };
    return [...tracked.requests, ...tracked.webSockets].filter((url) => !own(url));
  }

  async function visit(tracked: TrackedPage, paths: string[]): Promise<void> {
    for (const path of paths) {
      const response = await tracked.page.goto(path, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBe(200);
      await tracked.page.locator('h1').first().waitFor();
    }
  }

  /** Names in the browser that the published list does not declare (`<call>` stands for any suffix). */
  async function undeclaredStorage(tracked: TrackedPage): Promise<string[]> {
    const declared = cookieList.map((entry) => new RegExp(`^${entry.name.replace(/[.]/g, '\\.').replace('<call>', '\\S+')}$`));
    const cookies = (await tracked.context.cookies()).map((cookie) => cookie.name);
    const storage = await tracked.page.evaluate<string[]>('[...Object.keys(window.localStorage), ...Object.keys(window.sessionStorage)]');
    return [...cookies, ...storage].filter((name) => !declared.some((pattern) => pattern.test(name)));
  }

  it('on every public page, and the privacy page shows the registry’s cookie list', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    try {
      await visit(tracked, publicPaths);
      await tracked.page.goto('/privacy', { waitUntil: 'networkidle' });
      await tracked.page.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
      await tracked.page.getByRole('rowheader', { name: 'sz_session' }).waitFor();
      expect(tracked.requests.length).toBeGreaterThan(publicPaths.length);
      expect(foreign(tracked)).toEqual([]);
      expect(await undeclaredStorage(tracked)).toEqual([]);
      // /join without a link asks the server for a guest place it does not have: 401 is the answer.
      expect(tracked.problems([/status of 401 .*\/api\/join\b/])).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('for an individual customer, including the consultation room and its WebSocket, and for their guest', async () => {
    const host = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    try {
      const api = new Api(host.context.request, server.origin);
      await createHost(api, smtp);
      const guestEmail = uniqueEmail('gast');
      const consultation = await createConsultation(api, [{ name: 'Gerda Gast', email: guestEmail }]);
      await visit(host, [...customerPaths, `/consultations/${consultation.id}`, `/consultations/${consultation.id}/room`]);
      await expect.poll(() => host.webSockets.length).toBeGreaterThan(0);

      await guest.page.goto(await invitationLink(smtp, guestEmail, server.origin), { waitUntil: 'networkidle' });
      await guest.page.locator('h1').first().waitFor();

      for (const tracked of [host, guest]) {
        expect(foreign(tracked)).toEqual([]);
        expect(await undeclaredStorage(tracked)).toEqual([]);
      }
      expect(host.webSockets.every((url) => url.startsWith(server.origin.replace(/^http/, 'ws')))).toBe(true);
      expect(host.problems()).toEqual([]);
      expect(guest.problems()).toEqual([]);
    } finally {
      await host.close();
      await guest.close();
    }
  });

  it('for an organisation’s representative', async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    try {
      const api = new Api(tracked.context.request, server.origin);
      const email = uniqueEmail('praxis');
      await api.expect(202, 'POST', '/api/organizations', {
        representative: { firstName: 'Rita', lastName: 'Vertreterin', dateOfBirth: '1970-01-01', password: HOST_PASSWORD },
        organization: {
          name: 'Praxis Dritte',
          email,
          street: 'Weg',
          houseNumber: '1',
          postalCode: '50667',
          city: 'Köln',
          country: 'DE',
          phone: '0221 1234567',
        },
        acceptTerms: true,
        acceptPrivacyPolicy: true,
      });
      const link = (await smtp.take(email, /Bitte bestätigen Sie Ihre E-Mail-Adresse/)).links.find((url) => new URL(url).pathname === '/confirm-email');
      if (!link) throw new Error('no confirmation link');
      await api.expect(200, 'POST', '/api/accounts/confirm-email', { token: new URL(link).hash.slice(1), password: HOST_PASSWORD });
      await api.expect(200, 'POST', '/api/session', { email, password: HOST_PASSWORD });
      await visit(tracked, [...customerPaths, '/organization']);
      await tracked.page
        .getByRole('heading', { level: 1 })
        .filter({ hasText: /Organisation|Praxis Dritte/ })
        .waitFor();
      expect(foreign(tracked)).toEqual([]);
      expect(await undeclaredStorage(tracked)).toEqual([]);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });
});
