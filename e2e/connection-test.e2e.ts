import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  AppServer,
  Coturn,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  linkToken,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';
import { expectNotYetValidPage } from './support/room';
import { NatStun } from './support/stun';

/**
 * The connection test before an appointment (issue 9 §5), in Chromium inside the test's namespace:
 * a guest whose appointment is tomorrow opens the link, tests camera, microphone, speaker and the
 * network, and reads the verdict in words. The relay is a coturn that relays only between its own
 * allocations (the connection-test relay of the README, `TURN_TEST_URLS`); STUN is a stand-in that
 * answers as a NAT would (e2e/support/stun.ts). The professional runs the same test on the
 * dashboard. Then switching STUN off gives "only through our relay", stopping coturn "blocked".
 */

/** Chromium logs every 4xx answer to fetch() as a console error; the join page provokes one on purpose. */
const notYetValid = [/Failed to load resource: the server responded with a status of 403 .*\/api\/join\)$/];
const EXPECT_MS = 30_000;

interface TestConfiguration {
  iceServers: { urls: string[]; username?: string; credential?: string }[];
  expiresAt: string;
}

/** Clicks `button`, and returns the test configuration the page fetched for it. */
async function runAndCapture(page: Page, button: string, path: string): Promise<TestConfiguration> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => new URL(candidate.url()).pathname === path && candidate.request().method() === 'POST'),
    page.getByRole('button', { name: button }).click(),
  ]);
  expect(response.status()).toBe(200);
  return (await response.json()) as TestConfiguration;
}

/** Waits for the network verdict and returns what the person reads (title and explanation). */
async function verdict(page: Page, expected: string): Promise<string> {
  const result = page.locator(`.network-verdict[data-verdict="${expected}"]`);
  await result.waitFor({ timeout: EXPECT_MS });
  return result.innerText();
}

/** What the device check's predicate reads in the page (the e2e code is compiled without the DOM types). */
interface PageWithVideos {
  document: { querySelectorAll(selector: 'video'): ArrayLike<{ videoWidth: number; paused: boolean }> };
}

async function expectDevicesWork(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Kamera, Mikrofon und Lautsprecher' }).waitFor({ timeout: EXPECT_MS });
  await page.locator('[aria-label="Ihr Kamerabild"]').waitFor({ timeout: EXPECT_MS });
  // A function, not a string: the page's CSP (no 'unsafe-eval') refuses a string predicate once it polls.
  await page.waitForFunction(
    () => Array.from((globalThis as unknown as PageWithVideos).document.querySelectorAll('video')).some((video) => video.videoWidth > 0 && !video.paused),
    undefined,
    { timeout: EXPECT_MS },
  );
  await page.getByRole('meter', { name: 'Mikrofonpegel' }).waitFor({ timeout: EXPECT_MS });
  await page.getByRole('button', { name: 'Lautsprecher testen' }).waitFor({ timeout: EXPECT_MS });
}

function expectShortLived(configuration: TestConfiguration, turn: Coturn): void {
  const relay = configuration.iceServers.find((server) => server.urls.some((url) => url.startsWith('turn:')));
  expect(relay?.urls).toEqual([`turn:127.0.0.1:${turn.port}?transport=udp`]);
  const expiry = Number((relay?.username ?? '').split(':')[0]);
  expect(expiry - Date.now() / 1000).toBeGreaterThan(0);
  expect(expiry - Date.now() / 1000).toBeLessThanOrEqual(120);
}

/**
 * In the page (a string: this project's Node tsconfig has no DOM types): a relay-only peer connection
 * with the test's credentials towards a peer that offers only 192.0.2.1 (the namespace's veth, not
 * the relay's own 127.0.0.1). `window.selfOnlyProbe.opened` turns true only if data got through.
 */
const towardsAnotherAddress = (iceServer: unknown) => `(async () => {
  const relayed = new RTCPeerConnection({ iceServers: [${JSON.stringify(iceServer)}], iceTransportPolicy: 'relay' });
  const elsewhere = new RTCPeerConnection();
  const probe = { opened: false, close: () => [relayed, elsewhere].forEach((pc) => pc.close()) };
  window.selfOnlyProbe = probe;
  const only192 = (line) => / udp .* 192\\.0\\.2\\.1 \\d+ typ host/.test(line);
  relayed.onicecandidate = ({ candidate }) => { if (candidate) elsewhere.addIceCandidate(candidate); };
  elsewhere.onicecandidate = ({ candidate }) => { if (candidate && candidate.candidate && only192(candidate.candidate)) relayed.addIceCandidate(candidate); };
  const channel = relayed.createDataChannel('elsewhere');
  channel.onopen = () => { probe.opened = true; };
  await relayed.setLocalDescription();
  await elsewhere.setRemoteDescription(relayed.localDescription);
  await elsewhere.setLocalDescription();
  const sdp = elsewhere.localDescription.sdp.split('\\r\\n').filter((line) => !line.startsWith('a=candidate') || only192(line)).join('\\r\\n');
  await relayed.setRemoteDescription({ type: 'answer', sdp });
})()`;

