import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addColleague,
  Api,
  AppServer,
  createHost,
  createOrganization,
  downloadJson,
  FakeStripe,
  HOST_PASSWORD,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';

/**
 * Issue 11 in Chromium (German UI) against the Stripe stand-in, which serves Checkout and the
 * Customer Portal as pages of its own origin and sends Stripe's signed webhooks to the app: an
 * individual customer goes trial → Checkout → active with an invoice → card declined (past_due banner)
 * → cancelled in the portal (read-only: no new consultation, but login, activity and export) →
 * subscribes again. An organisation's representative subscribes; a member who joins raises the
 * quantity at Stripe and never sees billing. Nothing but those navigations leaves the app's origin.
 *
 * The trial is one day: long enough to show it, too short to carry into Checkout (Stripe wants 48 h),
 * so the first payment is due at once and the plan becomes active.
 */
describe('billing through Stripe (stand-in): subscribe, card declined, cancelled, read-only, again', () => {
  const smtp = new SmtpCapture();
  const stripe = new FakeStripe();
  const report = reportServerOnFailure();
  const pages: TrackedPage[] = [];
  /** Every request of every page: URL, whether it navigates a document (the pages have no frames), its type. */
  const seen: { url: string; navigation: boolean; type: string }[] = [];
  let server: AppServer;
  let browser: Browser;

  const open = async () => {
    const tracked = await TrackedPage.open(browser, server.origin, { probes: false });
    tracked.context.on('request', (request) => seen.push({ url: request.url(), navigation: request.isNavigationRequest(), type: request.resourceType() }));
    pages.push(tracked);
    return tracked;
  };
  const billingState = (page: Page, text: string) => page.getByRole('region', { name: 'Ihr Tarif' }).getByText(text, { exact: true }).waitFor();
  const subscriptionOf = (email: string) => {
    const customer = [...stripe.customers.values()].find((entry) => entry.email === email);
    const subscription = [...stripe.subscriptions.values()].findLast((entry) => entry.customer === customer?.id);
    if (!subscription) throw new Error(`no subscription at the stand-in for ${email}`);
    return subscription.id;
  };

  /** The buttons on /billing send the browser to the stand-in's Checkout; paying there brings it back. */
  async function checkout(page: Page) {
    await page.getByRole('button', { name: 'Monatlich abschließen', exact: true }).click();
    await page.waitForURL(`${stripe.origin}/c/pay/**`);
    await page.getByRole('button', { name: 'Bezahlen', exact: true }).click();
    await page.waitForURL(`${server.origin}/billing?checkout=done`);
    await billingState(page, 'Aktiv');
  }

  beforeAll(async () => {
    await stripe.start();
    server = await AppServer.start({ smtpUrl: await smtp.start(), env: { ...stripe.env(), BILLING_TRIAL_DAYS: '1' } });
    stripe.deliverTo(`${server.origin}/api/billing/webhook`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const tracked of pages) {
      await tracked.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    }
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
    await stripe.stop();
  });

  it('takes an individual customer from the trial through payment, a declined card and cancellation to read-only and back', async () => {
    const customer = await open();
    const { page } = customer;
    const api = new Api(customer.context.request, server.origin);
    const host = await createHost(api, smtp, { firstName: 'Berta', lastName: 'Bezahlt' });

    // --- Trial: the page counts the day left.
    await page.goto('/dashboard');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Tarif und Abrechnung', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tarif und Abrechnung' }).waitFor();
    await billingState(page, 'Kostenloser Testzeitraum');
    await page.getByText(/^Noch 1 Tag im Testzeitraum/).waitFor();

    // --- Checkout at the stand-in; its signed webhooks arrive before the browser is back.
    await checkout(page);
    const invoices = page.getByRole('region', { name: 'Rechnungen' });
    await invoices
      .getByRole('row')
      .filter({ hasText: /STANDIN-\d{4}/ })
      .filter({ hasText: /19,00\s€/ })
      .waitFor();
    await invoices.getByRole('link', { name: /^Rechnung STANDIN-\d{4} als PDF bei Stripe$/ }).waitFor();
    const subscriptionId = subscriptionOf(host.email);

    // --- The renewal's card is declined: everything still works, the dashboard says so and leads to the fix.
    for (const event of stripe.failPayment(subscriptionId)) expect(await stripe.send(event)).toBe(200);
    await page.goto('/dashboard');
    const banner = page.getByRole('region', { name: 'Tarif und Abrechnung' });
    await banner.getByText('Die letzte Zahlung ist fehlgeschlagen.', { exact: false }).waitFor();
    await banner.getByRole('link', { name: 'Zahlungsdaten aktualisieren', exact: true }).click();
    await page.waitForURL(`${server.origin}/billing`);
    await billingState(page, 'Zahlung fehlgeschlagen');

    // --- Cancelled in Stripe's portal: read-only.
    await page.getByRole('button', { name: 'Zahlungsdaten und Kündigung', exact: true }).click();
    await page.waitForURL(`${stripe.origin}/p/session/**`);
    await page.getByRole('button', { name: 'Abonnement kündigen', exact: true }).click();
    await page.waitForURL(`${server.origin}/billing`);
    await billingState(page, 'Gekündigt – nur Lesezugriff');
    await page.getByText(/^Neue Sprechstunden und Termine sind erst nach dem Abschluss eines Tarifs wieder möglich/).waitFor();

    // A new consultation is refused in the page, in German, and by the API with its stable code.
    await page.goto('/consultations/new');
    await page.getByLabel('Name', { exact: true }).fill('Gustav Gast');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(uniqueEmail('gustav'));
    await page.getByRole('button', { name: 'Einladungen senden', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Ihr Tarif ist nicht bezahlt.' }).waitFor();
    const refused = await api.call('POST', '/api/consultations', { guests: [{ name: 'Gustav Gast', email: uniqueEmail('gustav') }] });
    expect(refused.status()).toBe(402);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('subscription_required');

    // Logging in, the activity view and the data export (P-24) still work.
    await customer.context.clearCookies();
    await page.goto('/login');
    await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(host.email);
    await page.getByLabel('Passwort', { exact: true }).fill(HOST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Aktivitäten', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Aktivitäten' }).waitFor();
    await page.goto('/my-data');
    const exported = await downloadJson(page, () => page.getByRole('link', { name: 'Alle Daten herunterladen (JSON)' }).click());
    expect(exported.data).toMatchObject({ billing: { status: 'canceled', plan: 'individual_monthly' }, invoices: [expect.anything(), expect.anything()] });

    // --- Subscribing again works, and with it new consultations.
    await page.goto('/billing');
    await checkout(page);
    const fresh = new Api(customer.context.request, server.origin);
    expect((await fresh.call('POST', '/api/consultations', { guests: [{ name: 'Gustav Gast', email: uniqueEmail('gustav') }] })).status()).toBe(201);

    // Only the redirects to the stand-in's Checkout and portal left the origin: no script, style or call.
    const away = seen.filter(({ url }) => !url.startsWith(`${server.origin}/`) && !/^(data|blob):/.test(url));
    expect(away.filter(({ url, navigation, type }) => !(navigation && type === 'document' && url.startsWith(`${stripe.origin}/`)))).toEqual([]);
    expect(away.map(({ url }) => new URL(url).pathname.split('/').slice(0, 3).join('/'))).toEqual([
      '/c/pay',
      '/c/pay',
      '/p/session',
      '/p/session',
      '/c/pay',
      '/c/pay',
    ]);
    expect(customer.problems([/status of 402/]).filter((problem) => !problem.startsWith(`request left the origin: ${stripe.origin}/`))).toEqual([]);
  });

  it('lets the representative subscribe for the organisation; a joining member raises the quantity and never sees billing', async () => {
    const representative = await open();
    const representativeApi = new Api(representative.context.request, server.origin);
    const organization = await createOrganization(representativeApi, smtp, { firstName: 'Rosa', lastName: 'Vertretung', organization: 'Praxis Abo' });
    const { page } = representative;
    await page.goto('/billing');
    await page.getByText(/^Der Tarif Ihrer Organisation/).waitFor();
    await checkout(page);
    // Stripe's customer is the organisation, with the organisation's address for receipts.
    const subscriptionId = subscriptionOf(organization.email);
    expect(stripe.quantityOf(subscriptionId)).toBe(1);

    const raised = stripe.nextRequest((request) => request.method === 'POST' && request.path === `/v1/subscriptions/${subscriptionId}`);
    const member = await open();
    const memberApi = new Api(member.context.request, server.origin);
    await addColleague(representativeApi, memberApi, smtp, 'member', { firstName: 'Max', lastName: 'Mitglied' });
    expect((await raised).form).toMatchObject({ 'items[0][quantity]': '2', proration_behavior: 'create_prorations' });
    expect(stripe.quantityOf(subscriptionId)).toBe(2);
    // Stripe tells the app about the change; the representative's page then bills two people.
    expect(await stripe.send(stripe.event('customer.subscription.updated', stripe.subscription(subscriptionId)))).toBe(200);
    await page.reload();
    await page.getByRole('region', { name: 'Ihr Tarif' }).getByRole('definition').filter({ hasText: /^2$/ }).waitFor();

    // The member: no billing in the navigation, and the API has no such thing for them.
    await member.page.goto('/dashboard');
    const navigation = member.page.getByRole('navigation', { name: 'Hauptnavigation' });
    await navigation.getByRole('link', { name: 'Profil', exact: true }).waitFor();
    expect(await navigation.getByRole('link', { name: 'Tarif und Abrechnung' }).count()).toBe(0);
    expect((await memberApi.call('GET', '/api/billing')).status()).toBe(404);
    expect(member.problems()).toEqual([]);
    expect(representative.problems().filter((problem) => !problem.startsWith(`request left the origin: ${stripe.origin}/c/pay/`))).toEqual([]);
  });
});
