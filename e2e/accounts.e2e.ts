import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/database';
import { emailTokens } from '../server/db/schema';
import { sha256 } from '../server/security/tokens';
import { chromiumSuite, type TrackedPage } from './support';

/**
 * The account journey in headless Chromium against the real server (German UI, PGlite, mail via
 * a real SMTP capture): register → confirm by the mailed link → log in → dashboard → edit the
 * profile → log out; a wrong password; an invalid and an expired confirmation link. On every page:
 * no request leaves the origin, no console error, no CSP violation. (/api/docs: site.e2e.ts.)
 */

const PASSWORD = 'Ein langer Satz zum Merken 42';
const CONFIRMATION_SUBJECT = /Bitte bestätigen Sie Ihre E-Mail-Adresse/;

let addressCounter = 0;
function uniqueEmail(name: string): string {
  addressCounter += 1;
  return `${name}.${Date.now().toString(36)}${addressCounter}@praxis-e2e.example.org`;
}

/** Chromium logs every 4xx answer to fetch() as a console error; a test allows those it provokes. */
function httpStatusError(status: number, path: string): RegExp {
  return new RegExp(`^Failed to load resource: the server responded with a status of ${status} .*${path.replace(/\//g, '\\/')}\\)$`);
}

async function heading(page: Page): Promise<string> {
  const h1 = page.locator('main h1');
  await h1.waitFor();
  return (await h1.innerText()).trim();
}

/** Waits until the page's <h1> reads `text` (client-side pages render their final heading later). */
async function expectHeading(page: Page, text: string): Promise<void> {
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe(text);
}

async function expectPath(page: Page, path: string): Promise<void> {
  await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toBe(path);
}

async function expectText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).first().waitFor({ timeout: 15_000 });
}