describe('connection test before the appointment', () => {
  const smtp = new SmtpCapture();
  let turn: Coturn;
  let stun: NatStun;
  let server: AppServer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  let link = '';
  const report = reportServerOnFailure();

  beforeAll(async () => {
    turn = await Coturn.start({ selfOnly: true });
    stun = await NatStun.start();
    server = await AppServer.start({
      smtpUrl: await smtp.start(),
      env: { STUN_URLS: stun.url, TURN_TEST_URLS: `turn:127.0.0.1:${turn.port}?transport=udp`, TURN_TEST_SECRET: turn.secret },
    });
    browser = await launchChromium();
    host = await TrackedPage.open(browser, server.origin);
    await createHost(new Api(host.context.request, server.origin), smtp, { firstName: 'Vera', lastName: 'Vorab' });
    const email = uniqueEmail('theo');
    // Tomorrow: the link does not let the guest in yet.
    const opensAt = new Date(Date.now() + 24 * 60 * 60 * 1000);
    await createConsultation(new Api(host.context.request, server.origin), [{ name: 'Theo Testet', email }], {
      startsAt: opensAt.toISOString(),
      windowMinutes: 30,
    });
    link = await invitationLink(smtp, email, server.origin);
    guest = await TrackedPage.open(browser, server.origin);
    await guest.page.goto(link);
    await expectNotYetValidPage(guest.page, opensAt);
  });

  afterAll(async () => {
    for (const page of [guest, host])
      await page?.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
    if (report.failed() && turn) process.stderr.write(`\n--- coturn output ---\n${turn.logs().split('\n').slice(-30).join('\n')}\n`);
    await turn?.stop();
    await stun?.stop();
  });

  it('lets a guest test devices and network before the window opens: "works"', async () => {
    const page = guest.page;
    await page.getByRole('heading', { name: 'Verbindung testen' }).waitFor();
    const configuration = await runAndCapture(page, 'Verbindung jetzt testen', '/api/connection-test/link');
    expectShortLived(configuration, turn);

    await expectDevicesWork(page);
    const text = await verdict(page, 'works');
    expect(text).toContain('Funktioniert');
    expect(text).toContain('Ihre Internetverbindung ist für das Videogespräch geeignet.');
    // The relay carried the test's messages: coturn allocated for the test's name, not a person's.
    expect(turn.logs()).toMatch(/user <\d+:test-[\w-]+>.*ALLOCATE processed, success/);
    // The page still says the appointment has not begun: the test let nobody in.
    await page.getByRole('heading', { name: 'Ihr Termin hat noch nicht begonnen' }).waitFor();
    expect(guest.problems(notYetValid)).toEqual([]);
  });

  it('is on the professional’s dashboard too', async () => {
    const page = host.page;
    await page.goto('/dashboard');
    await page.getByRole('heading', { name: 'Verbindung testen' }).waitFor({ timeout: EXPECT_MS });
    expectShortLived(await runAndCapture(page, 'Verbindung jetzt testen', '/api/connection-test'), turn);
    await expectDevicesWork(page);
    expect(await verdict(page, 'works')).toContain('Funktioniert');
    await page.getByRole('button', { name: 'Test beenden' }).click();
    await page.getByRole('heading', { name: 'Kamera, Mikrofon und Lautsprecher' }).waitFor({ state: 'detached' });
    expect(host.problems()).toEqual([]);
  });

  it('gets credentials that relay only to the relay itself', async () => {
    const configuration = await new Api(host.context.request, server.origin).expect<TestConfiguration>(200, 'POST', '/api/connection-test');
    const relay = configuration.iceServers.find((entry) => entry.urls.some((url) => url.startsWith('turn:')));
    expect(relay?.credential).toBeTruthy();
    // The test's own loopback (relay to relay, 127.0.0.1) worked above. A relayed peer connection towards an address other than the relay's own (the namespace's
    // 192.0.2.1): coturn must refuse the permission, so nothing could be relayed there.
    await host.page.evaluate(towardsAnotherAddress(relay));
    await expect.poll(() => /peer IP 192\.0\.2\.1 denied[\s\S]*CREATE_PERMISSION processed, error 403/.test(turn.logs()), { timeout: EXPECT_MS }).toBe(true);
    expect(await host.page.evaluate('window.selfOnlyProbe.opened')).toBe(false);
    await host.page.evaluate('window.selfOnlyProbe.close()');
  });

  it('says "works only through our relay" where STUN gets no answer, and "blocked" without the relay', async () => {
    const page = guest.page;
    stun.answering = false;
    const relayOnly = await runAndCapture(page, 'Erneut testen', '/api/connection-test/link');
    expectShortLived(relayOnly, turn);
    expect(await verdict(page, 'relay-only')).toContain('Funktioniert nur über unseren Vermittlungsserver');

    await turn.stop();
    await runAndCapture(page, 'Erneut testen', '/api/connection-test/link');
    const blocked = await verdict(page, 'blocked');
    expect(blocked).toContain('Blockiert – versuchen Sie ein anderes Netzwerk');
    const help = page.getByRole('link', { name: /Hilfe bei Verbindungsproblemen/ });
    expect(await help.getAttribute('href')).toBe('/help#connection');
    expect(guest.problems(notYetValid)).toEqual([]);
  });

  it('refuses test credentials for a link that cannot be used, and counts them per invitation', async () => {
    const api = new Api(guest.context.request, server.origin);
    const unknown = await api.call('POST', '/api/connection-test/link', { token: 'Z'.repeat(43) });
    expect(unknown.status()).toBe(410);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('link_invalid');
    // Three runs so far; the limit (10 an hour) ends the next ones for this invitation.
    const statuses: number[] = [];
    for (let run = 0; run < 8; run++) statuses.push((await api.call('POST', '/api/connection-test/link', { token: linkToken(link) })).status());
    expect(statuses.slice(0, 7)).toEqual(new Array(7).fill(200));
    expect(statuses[7]).toBe(429);
  });
});
