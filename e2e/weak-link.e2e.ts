import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  AppServer,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';
import { announcements, recordAnnouncements } from './support/keyboard';
import { expectAudioReceived, expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, openHostRoom, waitForSnapshot } from './support/room';
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
  waitForStretch,
  type LinkSample,
} from './support/shaping';

/**
 * A weak link in the middle of a call (A31b-8), two Chromium pages, `tc tbf` on the namespace's
 * loopback (e2e/support/shaping.ts): at 300 kbit/s the voice keeps arriving without a gap over 2 s
 * while outgoing video steps down (or pauses) and the page says so; lifted, video is back within
 * 20 s and at full quality soon after. At 100 kbit/s: video paused with the notice on both sides,
 * audio arrives steadily. And the low-bandwidth switch: audio only on request, for both directions, remembered
 * on the device across a reload. Every page samples its own getStats() (shaping slows the test's
 * view of the page too), and the test reads the samples afterwards.
 */

const HOST_NOTICE_PAUSED = 'Ihre Verbindung ist schwach: Video pausiert, Ton läuft weiter.';
const HOST_NOTICE_SMALLER = 'Ihre Verbindung ist schwach: Ihr Video wird kleiner gesendet.';
const GUEST = 'Gerd Gast';
/** Each test waits out shaped stretches of 15–20 s on top of a call set-up. */
const TEST_MS = 240_000;

