import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitByName, enterWaitingRoom, openHostRoom, sendChat } from './support/room';
import { addressesFor } from './support/routes';
import {
  Api,
  AppServer,
  addColleague,
  createConsultation,
  createHost,
  createOperator,
  createOrganization,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  signInOperator,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
  type ConsultationView,
} from './support';

/**
 * axe-core (WCAG 2.1 A/AA rules) on every route of the web app's route table (web/src/routes.ts,
 * so a new page is checked without being named here), logged out and logged in as each kind of
 * person: an individual host, an organisation's representative, a member, practice staff, and
 * operator staff (operator area, signed in with the authenticator app). Each route is checked once
 * per role in two of the four language × size combinations, so that together the four occur and
 * the walk stays within CI's time: logged out and as the individual host in German at desktop size
 * and in English at the 320 px reflow width; as representative, member, staff and operator in
 * German at phone size (390 × 844) and in English at desktop size. The consultation states below
 * run at both sizes: the join page with a consent error, the waiting room, a call with the chat open.
 * Serious and critical findings fail the test; minor and moderate ones are printed (SZ_AXE_REPORT=1
 * prints every finding) for the closing note. Each check also measures reflow and the call
 * controls' size.
 */
// The phone size is WCAG 1.4.10's reflow width (320 CSS px, as 1280 px at 400 % zoom): no page may
// scroll sideways there.
const viewports = { desktop: { width: 1280, height: 800 }, phone: { width: 320, height: 720 }, tallPhone: { width: 390, height: 844 } } as const;
const languages = { de: 'de-DE', en: 'en-GB' } as const;
type Language = keyof typeof languages;
type Size = keyof typeof viewports;
const sizesPer: Record<Language, Size[]> = { de: ['desktop'], en: ['phone'] };
/** The other two combinations, for the organisation's people and operator staff. */
const roleSizesPer: Record<Language, Size[]> = { de: ['tallPhone'], en: ['desktop'] };
const OPERATOR = { email: 'ora@operator.example', name: 'Ora Operator', password: 'operator staff passphrase' };

interface Finding {
  where: string;
  rule: string;
  impact: string;
  targets: string[];
}

const describeFinding = (finding: Finding) => `${finding.impact} ${finding.rule} at ${finding.where}: ${finding.targets.slice(0, 2).join(' | ')}`;

