import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeAudit, describeFinding, languages, type Finding, type Language, type Size } from './support/axe';
import { addressesFor } from './support/routes';
import {
  Api,
  AppServer,
  addColleague,
  createConsultation,
  createOperator,
  createOrganization,
  launchChromium,
  reportServerOnFailure,
  signInOperator,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
  type ConsultationView,
} from './support';

/**
 * axe-core (WCAG 2.1 A/AA rules, e2e/support/axe.ts) on every route of the web app's route table
 * open to each of the organisation's people — representative, member, practice staff — and to
 * operator staff (operator area, signed in with the authenticator app): in German at phone size
 * (390 × 844) and in English at desktop size, the two combinations e2e/accessibility.e2e.ts leaves
 * out. Serious and critical findings fail the test.
 */
const roleSizesPer: Record<Language, Size[]> = { de: ['tallPhone'], en: ['desktop'] };
const OPERATOR = { email: 'ora@operator.example', name: 'Ora Operator', password: 'operator staff passphrase' };

describe("accessibility (axe): the organisation's people and operator staff", () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const audit = new AxeAudit();
  const report = reportServerOnFailure();

  beforeAll(async () => {
    // Operator staff are created with the CLI, as the README says, before the server opens the database.
    server = await AppServer.start({ smtpUrl: await smtp.start(), prepareData: (dataDir) => createOperator(dataDir, OPERATOR) });
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    audit.printMinor();
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

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
          audit.walk(pages[index]!, language, pathsOf(people[index]!.who, people[index]!.consultation), people[index]!.who, roleSizesPer[language]);
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
});
