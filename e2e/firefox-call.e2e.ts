import { createHash, randomBytes } from 'node:crypto';
import { request, type APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, createConsultation, createHost, invitationLink, reportServerOnFailure, SmtpCapture, uniqueEmail, type HostAccount } from './support';
import { launchBrowser, type E2EBrowser, type UiPage } from './support/engines';
import { expectAudioReceived, expectVideoDecoding, LIVELY_CAMERA } from './support/media';
import {
  admitByName,
  endForEveryone,
  enterWaitingRoom,
  expectChatShown,
  linkDiagnostics,
  logInHost,
  mediaFromEach,
  openHostRoom,
  receivedFileSha256,
  sendChat,
  sendFile,
  setCamera,
  startScreenShare,
  setMicrophone,
  shownSafetyCode,
  waitForSnapshot,
} from './support/room';
import {
  audioPacketsBetween,
  expectSteadyAudio,
  liftLoopbackLimit,
  limitLoopback,
  linkTimeline,
  longestAudioGap,
  readLinkRecorder,
  startLinkRecorder,
  waitForSample,
  type LinkSample,
} from './support/shaping';

/**
 * Calls across two browser engines: Chromium (playwright-core) and Firefox ESR (puppeteer-core over
 * WebDriver BiDi), one of each for the whole file, each participant in a context of its own.
 *
 * 1. Chromium host, Firefox guest: invitation link, name and consent, device check, waiting room,
 *    admission; video and audio decoded both ways (getStats on both sides); chat both ways; a file
 *    each way (SHA-256 of the received bytes); mute and camera off seen by the other side, camera
 *    back on (replaceTrack) decoding again; the host's screen decoded in Firefox; end.
 * 2. A mixed mesh: Chromium host, Firefox guest, Chromium guest: all 6 directed paths decode.
 * 3. The reverse: a Firefox host (logged in in Firefox) with a Chromium guest. Headless Firefox
 *    cannot share a screen (no display): the host is told so; Firefox receiving a screen is in 1.
 * 4. A weak link (A31b-8) with a Firefox guest: `tc tbf` limits the namespace's loopback to
 *    300 kbit/s mid-call; the Firefox page's own samples show the host's voice arriving without a
 *    gap over 2 s and its own outgoing video stepping down with the notice in words; lifted, the
 *    Chromium host decodes the Firefox video again within 20 s. Firefox reports no
 *    `availableOutgoingBitrate`: the loss and RTT its peer reports are what the engine sees there.
 * 5. A Firefox host on a 100 kbit/s link with a Chromium guest: the Firefox video steps down (to a
 *    pause, as far as the loss goes) with its notice, the Chromium guest sends audio only, and the
 *    voice arrives steadily both ways; lifted, each side decodes the other's video again.
 */

const EXPECT_MS = 15_000;