describe('accounts in the browser (German UI)', () => {
  const suite = chromiumSuite();
  const { smtp } = suite;

  async function openPage(): Promise<TrackedPage> {
    return suite.open({ locale: 'de-DE' });
  }

  /** Registers through the API of the page's context (setup for tests about other pages). */
  async function registerByApi(tracked: TrackedPage, email: string): Promise<string> {
    const session = await tracked.context.request.get('/api/session');
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const response = await tracked.context.request.post('/api/accounts', {
      headers: { 'x-csrf-token': csrfToken, origin: suite.server.origin },
      data: {
        firstName: 'Bernd',
        lastName: 'Beispiel',
        dateOfBirth: '1975-11-03',
        email,
        street: 'Domkloster',
        houseNumber: '4',
        postalCode: '50667',
        city: 'Köln',
        country: 'DE',
        phone: '0221 1234567',
        password: PASSWORD,
        acceptTerms: true,
        acceptPrivacyPolicy: true,
      },
    });
    expect(response.status()).toBe(202);
    return confirmationLink(email);
  }

  async function confirmationLink(email: string): Promise<string> {
    const mail = await smtp.take(email, CONFIRMATION_SUBJECT);
    const link = mail.links.find((candidate) => new URL(candidate).pathname === '/confirm-email');
    expect(link, `confirmation link in:\n${mail.text}`).toBeDefined();
    expect(new URL(link!).origin).toBe(suite.server.origin);
    // The token travels in the fragment, which the browser never sends to the server.
    expect(new URL(link!).hash.length).toBeGreaterThan(20);
    return link!;
  }

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto('/login');
    await expectHeading(page, 'Anmelden');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
  }

  it('registers, confirms the mailed link, logs in, edits the profile and logs out', async () => {
    const tracked = await openPage();
    const { page } = tracked;
    const email = uniqueEmail('anna.muster');

    // Register, filling every field by its label.
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Registrieren' }).click();
    await expectPath(page, '/register');
    await expectHeading(page, 'Konto anlegen');
    await page.getByLabel('Vorname', { exact: true }).fill('Anna');
    await page.getByLabel('Nachname', { exact: true }).fill('Muster');
    await page.getByLabel('Geburtsdatum', { exact: true }).fill('1980-05-17');
    await page.getByLabel('Straße', { exact: true }).fill('Hohe Straße');
    await page.getByLabel('Hausnummer', { exact: true }).fill('12a');
    await page.getByLabel('Postleitzahl', { exact: true }).fill('50667');
    await page.getByLabel('Ort', { exact: true }).fill('Köln');
    await page.getByLabel('Land', { exact: true }).selectOption({ label: 'Deutschland' });
    await page.getByLabel('Telefonnummer', { exact: true }).fill('0221 9876543');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Ich akzeptiere die Nutzungsbedingungen.', { exact: true }).check();
    await page.getByLabel('Ich habe die Datenschutzerklärung zur Kenntnis genommen.', { exact: true }).check();
    await page.getByRole('button', { name: 'Konto anlegen', exact: true }).click();
    await expectPath(page, '/register/check-inbox');
    await expectHeading(page, 'Bitte bestätigen Sie Ihre E-Mail-Adresse');

    // Confirm with the link from the delivered mail.
    const link = await confirmationLink(email);
    await page.goto(link);
    // Confirming takes the password chosen at registration (no pre-hijack by whoever registered first).
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(page, 'E-Mail-Adresse bestätigt');
    await page.getByRole('main').getByRole('link', { name: 'Zur Anmeldung' }).click();
    await expectPath(page, '/login');

    // Log in and see the dashboard.
    await logIn(page, email, PASSWORD);
    await expectPath(page, '/dashboard');
    await expectHeading(page, 'Willkommen, Anna Muster.');
    await page.getByRole('heading', { name: 'Noch keine Sprechstunden' }).waitFor();

    // Edit the profile: the new city survives a reload (it came from the server).
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Profil' }).click();
    await expectPath(page, '/profile');
    await expectHeading(page, 'Profil');
    const city = page.getByLabel('Ort', { exact: true });
    await expect.poll(() => city.inputValue()).toBe('Köln');
    expect(await page.getByLabel('Telefonnummer', { exact: true }).inputValue()).toContain('221');
    await city.fill('Bonn');
    await page.getByLabel('Postleitzahl', { exact: true }).fill('53111');
    await page.getByRole('button', { name: 'Änderungen speichern', exact: true }).click();
    await expectText(page, 'Ihre Angaben wurden gespeichert.');
    await page.reload();
    await expectHeading(page, 'Profil');
    await expect.poll(() => page.getByLabel('Ort', { exact: true }).inputValue(), { timeout: 15_000 }).toBe('Bonn');
    expect(await page.getByLabel('Postleitzahl', { exact: true }).inputValue()).toBe('53111');

    // Log out: the session ends on the server, so the dashboard asks for a login again.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Abmelden' }).click();
    await expectPath(page, '/login');
    await expectText(page, 'Sie wurden abgemeldet.');
    await page.goto('/dashboard');
    await expectPath(page, '/login');
    await expectText(page, 'Bitte melden Sie sich an, um fortzufahren.');

    const sessionAfter = await tracked.context.request.get('/api/session');
    expect(((await sessionAfter.json()) as { account: unknown }).account).toBeNull();

    expect(tracked.visited.length).toBeGreaterThan(3);
    expect(tracked.requests.some((url) => url.includes('/api/profile'))).toBe(true);
    expect(tracked.problems()).toEqual([]);
  });

  it('shows an error message on the login page for a wrong password', async () => {
    const tracked = await openPage();
    const { page } = tracked;
    const email = uniqueEmail('bernd.beispiel');
    await page.goto('/');
    await page.goto(await registerByApi(tracked, email));
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(page, 'E-Mail-Adresse bestätigt');

    await logIn(page, email, 'Ein falscher Satz zum Merken 41');
    await page.getByRole('alert').filter({ hasText: 'E-Mail-Adresse oder Passwort ist falsch.' }).waitFor({ timeout: 15_000 });
    await expectPath(page, '/login');

    // The right password still works afterwards.
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await expectPath(page, '/dashboard');

    expect(tracked.problems([httpStatusError(401, '/api/session')])).toEqual([]);
  });

  it('shows "invalid" for an unknown or already used confirmation link', async () => {
    const tracked = await openPage();
    const { page } = tracked;

    await page.goto('/confirm-email#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(page, 'Dieser Link ist ungültig');
    await expectText(page, 'Der Link ist unvollständig oder wurde schon verwendet. Wenn Sie Ihre Adresse bereits bestätigt haben, melden Sie sich einfach an.');

    const email = uniqueEmail('carla.einmal');
    const link = await registerByApi(tracked, email);
    // Leave the page first: a goto that changes only the fragment does not reload the app.
    await page.goto('/');
    await page.goto(link);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(page, 'E-Mail-Adresse bestätigt');
    await page.goto('/');
    await page.goto(link);
    await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(page, 'Dieser Link ist ungültig');

    expect(tracked.problems([httpStatusError(400, '/api/accounts/confirm-email')])).toEqual([]);
  });

  it('shows "expired" for a confirmation link past its lifetime', async () => {
    const tracked = await openPage();
    const email = uniqueEmail('dora.spaet');
    const link = await registerByApi(tracked, email);
    await tracked.close();

    // One process per data directory: stop the server, age the token, start it again.
    await suite.server.stop();
    const database = await openDatabase({ kind: 'pglite', dataDir: suite.server.dataDir });
    try {
      const aged = await database.db
        .update(emailTokens)
        .set({ expiresAt: new Date(Date.now() - 60 * 60 * 1000) })
        .where(and(eq(emailTokens.purpose, 'confirm_email'), eq(emailTokens.tokenHash, sha256(new URL(link).hash.slice(1)))))
        .returning({ id: emailTokens.id });
      expect(aged).toHaveLength(1);
    } finally {
      await database.close();
    }
    await suite.server.start();

    const again = await openPage();
    await again.page.goto(link);
    await again.page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
    await again.page.getByRole('button', { name: 'Bestätigen', exact: true }).click();
    await expectHeading(again.page, 'Dieser Link ist abgelaufen');
    await expectText(again.page, 'Bestätigungslinks sind 24 Stunden gültig. Fordern Sie hier einen neuen Link an.');

    // The account is still unconfirmed: logging in says so.
    await logIn(again.page, email, PASSWORD);
    await again.page.getByRole('alert').filter({ hasText: 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.' }).waitFor({ timeout: 15_000 });

    expect(again.problems([httpStatusError(410, '/api/accounts/confirm-email'), httpStatusError(403, '/api/session')])).toEqual([]);
  });
});
