import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { Api, chromiumSuite, createConsultation, createHost, invitationLink, uniqueEmail } from './support';

/** P-02: the public help centre — reachable from every page, searchable, answers addressable by link. */
describe('help centre', () => {
  const suite = chromiumSuite();
  const { smtp } = suite;

  /** Whether the answer with this anchor id is open (the `open` attribute of its <details>). */
  const isOpen = async (page: Page, id: string) => (await page.locator(`details#${id}`).getAttribute('open')) !== null;

  /** The questions a reader can see right now (summaries of shown answers). */
  const visibleQuestions = (page: Page) => page.locator('details.help-question:visible > summary').allInnerTexts();

  it('is linked from the footer and the landing page, filters as you type, and points to the contact form when nothing matches', async () => {
    const tracked = await suite.open({ probes: false });
    const { page } = tracked;
    try {
      await page.goto('/imprint', { waitUntil: 'networkidle' });
      await page.getByRole('navigation', { name: 'Hilfe und Rechtliches' }).getByRole('link', { name: 'Hilfe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hilfe und häufige Fragen' }).waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Für Patientinnen und Patienten' }).isVisible()).toBe(true);
      expect((await visibleQuestions(page)).length).toBeGreaterThan(20);

      const search = page.getByRole('searchbox', { name: 'Hilfe durchsuchen' });
      const requestsBeforeSearch = tracked.requests.length;
      await search.fill('echo');
      await page.getByRole('status').filter({ hasText: '1 passende Frage' }).waitFor();
      expect(await visibleQuestions(page)).toEqual(['Es hallt oder pfeift.']);
      expect(await page.getByRole('heading', { level: 2, name: 'Für Praxen' }).isVisible()).toBe(false);

      await search.fill('Bildschirm teilen');
      await page.getByRole('status').filter({ hasText: '1 passende Frage' }).waitFor();
      expect(await visibleQuestions(page)).toEqual(['Kann ich meinen Bildschirm zeigen?']);

      await search.fill('Faxgerät Quittung');
      await page.getByRole('status').filter({ hasText: 'Dazu haben wir keine Antwort gefunden.' }).waitFor();
      expect(await visibleQuestions(page)).toEqual([]);
      // Filtering happens in the page: typing asked the server for nothing.
      expect(tracked.requests.slice(requestsBeforeSearch)).toEqual([]);
      await page.getByRole('link', { name: 'zum Kontaktformular' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Kontakt' }).waitFor();

      await page.goto('/', { waitUntil: 'networkidle' });
      await page.getByRole('main').getByRole('link', { name: 'Hilfe und häufige Fragen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hilfe und häufige Fragen' }).waitFor();

      expect(tracked.requests.filter((url) => !url.startsWith(suite.server.origin))).toEqual([]);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('speaks English, and /help#camera opens that answer; a link between answers opens its target', async () => {
    const tracked = await suite.open({ probes: false, locale: 'en-GB' });
    const { page } = tracked;
    try {
      await page.goto('/help#camera', { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1, name: 'Help and frequently asked questions' }).waitFor();
      const camera = page.locator('details#camera');
      await expect.poll(() => isOpen(page, 'camera')).toBe(true);
      expect(await camera.getByText('iPhone and iPad (Safari)').isVisible()).toBe(true);
      expect(await camera.getByText('Android (Chrome)').isVisible()).toBe(true);
      expect(await page.locator('details[open]').count()).toBe(1);
      await expect.poll(() => camera.locator('summary').evaluate((summary) => summary.getBoundingClientRect().top)).toBeLessThan(200);

      await page.getByText('I see no picture.').click();
      await page.getByRole('link', { name: 'bad connection' }).click();
      await expect.poll(() => isOpen(page, 'connection')).toBe(true);
      expect(page.url()).toBe(`${suite.server.origin}/help#connection`);

      await page.getByRole('button', { name: 'Deutsch' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hilfe und häufige Fragen' }).waitFor();
      expect(await page.getByText('Die Verbindung ist schlecht oder bricht ab.').isVisible()).toBe(true);
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('searchbox', { name: 'Search the help' }).fill('waiting room');
      expect(await visibleQuestions(page)).toContain('What does the waiting room mean?');
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('fits a phone and opens answers from the keyboard', async () => {
    const tracked = await suite.open({ probes: false });
    const { page } = tracked;
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/help#camera', { waitUntil: 'networkidle' });
      await expect.poll(() => isOpen(page, 'camera')).toBe(true);
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

      const waiting = page.locator('details#waiting-room');
      await waiting.locator('summary').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => isOpen(page, 'waiting-room')).toBe(true);
      expect(await waiting.getByText('Lassen Sie die Seite geöffnet').isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => isOpen(page, 'waiting-room')).toBe(false);

      await page.getByRole('searchbox', { name: 'Hilfe durchsuchen' }).fill('Kamera erlauben');
      expect(await visibleQuestions(page)).toContain('Wie erlaube ich Kamera und Mikrofon?');
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('a guest whose camera is blocked gets a link to the camera answer that opens in a new tab', async () => {
    const host = await suite.open();
    const guest = await suite.open({ probes: false });
    try {
      const api = new Api(host.context.request, suite.server.origin);
      await createHost(api, smtp);
      const guestEmail = uniqueEmail('gast');
      await createConsultation(api, [{ name: 'Greta Gast', email: guestEmail }]);
      // As if the person had once answered "Block": every request for camera or microphone is refused.
      await guest.context.addInitScript({
        content: "navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));",
      });
      const { page } = guest;
      await page.goto(await invitationLink(smtp, guestEmail, suite.server.origin), { waitUntil: 'networkidle' });
      await page.getByLabel(/^Ich willige ein, dass meine Daten/).check();
      await page.getByRole('button', { name: 'Weiter zur Geräteprüfung', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Kamera und Mikrofon prüfen' }).waitFor();
      const link = page.getByRole('link', { name: 'Weitere Hilfe zu Kamera und Mikrofon (öffnet in einem neuen Tab)' }).first();
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe('/help#camera');
      expect(await link.getAttribute('target')).toBe('_blank');
      const [opened] = await Promise.all([guest.context.waitForEvent('page'), link.click()]);
      await opened.getByRole('heading', { level: 1, name: 'Hilfe und häufige Fragen' }).waitFor();
      await expect.poll(() => isOpen(opened, 'camera')).toBe(true);
      // The device check is still there in the first tab.
      expect(await page.getByRole('heading', { level: 1, name: 'Kamera und Mikrofon prüfen' }).isVisible()).toBe(true);
      expect(guest.problems()).toEqual([]);
    } finally {
      await guest.close();
      await host.close();
    }
  }, 60_000);
});
