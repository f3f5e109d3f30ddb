import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, freePort, launchChromium, registerIndividual, reportServerOnFailure, SmtpCapture, TrackedPage } from './support';

/**
 * Issue 12: passkeys in headless Chromium with its virtual authenticator (CDP WebAuthn domain: a
 * platform authenticator holding discoverable credentials that verifies the user), against the real
 * server. WebAuthn needs a domain as RP ID, so the server's PUBLIC_URL is http://localhost:<port>.
 */

/** A passkey-capable device for this page: resident keys, user verification that always succeeds. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

async function logInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Abmelden', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/login');
}

describe('passkeys in the browser (issue 12)', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let origin: string;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    server = await AppServer.start({ port, publicUrl: origin, smtpUrl: await smtp.start() });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    for (const tracked of pages) await tracked.close();
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('adds a named passkey, signs in with it alone, and confirms a password login with it', async () => {
    const tracked = await TrackedPage.open(browser, origin, { probes: false });
    pages.push(tracked);
    const { page } = tracked;
    await addVirtualAuthenticator(page);
    const person = await registerIndividual(new Api(tracked.context.request, origin), smtp, { firstName: 'Pia', lastName: 'Schlüssel' });
    await page.goto(person.confirmationLink);
    await page.getByLabel('Passwort', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigt' }).waitFor();
    await logInWithPassword(page, person.email, person.password);
    await page.waitForURL((url) => url.pathname === '/dashboard');

    await page.goto('/profile');
    const panel = page.getByRole('region', { name: 'Passkeys' });
    await panel.getByText('Sie haben noch keinen Passkey.').waitFor();
    await panel.getByLabel('Name des Passkeys').fill('Laptop');
    await panel.getByRole('button', { name: 'Passkey hinzufügen' }).click();
    await panel.getByText('Der Passkey „Laptop“ ist eingerichtet.').waitFor();
    await panel.getByRole('button', { name: 'Umbenennen: Laptop' }).click();
    await panel.getByLabel('Name des Passkeys').first().fill('Arbeitslaptop');
    await panel.getByRole('button', { name: 'Namen speichern' }).click();
    await panel.getByText('Der Passkey heißt jetzt „Arbeitslaptop“.').waitFor();
    await panel.getByText('noch nie verwendet').waitFor();

    // Signed out, the passkey alone signs in: no e-mail address, no password.
    await logOut(page);
    await page.getByRole('button', { name: 'Mit Passkey anmelden' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');
    const session = (await (await tracked.context.request.get(`${origin}/api/session`)).json()) as { account: { email: string } | null };
    expect(session.account?.email).toBe(person.email);

    // The password now leads to the passkey step, which the same device completes.
    await logOut(page);
    await logInWithPassword(page, person.email, person.password);
    await page.getByRole('heading', { level: 1, name: 'Bestätigungscode' }).waitFor();
    await page.getByText('Ihr Passwort war richtig. Bestätigen Sie die Anmeldung jetzt mit Ihrem Passkey.').waitFor();
    await page.getByRole('button', { name: 'Mit Passkey bestätigen' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard');

    await page.goto('/profile');
    await page.getByRole('region', { name: 'Passkeys' }).getByText('Arbeitslaptop').waitFor();
    expect(await page.getByRole('region', { name: 'Passkeys' }).getByText('noch nie verwendet').count()).toBe(0);

    // A sensitive action asks for the passkey as well: the password alone is refused, then the passkey confirms it.
    const passwordPanel = page.getByRole('region', { name: 'Passwort ändern' });
    await passwordPanel.getByLabel('Aktuelles Passwort').fill(person.password);
    await passwordPanel.getByLabel('Neues Passwort').fill('a brand new long passphrase');
    await passwordPanel.getByRole('button', { name: 'Passwort ändern' }).click();
    await passwordPanel.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();
    expect(await passwordPanel.getByText('Ihr Passwort wurde geändert.', { exact: false }).count()).toBe(0);
    await passwordPanel.getByRole('button', { name: 'Mit Passkey bestätigen' }).click();
    await passwordPanel.getByText('Mit Passkey bestätigt. Sie können jetzt fortfahren.').waitFor();
    await passwordPanel.getByRole('button', { name: 'Passwort ändern' }).click();
    await passwordPanel.getByText('Ihr Passwort wurde geändert.', { exact: false }).waitFor();

    expect(tracked.requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    expect(tracked.cspViolations).toEqual([]);
    expect(tracked.pageErrors).toEqual([]);
  }, 120_000);

  it('lists where the person is signed in, mails a new browser, and signs another browser out', async () => {
    const laptop = await TrackedPage.open(browser, origin, { probes: false });
    const office = await TrackedPage.open(browser, origin, { probes: false });
    pages.push(laptop, office);
    const person = await registerIndividual(new Api(laptop.context.request, origin), smtp, { firstName: 'Lea', lastName: 'Liste' });
    await laptop.page.goto(person.confirmationLink);
    await laptop.page.getByLabel('Passwort', { exact: true }).fill(person.password);
    await laptop.page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await laptop.page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigt' }).waitFor();
    await logInWithPassword(laptop.page, person.email, person.password);
    await laptop.page.waitForURL((url) => url.pathname === '/dashboard');
    // The laptop confirmed the address with the password, so it is known to the account: only the office is news.
    await logInWithPassword(office.page, person.email, person.password);
    await office.page.waitForURL((url) => url.pathname === '/dashboard');
    const notice = await smtp.take(person.email, /Neue Anmeldung bei Ihrem Konto/);
    expect(notice.text).toContain('Chrome, Linux');

    await laptop.page.goto('/profile');
    const panel = laptop.page.getByRole('region', { name: 'Wo Sie angemeldet sind' });
    await panel.getByText('(Dieser Browser)').waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(2);
    expect(await panel.textContent()).not.toMatch(/127\.0\.0\.1|::1/);
    await panel.getByRole('button', { name: 'Chrome unter Linux abmelden' }).click();
    await panel.getByText('Die Anmeldung ist beendet.').waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(1);
    // The other browser is signed out on its next request.
    await office.page.goto('/profile');
    await office.page.waitForURL((url) => url.pathname === '/login');
    expect(laptop.pageErrors).toEqual([]);
  }, 120_000);
});