describe('accessibility (axe)', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const findings: Finding[] = [];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    // Operator staff are created with the CLI, as the README says, before the server opens the database.
    server = await AppServer.start({ smtpUrl: await smtp.start(), prepareData: (dataDir) => createOperator(dataDir, OPERATOR) });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    const minor = findings.filter((finding) => !['serious', 'critical'].includes(finding.impact));
    const distinct = new Map<string, Finding>();
    for (const finding of minor) distinct.set(`${finding.rule} ${finding.where.split(' ')[0]}`, finding);
    process.stderr.write(`\naxe: ${minor.length} minor/moderate findings\n`);
    for (const finding of process.env.SZ_AXE_REPORT === '1' ? minor : distinct.values()) {
      process.stderr.write(`  ${finding.impact} ${finding.rule} at ${finding.where}: ${finding.targets.slice(0, 3).join(' | ')}\n`);
    }
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  /**
   * Runs axe at both sizes on what the page shows now; returns the serious/critical findings.
   * Legacy mode runs axe in the page itself: the default opens a blank page per check to merge the
   * frames' results, which doubled the walk's time, and no page of ours has a frame. Colour contrast
   * can be left to another pass of the same route: no colour of ours depends on the window's width or
   * the language (the only colour media query is the dark scheme).
   */
  async function check(page: Page, where: string, sizes: Size[] = ['desktop', 'phone'], contrast = true): Promise<Finding[]> {
    const serious: Finding[] = [];
    for (const size of sizes) {
      await page.setViewportSize(viewports[size]);
      const axe = new AxeBuilder({ page }).setLegacyMode(true).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
      const result = await (contrast ? axe : axe.disableRules(['color-contrast'])).analyze();
      for (const violation of result.violations) {
        const finding = {
          where: `${where} (${size})`,
          rule: violation.id,
          impact: violation.impact ?? 'unknown',
          targets: violation.nodes.map((node) => node.target.join(' ')),
        };
        findings.push(finding);
        if (finding.impact === 'serious' || finding.impact === 'critical') serious.push(finding);
      }
      serious.push(...(await layoutFindings(page, `${where} (${size})`)));
    }
    return serious;
  }

  /**
   * What axe does not measure: content wider than the window (reflow, WCAG 1.4.10) and call controls
   * smaller than 44 × 44 CSS px (target size, WCAG 2.5.5) — both serious for a patient on a phone.
   */
  async function layoutFindings(page: Page, where: string): Promise<Finding[]> {
    const measured = (await page.evaluate(`(() => {
      const root = document.documentElement;
      const small = [...document.querySelectorAll('.call-controls button')]
        .map((button) => ({ name: button.textContent.trim(), box: button.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
        .map(({ name, box }) => name + ' ' + Math.round(box.width) + '×' + Math.round(box.height));
      return { overflow: root.scrollWidth - root.clientWidth, small };
    })()`)) as { overflow: number; small: string[] };
    const found: Finding[] = [];
    if (measured.overflow > 1) found.push({ where, rule: 'reflow', impact: 'serious', targets: [`${measured.overflow} px wider than the window`] });
    if (measured.small.length > 0) found.push({ where, rule: 'target-size', impact: 'serious', targets: measured.small });
    findings.push(...found);
    return found;
  }

  async function walk(tracked: TrackedPage, language: Language, paths: string[], who: string, sizes = sizesPer[language]): Promise<Finding[]> {
    const serious: Finding[] = [];
    for (const path of paths) {
      await tracked.page.goto(path, { waitUntil: 'domcontentloaded' });
      // The heading is rendered at once; the page's data has arrived when no loading status is left.
      await tracked.page.locator('main h1').first().waitFor();
      await tracked.page.locator('main .loading').first().waitFor({ state: 'detached' });
      // Contrast is checked in the German pass, which every route of every role has.
      serious.push(...(await check(tracked.page, `${path} ${language} ${who}`, sizes, language === 'de')));
    }
    return serious;
  }

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
        const walks = await Promise.all([walk(visitor, language, publicPaths, 'visitor'), walk(host, language, [...customerPaths, '/', '/help'], 'host')]);
        serious.push(...walks.flat());
      } finally {
        await visitor.close();
        await host.close();
      }
    }
    expect(serious.map(describeFinding)).toEqual([]);
  }, 420_000);

  it('every logged-in route as representative, member, staff and operator staff, in German (phone) and English (desktop)', async () => {
    const open = () => TrackedPage.open(browser, server.origin, { probes: false });
    const [representative, member, staff, operator] = await Promise.all([open(), open(), open(), open()]);
    const people: Array<{ who: string; cookies: Awaited<ReturnType<TrackedPage['context']['cookies']>>; consultation: ConsultationView }> = [];
    try {
      const representativeApi = new Api(representative.context.request, server.origin);
      const memberApi = new Api(member.context.request, server.origin);
      await createOrganization(representativeApi, smtp, { firstName: 'Rita', lastName: 'Vertretung', organization: 'Praxis am Dom' });
      await addColleague(representativeApi, memberApi, smtp, 'member', { firstName: 'Mia', lastName: 'Mitglied' });
      await addColleague(representativeApi, new Api(staff.context.request, server.origin), smtp, 'staff', { firstName: 'Sven', lastName: 'Praxisteam' });
      const ownConsultation = await createConsultation(representativeApi, [{ name: 'Gerda Gast', email: uniqueEmail('gast') }]);
      const memberConsultation = await createConsultation(memberApi, [{ name: 'Gustav Gast', email: uniqueEmail('gast') }]);
      people.push({ who: 'representative', cookies: await representative.context.cookies(), consultation: ownConsultation });
      people.push({ who: 'member', cookies: await member.context.cookies(), consultation: memberConsultation });
      // Practice staff look after the members' consultations (they admit, never join).
      people.push({ who: 'staff', cookies: await staff.context.cookies(), consultation: memberConsultation });
      // The operator signs in as a person does: password, then the authenticator app is set up.
      await operator.page.goto('/operator/login', { waitUntil: 'domcontentloaded' });
      await signInOperator(operator.page, OPERATOR);
      await operator.page.getByRole('heading', { level: 1, name: 'Kontaktanfragen' }).waitFor();
      people.push({ who: 'operator', cookies: await operator.context.cookies(), consultation: ownConsultation });
    } finally {
      await Promise.all([representative, member, staff, operator].map((tracked) => tracked.close()));
    }

    const pathsOf = (who: string, consultation: ConsultationView): string[] => {
      const access = who === 'operator' ? 'operator' : 'customer';
      // The public pages logged in were checked as the individual host above; their chrome is the same.
      return addressesFor([access], { consultationId: consultation.id, bookingSlug: 'unused' });
    };
    const serious: Finding[] = [];
    for (const language of Object.keys(languages) as Language[]) {
      const pages = await Promise.all(people.map(() => TrackedPage.open(browser, server.origin, { locale: languages[language], probes: false })));
      try {
        await Promise.all(pages.map((tracked, index) => tracked.context.addCookies(people[index]!.cookies)));
        const walkOne = (index: number) =>
          walk(pages[index]!, language, pathsOf(people[index]!.who, people[index]!.consultation), people[index]!.who, roleSizesPer[language]);
        // Two lanes, one per core: representative then staff, member then operator.
        const lanes = await Promise.all([
          (async () => [...(await walkOne(0)), ...(await walkOne(2))])(),
          (async () => [...(await walkOne(1)), ...(await walkOne(3))])(),
        ]);
        serious.push(...lanes.flat());
      } finally {
        await Promise.all(pages.map((tracked) => tracked.close()));
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
      serious.push(...(await check(guest.page, 'join with consent error')));

      await guest.page.setViewportSize(viewports.desktop);
      await enterWaitingRoom(guest.page);
      serious.push(...(await check(guest.page, 'waiting room')));

      await hostPage.page.setViewportSize(viewports.desktop);
      await openHostRoom(hostPage.page, consultation.id);
      await admitByName(hostPage.page, 'Gerda Gast');
      await guest.page.setViewportSize(viewports.desktop);
      await sendChat(guest.page, 'Guten Tag');
      serious.push(...(await check(guest.page, 'call with chat (guest)')));
      await hostPage.page.setViewportSize(viewports.desktop);
      await sendChat(hostPage.page, 'Hallo');
      serious.push(...(await check(hostPage.page, 'call with chat (host)')));
      expect(serious.map(describeFinding)).toEqual([]);
    } finally {
      await hostPage.close();
      await guest.close();
    }
  }, 180_000);
});
