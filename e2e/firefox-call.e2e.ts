import { createHash, randomBytes } from 'node:crypto';
import { request, type APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, createConsultation, createHost, invitationLink, reportServerOnFailure, SmtpCapture, uniqueEmail, type HostAccount } from './support';
import { launchBrowser, type E2EBrowser, type UiPage } from './support/engines';
import { expectAudioReceived, expectVideoDecoding } from './support/media';
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

  async function open(browser: E2EBrowser): Promise<UiPage> {
    const page = await browser.newPage(server.origin);
    opened.push(page);
    return page;
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
    const host = await open(firefox);
    await logInHost(host, account);
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
});
