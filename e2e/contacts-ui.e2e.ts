import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../server/test-support/signaling';
import {
  Api,
  AppServer,
  createHost,
  invitationLink,
  launchChromium,
  readyGuest,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';

/**
 * Contacts (P-09) and the practice staff's waiting room in the German UI, without any call: a
 * host keeps, edits, invites and deletes contacts and saves a guest only by choice; practice staff
 * set up a consultation for a professional, see the guest arrive by polling, message and admit
 * them — and never get a way into the room.
 */

const PASSWORD = 'Ein langer Satz zum Merken 42';
const EXPECT_MS = 15_000;

async function heading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).first().waitFor({ timeout: EXPECT_MS });
}

async function status(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).first().waitFor({ timeout: EXPECT_MS });
}

/** An organisation with a representative, a member (professional) and practice staff, all through the API. */
async function organization(browser: Browser, server: AppServer, smtp: SmtpCapture) {
  const context = await browser.newContext();
  const api = new Api(context.request, server.origin);
  const email = uniqueEmail('praxis');
  await api.expect(202, 'POST', '/api/organizations', {
    representative: { firstName: 'Rita', lastName: 'Vertreterin', dateOfBirth: '1970-05-01', password: PASSWORD },
    organization: {
      name: 'Praxis am Dom',
      email,
      street: 'Domkloster',
      houseNumber: '4',
      postalCode: '50667',
      city: 'Köln',
      country: 'DE',
      phone: '0221 17940100',
    },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  const confirm = (await smtp.take(email, /bestätigen/)).links.find((link) => new URL(link).pathname === '/confirm-email');
  await api.expect(200, 'POST', '/api/accounts/confirm-email', { token: new URL(confirm ?? '').hash.slice(1), password: PASSWORD });
  await api.expect(200, 'POST', '/api/session', { email, password: PASSWORD });
  api.resetCsrf();
  const invite = async (role: 'member' | 'staff', firstName: string) => {
    const address = uniqueEmail(firstName.toLowerCase());
    await api.expect(201, 'POST', '/api/organization/members', { email: address, role });
    const link = (await smtp.take(address, /^Einladung zu einer Organisation bei Sprechzimmer$/)).links.find(
      (candidate) => new URL(candidate).pathname === '/accept-invitation',
    );
    const anonymous = new Api((await browser.newContext()).request, server.origin);
    await anonymous.expect(200, 'POST', '/api/organization/members/accept', {
      token: new URL(link ?? '').hash.slice(1),
      firstName,
      lastName: 'Kollege',
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    });
    return address;
  };
  return { representative: api, memberEmail: await invite('member', 'Doris'), staffEmail: await invite('staff', 'Stefan') };
}

describe('contacts and the practice staff’s waiting room', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('keeps, edits, invites and deletes contacts; a guest is saved only by explicit choice', async () => {
    const host = await TrackedPage.open(browser, server.origin);
    pages.push(host);
    await createHost(new Api(host.context.request, server.origin), smtp);
    const page = host.page;

    await page.goto('/contacts');
    await heading(page, 'Kontakte');
    await heading(page, 'Noch keine Kontakte gespeichert', 3);

    await page.getByRole('button', { name: 'Kontakt hinzufügen' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Erika Muster');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill('erika@example.org');
    await page.getByRole('button', { name: 'Kontakt speichern' }).click();
    await status(page, 'Erika Muster ist in Ihren Kontakten gespeichert.');

    await page.getByRole('button', { name: 'Erika Muster bearbeiten' }).click();
    await page.getByLabel('Mobilnummer', { exact: true }).fill('0151 23456789');
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    await status(page, 'Die Änderungen an Erika Muster sind gespeichert.');
    await page.getByRole('listitem', { name: 'Erika Muster' }).getByText('Mobil: +49 1512 3456789').waitFor();

    // "Invite" opens the new consultation with Erika as the first guest; a second guest is saved by choice, a third not.
    await page.getByRole('button', { name: 'Erika Muster einladen' }).click();
    await heading(page, 'Videotermin starten');
    expect(await page.getByRole('group', { name: 'Gast 1' }).getByLabel('Name', { exact: true }).inputValue()).toBe('Erika Muster');
    await page.getByRole('group', { name: 'Gast 1' }).getByText('Aus Ihren Kontakten übernommen.').waitFor();
    for (const [number, name, email, save] of [
      [2, 'Max Neu', 'max@example.org', true],
      [3, 'Nora Nichtgespeichert', 'nora@example.org', false],
    ] as const) {
      await page.getByRole('button', { name: 'Weiteren Gast hinzufügen' }).click();
      const row = page.getByRole('group', { name: `Gast ${number}` });
      await row.getByLabel('Name', { exact: true }).fill(name);
      await row.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
      expect(await row.getByLabel('In meinen Kontakten speichern').isChecked()).toBe(false);
      if (save) await row.getByLabel('In meinen Kontakten speichern').check();
    }
    await page.getByRole('button', { name: 'Einladungen senden' }).click();
    await heading(page, 'Videotermin');

    // On the card: Erika and Max are in the contacts, Nora can be saved now.
    await page.getByRole('listitem', { name: 'Erika Muster' }).getByText('In Ihren Kontakten', { exact: true }).waitFor();
    await page.getByRole('listitem', { name: 'Max Neu' }).getByText('In Ihren Kontakten', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'In Kontakten speichern: Nora Nichtgespeichert' }).click();
    await status(page, 'Nora Nichtgespeichert ist in Ihren Kontakten gespeichert.');
    await page.getByRole('listitem', { name: 'Nora Nichtgespeichert' }).getByText('In Ihren Kontakten', { exact: true }).waitFor();

    await page.getByRole('link', { name: 'Kontakte', exact: true }).click();
    await heading(page, 'Kontakte');
    await page.getByText('3 Kontakte').waitFor();
    await page.getByRole('button', { name: 'Max Neu löschen' }).click();
    await page.getByRole('button', { name: 'Ja, löschen' }).click();
    await status(page, 'Max Neu ist aus Ihren Kontakten gelöscht.');
    expect(await page.getByRole('listitem', { name: 'Max Neu' }).count()).toBe(0);

    // The picker on the new consultation fills the first empty row.
    await page.goto('/consultations/new');
    await page.getByLabel('Kontakt', { exact: true }).selectOption({ label: 'Nora Nichtgespeichert · nora@example.org' });
    await page.getByRole('button', { name: 'Als Gast übernehmen' }).click();
    expect(await page.getByRole('group', { name: 'Gast 1' }).getByLabel('E-Mail-Adresse', { exact: true }).inputValue()).toBe('nora@example.org');
    expect(host.consoleErrors).toEqual([]);
  });

  it('lets practice staff set up a consultation for a professional and admit a waiting guest, with no way into the call', async () => {
    const { representative, staffEmail } = await organization(browser, server, smtp);
    const staff = await TrackedPage.open(browser, server.origin);
    pages.push(staff);
    await new Api(staff.context.request, server.origin).expect(200, 'POST', '/api/session', { email: staffEmail, password: PASSWORD });
    const page = staff.page;

    await page.goto('/dashboard');
    await page.getByText('Am Gespräch selbst nehmen Sie nicht teil').first().waitFor();
    await page.getByRole('link', { name: 'Videotermin für eine Fachperson anlegen' }).click();
    await heading(page, 'Videotermin starten');
    // Without choosing the professional the form says what is missing.
    const guestEmail = uniqueEmail('paula');
    await page.getByLabel('Name', { exact: true }).fill('Paula Patient');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(guestEmail);
    expect(await page.getByLabel('In meinen Kontakten speichern').count()).toBe(0);
    await page.getByRole('button', { name: 'Einladungen senden' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /markierten Felder|prüfen/ })
      .first()
      .waitFor();
    await page.getByLabel('Sprechstunde von').selectOption({ label: 'Doris Kollege' });
    await page.getByRole('button', { name: 'Einladungen senden' }).click();
    await heading(page, 'Videotermin');
    await page.getByText('Sprechstunde von Doris Kollege').waitFor();
    expect(await page.getByRole('link', { name: 'Zum Sprechzimmer' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sprechstunde beenden' }).count()).toBe(0);

    await page.goto('/dashboard');
    await heading(page, 'Offene Sprechstunden der Praxis', 2);

    // The guest comes to the waiting room (API and a signaling socket: no browser media needed).
    const guestApi = new Api((await browser.newContext()).request, server.origin);
    await readyGuest(guestApi, await invitationLink(smtp, guestEmail, server.origin), 'Paula P.');
    const cookies = (await guestApi.request.storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const socket = new TestSocket(`${server.origin.replace('http', 'ws')}/api/signaling`, { cookie: cookies, origin: server.origin });
    await socket.opened();
    await socket.hello();

    // The dashboard polls: the waiting guest appears with the staff's actions.
    await page.getByRole('button', { name: 'Paula Patient hereinlassen' }).waitFor({ timeout: EXPECT_MS });
    await page.getByLabel('Nachricht an Paula Patient').fill('Es geht gleich los.');
    await page.getByRole('button', { name: 'An Paula Patient senden' }).click();
    await status(page, 'Ihre Nachricht an Paula Patient ist angekommen.');
    expect((await socket.next('waiting-message')).text).toBe('Es geht gleich los.');
    await page.getByRole('button', { name: 'Paula Patient hereinlassen' }).click();
    await socket.next('admitted');
    await status(page, 'Paula Patient ist hereingelassen und jetzt im Gespräch mit Doris Kollege.');
    await page.getByRole('listitem', { name: 'Paula Patient' }).getByText('Im Gespräch', { exact: true }).waitFor({ timeout: EXPECT_MS });
    expect(await page.getByRole('link', { name: 'Zum Sprechzimmer' }).count()).toBe(0);
    socket.close();

    // The representative's activity page offers the member filter.
    const rep = await TrackedPage.open(browser, server.origin);
    pages.push(rep);
    const session = await representative.request.storageState();
    await rep.context.addCookies(session.cookies);
    await rep.page.goto('/activity');
    await heading(rep.page, 'Aktivitäten');
    // The member names arrive after the page: wait for them rather than read a half-filled list.
    const memberOptions = rep.page.getByLabel('Mitglied', { exact: true }).locator('option');
    await memberOptions.nth(2).waitFor({ state: 'attached' });
    const options = await memberOptions.allTextContents();
    expect(options).toEqual(['Alle Mitglieder', 'Rita Vertreterin', 'Doris Kollege']);
    expect(staff.consoleErrors).toEqual([]);
  });
});