describe('calls between Chromium and Firefox', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let chromium: E2EBrowser;
  let firefox: E2EBrowser;
  let account: HostAccount;
  /** The Chromium host page (logged in); the first two tests use it. */
  let chromiumHost: UiPage;

  let hostApi: Api;
  let apiContext: APIRequestContext;
  const opened: UiPage[] = [];
  const report = reportServerOnFailure();

  async function open(browser: E2EBrowser, options?: { initScripts?: readonly string[] }): Promise<UiPage> {
    const page = await browser.newPage(server.origin, options);
    opened.push(page);
    return page;
  }

  /**
   * A Firefox page of its own for each test that needs a Firefox host: a page that kept a chat asks
   * before it is left (P-11), and headless Firefox would wait on that question.
   */
  async function loggedInFirefoxHost(): Promise<UiPage> {
    const host = await open(firefox);
    await logInHost(host, account);
    return host;
  }

  async function invite(names: string[]): Promise<{ id: string; links: string[] }> {
    const guests = names.map((name) => ({ name, email: uniqueEmail(name.split(' ')[0]!.toLowerCase()) }));
    const consultation = await createConsultation(hostApi, guests);
    const links = await Promise.all(guests.map((guest) => invitationLink(smtp, guest.email, server.origin)));
    return { id: consultation.id, links };
  }

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    // Firefox takes ≈ 20 s to start with a fresh profile: start both engines at once.
    [chromium, firefox] = await Promise.all([launchBrowser('chromium'), launchBrowser('firefox')]);
    process.stderr.write(`firefox-call: ${await chromium.version()}, ${await firefox.version()}\n`);
    // The account and its consultations are made through the API; each host page logs in itself.
    apiContext = await request.newContext();
    hostApi = new Api(apiContext, server.origin);
    account = await createHost(hostApi, smtp, { firstName: 'Frieda', lastName: 'Fuchs' });
    chromiumHost = await open(chromium);
    await logInHost(chromiumHost, account);
    // A server, two browsers (Firefox ≈ 20 s alone) and a login on the shared cores.
  }, 240_000);

  afterAll(async () => {
    for (const page of opened) await page.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await Promise.all([chromium?.close(), firefox?.close(), apiContext?.dispose()]);
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('Chromium host, Firefox guest: the whole consultation', { timeout: 180_000 }, async () => {
    const guestName = 'Fritz Firefox';
    const { id, links } = await invite([guestName]);
    const host = chromiumHost;
    const guest = await open(firefox);

    await openHostRoom(host, id);
    await guest.goto(links[0]!);
    await enterWaitingRoom(guest, { expectHostName: account.displayName, expectSuggestedName: guestName });
    await admitByName(host, guestName);
    await waitForSnapshot(guest, (s) => s.state === 'connected', EXPECT_MS, 'Firefox guest connected');

    // Media both ways, from each side's getStats().
    await expectVideoDecoding(guest, 1, 'Firefox guest');
    await expectVideoDecoding(host, 1, 'Chromium host');
    await expectAudioReceived(guest, 1, 'Firefox guest');
    await expectAudioReceived(host, 1, 'Chromium host');
    // P-12: the same safety code on both sides, though Firefox has no certificate stats (it reads the
    // negotiated fingerprints) and Chromium reads its stats.
    const codeAtHost = await shownSafetyCode(host, guestName);
    const codeAtGuest = await shownSafetyCode(guest, account.displayName);
    expect(codeAtGuest.code).toBe(codeAtHost.code);
    expect(codeAtGuest.digits).toBe(codeAtHost.digits);

    // Chat both ways.
    const fromHost = `Guten Tag aus Chromium ${randomBytes(3).toString('hex')}`;
    const fromGuest = `Hallo aus Firefox ${randomBytes(3).toString('hex')}`;
    await sendChat(host, fromHost);
    await expectChatShown(guest, fromHost);
    await sendChat(guest, fromGuest);
    await expectChatShown(host, fromGuest);

    // A file each way: the receiving page hashes the bytes its download link offers.
    const toHost = randomBytes(1024 * 1024);
    await sendFile(guest, 'aus-firefox.bin', toHost);
    expect(await receivedFileSha256(host, 'aus-firefox.bin')).toBe(createHash('sha256').update(toHost).digest('hex'));
    const toGuest = randomBytes(1024 * 1024);
    await sendFile(host, 'aus-chromium.bin', toGuest);
    expect(await receivedFileSha256(guest, 'aus-chromium.bin')).toBe(createHash('sha256').update(toGuest).digest('hex'));

    // Mute and camera off, each side seen by the other.
    const seen = (page: UiPage, name: string, media: 'audio' | 'video', on: boolean) =>
      waitForSnapshot(page, (s) => s.participants.some((p) => p.displayName === name && p.media[media] === on), EXPECT_MS, `${name} ${media} ${on} seen`);
    await setMicrophone(guest, false);
    await seen(host, guestName, 'audio', false);
    await host.waitFor({ text: 'Mikrofon aus' });
    await setCamera(guest, false);
    await seen(host, guestName, 'video', false);
    await host.waitFor({ text: 'Kamera aus' });
    await setMicrophone(host, false);
    await seen(guest, account.displayName, 'audio', false);
    await setCamera(host, false);
    await seen(guest, account.displayName, 'video', false);
    await guest.waitFor({ text: 'Kamera aus' });
    // … and back on: video decodes again on both sides.
    await setCamera(guest, true);
    await setCamera(host, true);
    await setMicrophone(guest, true);
    await setMicrophone(host, true);
    await seen(host, guestName, 'video', true);
    await seen(guest, account.displayName, 'video', true);
    await expectVideoDecoding(host, 1, 'Chromium host after camera on');
    await expectVideoDecoding(guest, 1, 'Firefox guest after camera on');

    // The Chromium host shares its (fake) screen: Firefox decodes it as a second video stream.
    await startScreenShare(host);
    await waitForSnapshot(guest, (s) => s.participants.some((p) => p.media.screen && p.hasScreen), EXPECT_MS, 'Firefox guest sees the screen share');
    await expectVideoDecoding(guest, 2, 'Firefox guest (camera + screen)');
    await guest.waitFor({ role: 'figure', name: `Bildschirm von ${account.displayName}` });

    await endForEveryone(host);
    await waitForSnapshot(guest, (s) => s.state === 'ended', EXPECT_MS, 'Firefox guest sees the end');

    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });

  it('a mixed mesh: Chromium host, Firefox guest, Chromium guest — all 6 paths decode', { timeout: 180_000 }, async () => {
    const names = ['Fiona Firefox', 'Chris Chromium'];
    const { id, links } = await invite(names);
    const host = chromiumHost;
    const guests = [await open(firefox), await open(chromium)];
    await openHostRoom(host, id);
    await Promise.all(
      guests.map(async (guest, index) => {
        await guest.goto(links[index]!);
        await enterWaitingRoom(guest);
      }),
    );
    for (const name of names) await admitByName(host, name);

    const everyone = [account.displayName, ...names];
    const all = [host, ...guests];
    const expected = everyone.flatMap((to) => everyone.filter((from) => from !== to).map((from) => `${from} → ${to}`)).sort();
    const paths = async () => {
      const decoding: string[] = [];
      for (const [index, page] of all.entries()) {
        const media = await mediaFromEach(page).catch(() => ({}) as Awaited<ReturnType<typeof mediaFromEach>>);
        for (const [from, entry] of Object.entries(media)) if (entry.framesDecoded > 0 && entry.audioPackets > 0) decoding.push(`${from} → ${everyone[index]}`);
      }
      return decoding.sort();
    };
    const deadline = Date.now() + 45_000;
    let decoding = await paths();
    while (decoding.length < expected.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      decoding = await paths();
    }
    if (decoding.length < expected.length) {
      for (const [index, page] of all.entries()) process.stderr.write(`${everyone[index]} sees:\n  ${(await linkDiagnostics(page)).join('\n  ')}\n`);
    }
    expect(decoding).toEqual(expected);
    // … and keep decoding: every path's counters grow between two samples (polled, since a loaded
    // machine can freeze one stream for a moment; a counter that restarts after a renegotiation
    // counts from its new value).
    const growing = new Set<string>();
    let last = await Promise.all(all.map((page) => mediaFromEach(page)));
    const growDeadline = Date.now() + 20_000;
    while (growing.size < expected.length * 2 && Date.now() < growDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const now = await Promise.all(all.map((page) => mediaFromEach(page)));
      for (const [index, media] of now.entries()) {
        for (const [from, entry] of Object.entries(media)) {
          const before = last[index]![from];
          if (before && entry.framesDecoded > before.framesDecoded) growing.add(`${from} → ${everyone[index]} video`);
          if (before && entry.audioPackets > before.audioPackets) growing.add(`${from} → ${everyone[index]} audio`);
        }
      }
      last = now;
    }
    expect([...growing].sort()).toEqual(expected.flatMap((path) => [`${path} audio`, `${path} video`]).sort());
    await endForEveryone(host);
    for (const guest of guests) await waitForSnapshot(guest, (s) => s.state === 'ended', EXPECT_MS, 'guest sees the end');
    for (const page of all) expect(page.problems()).toEqual([]);
  });

  it('Firefox host, Chromium guest', { timeout: 120_000 }, async () => {
    const guestName = 'Clara Chromium';
    const { id, links } = await invite([guestName]);
    const host = await loggedInFirefoxHost();
    const guest = await open(chromium);

    await openHostRoom(host, id);
    await guest.goto(links[0]!);
    await enterWaitingRoom(guest, { expectHostName: account.displayName });
    await admitByName(host, guestName);
    await expectVideoDecoding(host, 1, 'Firefox host');
    await expectVideoDecoding(guest, 1, 'Chromium guest');
    await expectAudioReceived(host, 1, 'Firefox host');
    await expectAudioReceived(guest, 1, 'Chromium guest');
    const text = `Aus der Firefox-Praxis ${randomBytes(3).toString('hex')}`;
    await sendChat(host, text);
    await expectChatShown(guest, text);

    // Headless Firefox has no screen to share (getDisplayMedia: NotFoundError, also outside the
    // app): the host is told in words and the call goes on.
    await host.click({ role: 'button', name: 'Bildschirm teilen' });
    await host.waitFor({ text: 'Der Bildschirm kann nicht geteilt werden.' });
    await expectVideoDecoding(guest, 1, 'Chromium guest after the refused screen share');

    await endForEveryone(host);
    await waitForSnapshot(guest, (s) => s.state === 'ended', EXPECT_MS, 'Chromium guest sees the end');
    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });

  it('a weak link with a Firefox guest: voice keeps arriving, its video steps down with a notice, back within 20 s', { timeout: 150_000 }, async () => {
    const guestName = 'Wanda Weaklink';
    const { id, links } = await invite([guestName]);
    const host = chromiumHost;
    // A picture that does not fit the limited link, whatever the Chromium side does with its own.
    const guest = await open(firefox, { initScripts: [LIVELY_CAMERA] });
    await openHostRoom(host, id);
    await guest.goto(links[0]!);
    await enterWaitingRoom(guest);
    await admitByName(host, guestName);
    await expectVideoDecoding(guest, 1, 'Firefox guest');
    await expectVideoDecoding(host, 1, 'Chromium host');
    await expectAudioReceived(guest, 1, 'Firefox guest');
    // Each page samples its own getStats() and call snapshot: shaping slows the test's view of the
    // pages too (Firefox's BiDi socket runs over the same loopback).
    await startLinkRecorder(guest);
    await startLinkRecorder(host);
    // The engine watches a couple of samples before it acts; full quality first.
    await waitForSample(guest, Date.now(), (s) => s.sentLevel === 'full', EXPECT_MS, 'Firefox guest sending at full quality');

    const limitedAt = Date.now();
    try {
      await limitLoopback(300, { exceptPorts: [firefox.controlPort!] });
      const down = await waitForSample(guest, limitedAt, (s) => s.sentLevel !== null && s.sentLevel !== 'full', 30_000, 'Firefox guest video stepping down');
      // Told in words: its own notice ("smaller picture" or "paused, audio continues") comes first.
      const noticed = await waitForSample(guest, down.at, (s) => s.notice.length > 0, 10_000, 'weak-link notice on the Firefox page');
      expect(
        [NOTICE_SMALLER, NOTICE_PAUSED].some((own) => noticed.notice.startsWith(own)),
        noticed.notice,
      ).toBe(true);
      // Stay limited a while, so the audio check covers a real stretch of it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, limitedAt + 20_000 - Date.now())));
      const liftedAt = Date.now();
      await liftLoopbackLimit();

      const guestSamples = await readLinkRecorder(guest, limitedAt);
      const limited = guestSamples.filter((s) => s.at <= liftedAt);
      expect(limited.length).toBeGreaterThan(20);
      expect(limited.at(-1)!.audioPackets).toBeGreaterThan(limited[0]!.audioPackets + 100);
      const gap = longestAudioGap(guestSamples, limitedAt, liftedAt);
      expect(gap).toBeLessThanOrEqual(2_000);

      // Lifted: the Chromium host decodes the Firefox guest's video again within 20 s (A31b-8).
      const back = await waitForFrames(host, liftedAt, 20_000);
      const guestAfter = await readLinkRecorder(guest, limitedAt - 4_000);
      const hostLimited = (await readLinkRecorder(host, limitedAt)).filter((s) => s.at <= liftedAt);
      process.stdout.write(
        `firefox weak-link 300 kbit/s: step-down after ${down.at - limitedAt} ms (to ${down.sentLevel}; loss ${down.loss}, rtt ${down.rttMs} ms, ` +
          `estimate ${limited.some((s) => s.available !== null) ? 'reported' : 'never reported'}), longest inbound audio gap at the Firefox guest ${gap} ms, ` +
          `video decoding again at the Chromium host ${back.at - liftedAt} ms after the lift (it decoded ` +
          `${(hostLimited.at(-1)?.framesDecoded ?? 0) - (hostLimited[0]?.framesDecoded ?? 0)} Firefox frames while limited); Firefox levels while limited: ` +
          `${[...new Set(limited.map((s) => s.sentLevel))].join(',')}, at the lift: ${limited.at(-1)!.sentLevel}\n${linkTimeline(guestAfter, limitedAt - 4_000)}\n`,
      );
    } finally {
      await liftLoopbackLimit();
    }
    await endForEveryone(host);
    await waitForSnapshot(guest, (s) => s.state === 'ended', EXPECT_MS, 'Firefox guest sees the end');
    expect(guest.problems()).toEqual([]);
  });

  it('a Firefox host at 100 kbit/s: voice arrives steadily both ways, video steps down with a notice, back after the lift', { timeout: 180_000 }, async () => {
    const guestName = 'Kurt Knapp';
    const { id, links } = await invite([guestName]);
    const host = await loggedInFirefoxHost();
    const guest = await open(chromium);
    await openHostRoom(host, id);
    await guest.goto(links[0]!);
    await enterWaitingRoom(guest, { expectHostName: account.displayName });
    await admitByName(host, guestName);
    await expectVideoDecoding(host, 1, 'Firefox host');
    await expectVideoDecoding(guest, 1, 'Chromium guest');
    await expectAudioReceived(host, 1, 'Firefox host');
    await expectAudioReceived(guest, 1, 'Chromium guest');
    await startLinkRecorder(host);
    await startLinkRecorder(guest);
    await waitForSample(host, Date.now(), (s) => s.sentLevel === 'full', EXPECT_MS, 'Firefox host sending at full quality');

    const limitedAt = Date.now();
    try {
      await limitLoopback(100, { exceptPorts: [firefox.controlPort!] });
      const down = await waitForSample(host, limitedAt, (s) => s.sentLevel !== null && s.sentLevel !== 'full', 30_000, 'Firefox host video stepping down');
      const noticed = await waitForSample(host, down.at, (s) => s.notice.length > 0, 10_000, 'weak-link notice on the Firefox page');
      expect(
        [NOTICE_SMALLER, NOTICE_PAUSED].some((own) => noticed.notice.startsWith(own)),
        noticed.notice,
      ).toBe(true);
      // The Chromium guest knows its link's estimate: at 100 kbit/s it sends audio only.
      const guestPaused = await waitForSample(guest, limitedAt, (s) => s.sentLevel === 'paused', 30_000, 'Chromium guest video paused');
      // A stretch at 100 kbit/s: the voice arrives steadily on both sides.
      const from = Math.max(down.at, guestPaused.at);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, from + 15_000 - Date.now())));
      const to = Date.now();
      const liftedAt = Date.now();
      await liftLoopbackLimit();

      const hostSamples = await readLinkRecorder(host, limitedAt - 4_000);
      const guestSamples = await readLinkRecorder(guest, limitedAt - 4_000);
      expectSteadyAudio(hostSamples, from, to, 'Firefox host');
      expectSteadyAudio(guestSamples, from, to, 'Chromium guest');
      const limitedHost = hostSamples.filter((s) => s.at >= limitedAt && s.at <= liftedAt);
      process.stdout.write(
        `firefox host 100 kbit/s: step-down after ${down.at - limitedAt} ms (to ${down.sentLevel}; loss ${down.loss}, rtt ${down.rttMs} ms), ` +
          `Chromium guest paused after ${guestPaused.at - limitedAt} ms; audio over ${Math.round((to - from) / 1000)} s: ` +
          `at the Firefox host ${audioPacketsBetween(hostSamples, from, to)} packets (longest gap ${longestAudioGap(hostSamples, from, to)} ms), ` +
          `at the Chromium guest ${audioPacketsBetween(guestSamples, from, to)} packets (longest gap ${longestAudioGap(guestSamples, from, to)} ms); ` +
          `Firefox levels while limited: ${[...new Set(limitedHost.map((s) => s.sentLevel))].join(',')}\n${linkTimeline(hostSamples, limitedAt - 4_000)}\n`,
      );

      // Lifted: each side decodes the other's video again (from paused the way back waits for a probe).
      const hostBack = await waitForFrames(host, liftedAt, 60_000);
      const guestBack = await waitForFrames(guest, liftedAt, 60_000);
      process.stdout.write(
        `firefox host 100 kbit/s lifted: video at the Firefox host after ${hostBack.at - liftedAt} ms, at the Chromium guest after ${guestBack.at - liftedAt} ms\n`,
      );
    } finally {
      await liftLoopbackLimit();
    }
    await endForEveryone(host);
    await waitForSnapshot(guest, (s) => s.state === 'ended', EXPECT_MS, 'Chromium guest sees the end');
    // Signaling shares the saturated link: its socket may be cut and reconnect (the call itself runs
    // peer to peer, and the end above went through signaling again). Firefox reports such a cut as a
    // page error.
    expect(host.problems([/The connection to ws:\/\/[^ ]+\/api\/signaling\?[^ ]+ was interrupted/])).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });
});

const NOTICE_PAUSED = 'Ihre Verbindung ist schwach: Video pausiert, Ton läuft weiter.';
const NOTICE_SMALLER = 'Ihre Verbindung ist schwach: Ihr Video wird kleiner gesendet.';

/**
 * The first sample after `since` (at most `withinMs` later) from which the page decoded at least 5
 * frames within the next 2 s: its inbound video runs (again).
 */
async function waitForFrames(page: UiPage, since: number, withinMs: number): Promise<LinkSample> {
  for (;;) {
    const samples = await readLinkRecorder(page, since);
    const start = samples.find(
      (s) =>
        s.at <= since + withinMs && samples.some((later) => later.at >= s.at + 2_000 && later.at <= s.at + 3_000 && later.framesDecoded - s.framesDecoded >= 5),
    );
    if (start) return start;
    if (Date.now() > since + withinMs + 5_000)
      throw new Error(`no video decoded within ${withinMs} ms of ${new Date(since).toISOString()}\n${linkTimeline(samples, since - 4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