describe('weak link', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
  }, 300_000);

  afterEach(async () => {
    await liftLoopbackLimit();
    if (report.failed()) for (const page of pages) process.stderr.write(`\n--- console of a page ---\n${page.consoleLog.slice(-40).join('\n')}\n`);
    for (const page of pages.splice(0))
      await page.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
  });

  afterAll(async () => {
    await liftLoopbackLimit();
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  /** A 1:1 call with video decoding both ways; returns host and guest pages. */
  async function call(): Promise<{ host: TrackedPage; guest: TrackedPage }> {
    const host = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    pages.push(host, guest);
    // What a screen reader on the host's side is told (issue 14): the weak link once, not a flood.
    await recordAnnouncements(host.page);
    // Set-up is not what this file tests; on a loaded shared machine it can take longer than 15 s.
    for (const page of [host, guest]) page.context.setDefaultTimeout(45_000);
    const api = new Api(host.context.request, server.origin);
    await createHost(api, smtp, { firstName: 'Hanna', lastName: 'Hausarzt' });
    const email = uniqueEmail('gerd');
    const consultation = await createConsultation(api, [{ name: GUEST, email }]);
    const link = await invitationLink(smtp, email, server.origin);
    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link, { waitUntil: 'domcontentloaded' });
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, GUEST);
    await expectVideoDecoding(guest.page, 1, 'guest', 45_000);
    await expectVideoDecoding(host.page, 1, 'host', 45_000);
    await expectAudioReceived(guest.page, 1, 'guest');
    // Audio first: each side asked the other for Opus with FEC and DTX, and its microphone has priority.
    for (const page of [host.page, guest.page]) {
      await expect.poll(() => audioFirst(page), { timeout: 15_000 }).toEqual({ fecAndDtx: true, priority: 'high', networkPriority: 'high' });
    }
    await startLinkRecorder(host.page);
    await startLinkRecorder(guest.page);
    // The engine watches a couple of samples before it acts; full quality first.
    await waitForSample(host.page, Date.now(), (s) => s.sentLevel === 'full', 15_000, 'host sending at full quality');
    return { host, guest };
  }

  /** What the page's link to the other participant does for its voice (the applied encoding, the other side's SDP). */
  const audioFirst = (page: TrackedPage['page']) =>
    page.evaluate(`(() => {
      const session = window.__sprechzimmerCall;
      const pc = session.peerConnection(session.getSnapshot().participants.find((p) => p.status === 'admitted').id);
      const encoding = pc.getSenders().find((s) => s.track && s.track.kind === 'audio').getParameters().encodings[0];
      return {
        // Chrome gives the description back re-serialised (parameters in its own order).
        fecAndDtx: pc.currentRemoteDescription.sdp.split('\\r\\n').some((line) => {
          const opus = /^a=rtpmap:(\\d+) opus\\//i.exec(line);
          if (!opus) return false;
          const fmtp = pc.currentRemoteDescription.sdp.split('\\r\\n').find((other) => other.startsWith('a=fmtp:' + opus[1] + ' ')) || '';
          return /[ ;]useinbandfec=1(;|$)/.test(fmtp) && /[ ;]usedtx=1(;|$)/.test(fmtp);
        }),
        priority: encoding.priority,
        networkPriority: encoding.networkPriority,
      };
    })()`);

  const framesBetween = (samples: LinkSample[], from: number, to: number) => {
    const window = samples.filter((s) => s.at >= from && s.at <= to);
    return (window.at(-1)?.framesDecoded ?? 0) - (window[0]?.framesDecoded ?? 0);
  };

  it(
    '300 kbit/s mid-call: audio keeps flowing, video steps down with a notice, and is back within 20 s of the lift',
    async () => {
      const { host, guest } = await call();

      const limitedAt = Date.now();
      await limitLoopback(300);
      const down = await waitForSample(host.page, limitedAt, (s) => s.sentLevel !== null && s.sentLevel !== 'full', 30_000, 'host video stepping down');
      // The page says it in words: smaller picture, or paused with "audio continues".
      const noticed = await waitForSample(host.page, down.at, (s) => s.notice.length > 0, 10_000, 'weak-link notice on the host page');
      // The host's own notice comes first; the guest's ("… video paused") may follow in the same banner,
      // as the limit holds both directions.
      expect(
        [HOST_NOTICE_SMALLER, HOST_NOTICE_PAUSED].some((own) => noticed.notice.startsWith(own)),
        noticed.notice,
      ).toBe(true);
      // Stay limited a while so the audio check covers a real stretch of it.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, limitedAt + 20_000 - Date.now())));
      const liftedAt = Date.now();
      await liftLoopbackLimit();
      // Heard through the live region once as the link got weak, at most once more as video paused,
      // however often the engine probed and stepped in between.
      const spoken = (await announcements(host.page)).filter((text) => text.startsWith('Ihre Verbindung ist schwach'));
      expect(spoken.length, spoken.join(' | ')).toBeGreaterThanOrEqual(1);
      for (const own of [HOST_NOTICE_SMALLER, HOST_NOTICE_PAUSED])
        expect(spoken.filter((text) => text === own).length, spoken.join(' | ')).toBeLessThanOrEqual(1);

      const guestSamples = await readLinkRecorder(guest.page);
      const limited = guestSamples.filter((s) => s.at >= limitedAt && s.at <= liftedAt);
      expect(limited.length).toBeGreaterThan(20);
      expect(limited.at(-1)!.audioPackets).toBeGreaterThan(limited[0]!.audioPackets + 100);
      expect(longestAudioGap(guestSamples, limitedAt, liftedAt)).toBeLessThanOrEqual(2_000);

      // Lifted: video is back within 20 s (A31b-8) and the guest decodes it; full quality follows. A
      // paused sender learns of the lift only by a probe (at most MAX_PROBE_HOLD samples apart), then
      // climbs a level at a time: full quality may take longer, and `npm run bench -- adapt` measures it.
      const back = await waitForStretch(host.page, liftedAt, (s) => s.sentLevel !== 'paused', 6_000, 20_000, 'host video back after the lift');
      const after = await waitForSample(guest.page, back.at + 2_000, () => true, 10_000, 'guest samples after recovery');
      expect(framesBetween(await readLinkRecorder(guest.page), back.at, after.at)).toBeGreaterThan(5);
      const full = await waitForSample(host.page, back.at, (s) => s.sentLevel === 'full', 45_000, 'host video back at full quality');
      await waitForSample(host.page, full.at, (s) => s.notice === '', 10_000, 'notice gone');
      const hostSamples = await readLinkRecorder(host.page);
      process.stdout.write(
        `weak-link 300 kbit/s: step-down after ${down.at - limitedAt} ms (to ${down.sentLevel}), video back ${back.at - liftedAt} ms and full ${full.at - liftedAt} ms after the lift; ` +
          `host levels while limited: ${[...new Set(hostSamples.filter((s) => s.at >= limitedAt && s.at <= liftedAt).map((s) => s.sentLevel))].join(',')}\n` +
          `${linkTimeline(hostSamples, limitedAt - 4_000)}\n`,
      );
    },
    TEST_MS,
  );

  it(
    '100 kbit/s: audio only, said on both sides, audio arrives steadily',
    async () => {
      const { host, guest } = await call();

      const limitedAt = Date.now();
      await limitLoopback(100);
      const paused = await waitForSample(host.page, limitedAt, (s) => s.sentLevel === 'paused', 30_000, 'host video paused');
      await waitForSample(host.page, paused.at, (s) => s.notice.includes(HOST_NOTICE_PAUSED), 10_000, 'host notice');

      // A stretch at 100 kbit/s with video paused: the voice arrives steadily.
      const from = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      const to = Date.now();
      const guestSamples = await readLinkRecorder(guest.page);
      const hostSamples = (await readLinkRecorder(host.page)).filter((s) => s.at >= from && s.at <= to);
      expectSteadyAudio(guestSamples, from, to, 'guest');
      // Audio only: paused nearly all the time (a probe for a small picture may take a few seconds).
      expect(hostSamples.filter((s) => s.sentLevel === 'paused').length / hostSamples.length).toBeGreaterThan(0.6);
      process.stdout.write(
        `weak-link 100 kbit/s: paused after ${paused.at - limitedAt} ms; audio packets at the guest over ${Math.round((to - from) / 1000)} s: ` +
          `${audioPacketsBetween(guestSamples, from, to)}, longest gap ${longestAudioGap(guestSamples, from, to)} ms\n`,
      );

      const liftedAt = Date.now();
      await liftLoopbackLimit();
      // The guest is told in words whose connection is weak. The notice travels through signaling (TCP),
      // which shares the saturated link with the media: in CI it once took over 45 s to get through while
      // limited. The page records every sample, so the notice counts whenever it was shown after the
      // pause — during the limit or once the queued message got through, before the host's video is back.
      const told = await waitForSample(
        guest.page,
        paused.at,
        (s) => s.notice.includes('Die Verbindung von Hanna Hausarzt ist schwach: Video pausiert.'),
        45_000,
        'guest notice',
      );
      // From paused, the way back waits for a probe (bench adapt: 21–46 s after the lift).
      await waitForSample(host.page, liftedAt, (s) => s.sentLevel !== 'paused', 60_000, 'host video resumed after the lift');
      await waitForSample(guest.page, told.at, (s) => !s.notice.includes('Hanna Hausarzt'), 60_000, 'guest notice gone');
    },
    TEST_MS,
  );

  it(
    'the low-bandwidth switch: audio only both ways, not called a weak link, remembered across a reload',
    async () => {
      const { host, guest } = await call();
      const guestSelf = (await waitForSnapshot(guest.page, (s) => s.self !== null)).self!.id;
      const select = guest.page.getByLabel('Geringe Bandbreite', { exact: true });
      await select.selectOption({ label: 'Nur Ton' });

      const switchedAt = Date.now();
      // The guest sends no video, and the host sends none to the guest (the guest's switch is announced).
      await waitForSample(guest.page, switchedAt, (s) => s.sentLevel === 'paused', 10_000, 'guest video paused by the switch');
      await waitForSample(host.page, switchedAt, (s) => s.sentLevel === 'paused', 15_000, 'host video to the guest paused');
      await waitForSnapshot(host.page, (s) => s.participants.some((p) => p.id === guestSelf && (p.media as { bandwidth?: string }).bandwidth === 'audio-only'));
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const now = Date.now();
      const hostSamples = await readLinkRecorder(host.page);
      const guestSamples = await readLinkRecorder(guest.page);
      expect(framesBetween(hostSamples, now - 2_500, now)).toBeLessThanOrEqual(1);
      expect(framesBetween(guestSamples, now - 2_500, now)).toBeLessThanOrEqual(1);
      expect(longestAudioGap(guestSamples, switchedAt, now)).toBeLessThanOrEqual(2_000);
      // A choice, not a weak link: no "connection is weak" on either side.
      expect(hostSamples.at(-1)!.notice).toBe('');
      expect(guestSamples.at(-1)!.notice).toBe('');
      expect(await guest.page.evaluate('localStorage.getItem("sprechzimmer.bandwidth")')).toBe('audio-only');

      // Reloaded, the page comes back with the switch as it was, and the call stays audio only.
      await guest.page.reload({ waitUntil: 'domcontentloaded' });
      await waitForSnapshot(guest.page, (s) => s.state === 'connected' && s.self?.status === 'admitted', 60_000, 'guest back in the call');
      await expect.poll(() => guest.page.getByLabel('Geringe Bandbreite', { exact: true }).inputValue(), { timeout: 15_000 }).toBe('audio-only');
      await startLinkRecorder(guest.page);
      await waitForSample(guest.page, Date.now(), (s) => s.sentLevel === 'paused', 15_000, 'guest still audio only after the reload');

      // Back to automatic: video both ways again.
      await guest.page.getByLabel('Geringe Bandbreite', { exact: true }).selectOption('auto');
      const autoAt = Date.now();
      await waitForSample(host.page, autoAt, (s) => s.sentLevel === 'full', 15_000, 'host video to the guest back');
      await expectVideoDecoding(guest.page, 1, 'guest');
      expect(await guest.page.evaluate('localStorage.getItem("sprechzimmer.bandwidth")')).toBeNull();
    },
    TEST_MS,
  );
});
