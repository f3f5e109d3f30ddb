import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeAudit, describeFinding, languages, viewports, type Finding, type Language, type Size } from './support/axe';
import { admitByName, enterWaitingRoom, openHostRoom, sendChat } from './support/room';
import { addressesFor } from './support/routes';
import {
  Api,
  AppServer,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';

/**
 * axe-core (WCAG 2.1 A/AA rules, e2e/support/axe.ts) on every route of the web app's route table
 * (web/src/routes.ts, so a new page is checked without being named here) logged out and as an
 * individual host, and on the consultation's states: the join page with a consent error, the
 * waiting room, a call with the chat open. The organisation's people and operator staff walk the
 * same table in e2e/accessibility-roles.e2e.ts, a file of its own so that the two walks share the
 * cores with the other page files instead of running one after the other. Each route is checked in
 * two of the four language × size combinations, so that together the two files cover all four:
 * here German at desktop size and English at the 320 px reflow width; the consultation's states at
 * both sizes. Each check also measures reflow and the call controls' size.
 */
const sizesPer: Record<Language, Size[]> = { de: ['desktop'], en: ['phone'] };

describe('accessibility (axe): logged out, an individual host, a consultation', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const audit = new AxeAudit();
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    audit.printMinor();
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('every route in German (desktop) and English (phone), logged out and as an individual host', async () => {
    const setup = await TrackedPage.open(browser, server.origin, { probes: false });
    const api = new Api(setup.context.request, server.origin);
    await createHost(api, smtp);
    const consultation = await createConsultation(api, [{ name: 'Gerda Gast', email: uniqueEmail('gast') }]);
    // The host's public booking page (issue 10), with hours every morning so it shows free slots.
    const { id: hostId } = await api.expect<{ id: string }>(200, 'GET', '/api/profile');
    const mornings = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 }));
    await api.expect(200, 'PUT', `/api/appointments/professionals/${hostId}/hours`, { ranges: mornings, minimumNoticeMinutes: 0 });
    await api.expect(201, 'POST', '/api/appointment-types', { name: 'Sprechstunde', durationMinutes: 30 });
    const bookingSlug = `a11y-${Date.now().toString(36)}`;
    await api.expect(200, 'PUT', '/api/booking-page', { slug: bookingSlug, enabled: true });
    const hostCookies = await setup.context.cookies();
    await setup.close();
    const parameters = { consultationId: consultation.id, bookingSlug };
    const publicPaths = addressesFor(['public', 'operator'], parameters);
    const customerPaths = addressesFor(['customer'], parameters);

    const serious: Finding[] = [];
    for (const language of Object.keys(languages) as Language[]) {
      const visitor = await TrackedPage.open(browser, server.origin, { locale: languages[language], probes: false });
      const host = await TrackedPage.open(browser, server.origin, { locale: languages[language] });
      try {
        await host.context.addCookies(hostCookies);
        // Two walks at once: each page has its own renderer, so axe's work spreads over both cores.
        const walks = await Promise.all([
          audit.walk(visitor, language, publicPaths, 'visitor', sizesPer[language]),
          audit.walk(host, language, [...customerPaths, '/', '/help'], 'host', sizesPer[language]),
        ]);
        serious.push(...walks.flat());
      } finally {
        await visitor.close();
        await host.close();
      }
    }
    expect(serious.map(describeFinding)).toEqual([]);
  }, 420_000);

  it('the join page with a consent error, the waiting room, and a call with the chat open', async () => {
    const hostPage = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    try {
      const api = new Api(hostPage.context.request, server.origin);
      await createHost(api, smtp, { firstName: 'Anna', lastName: 'Arzt' });
      const guestEmail = uniqueEmail('gast');
      const consultation = await createConsultation(api, [{ name: 'Gerda Gast', email: guestEmail }]);
      const link = await invitationLink(smtp, guestEmail, server.origin);
      const serious: Finding[] = [];

      await guest.page.goto(link);
      await guest.page.getByRole('textbox', { name: 'Ihr vollständiger Name' }).waitFor();
      await guest.page.getByRole('button', { name: 'Weiter zur Geräteprüfung' }).click();
      await guest.page.locator('[role="alert"]:not(:empty), [aria-invalid="true"]').first().waitFor();
      serious.push(...(await audit.check(guest.page, 'join with consent error')));

      await guest.page.setViewportSize(viewports.desktop);
      await enterWaitingRoom(guest.page);
      serious.push(...(await audit.check(guest.page, 'waiting room')));

      await hostPage.page.setViewportSize(viewports.desktop);
      await openHostRoom(hostPage.page, consultation.id);
      await admitByName(hostPage.page, 'Gerda Gast');
      await guest.page.setViewportSize(viewports.desktop);
      await sendChat(guest.page, 'Guten Tag');
      serious.push(...(await audit.check(guest.page, 'call with chat (guest)')));
      await hostPage.page.setViewportSize(viewports.desktop);
      await sendChat(hostPage.page, 'Hallo');
      serious.push(...(await audit.check(hostPage.page, 'call with chat (host)')));
      expect(serious.map(describeFinding)).toEqual([]);
    } finally {
      await hostPage.close();
      await guest.close();
    }
  }, 180_000);
});
