import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  AppServer,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  PHONES,
  reportServerOnFailure,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
  type PhoneScreen,
} from './support';
import { expectAudioReceived, expectVideoDecoding } from './support/media';
import { measureLayout, smallTargets, type LayoutReport } from './support/phone';
import { admitByName, openHostRoom, startScreenShare, waitForSnapshot } from './support/room';

/**
 * A guest on a phone (Chromium mobile emulation: 360×640 and 390×844 CSS px, pixel ratio 3, touch,
 * mobile viewport) joins a host on a desktop page: invitation link, name and consent, device check,
 * waiting room, admission, video and audio decoded both ways (getStats). At every step the page is
 * turned through both phone sizes, portrait and landscape (setViewportSize), and checked for what a
 * phone user notices: no sideways scrolling, touch targets of at least 44×44 CSS px, the main
 * actions in the lower half of the screen, videos that fit, only our own camera mirrored.
 *
 * The phone's browser has cameras whose listing reports one facing the user and one facing away
 * (as Chrome on Android does): the front/back switch is offered to it and not to the desktop
 * host, and switching keeps the host decoding. Its media elements have no `setSinkId` (as Safari):
 * no speaker choice. Its page going to the background (visibilityState forced to hidden, as the
 * browser cannot be backgrounded headless) shows the host "camera paused" instead of a frozen frame.
 * One call; the sizes change within it.
 */

const GUEST = 'Gerd Gast';
const HOST = 'Hanna Hausarzt';
const SELF_VIEW = 'Ihr eigenes Bild';
const PREVIEW = 'Ihr Kamerabild';

/** The phone's listing reports a facing per camera; its media elements cannot choose a speaker. */
const ANDROID_CAMERAS_WITHOUT_SINK_ID = `(() => {
  const Info = window.InputDeviceInfo;
  if (Info && Info.prototype.getCapabilities) {
    const original = Info.prototype.getCapabilities;
    Info.prototype.getCapabilities = function () {
      const capabilities = original.call(this);
      if (this.kind !== 'videoinput') return capabilities;
      const facing = { fake_device_0: ['user'], fake_device_2: ['environment'] }[this.label] ?? [];
      return { ...capabilities, facingMode: facing };
    };
  }
  delete HTMLMediaElement.prototype.setSinkId;
})();`;

const orientations = (phone: PhoneScreen) => [
  { width: phone.width, height: phone.height, label: `${phone.width}×${phone.height} portrait` },
  { width: phone.height, height: phone.width, label: `${phone.height}×${phone.width} landscape` },
];
const screens = [...orientations(PHONES.small), ...orientations(PHONES.tall)];

/** Every visible <video> has playsinline (iOS would open it full screen otherwise). */
const videosWithoutPlaysinline = (page: Page) =>
  page.evaluate(`[...document.querySelectorAll('video')].filter((video) => !video.hasAttribute('playsinline')).length`) as Promise<number>;

interface StageCheck {
  /** The main action that must sit in the lower half of the screen (a page), or the call's control bar. */
  thumb: { button: string; scrollTo?: string } | 'controls';
  /** Accessible names of the figures/previews whose video is our own camera (mirrored). */
  own: string[];
  /** Figures whose video must not be mirrored. */
  others: string[];
}

describe('a guest on a phone', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    // Fake cameras: 0 is the phone's front, 2 its back (1 is Chromium's fake depth camera, which no
    // encoder takes: a phone lists such cameras without a facing). The later flag wins over the plain one.
    browser = await launchChromium(['--use-fake-device-for-media-stream=device-count=3']);
    host = await TrackedPage.open(browser, server.origin);
    guest = await TrackedPage.open(browser, server.origin, { phone: PHONES.small });
    await guest.context.addInitScript({ content: ANDROID_CAMERAS_WITHOUT_SINK_ID });
    for (const page of [host, guest]) page.context.setDefaultTimeout(45_000);
  });

  afterAll(async () => {
    if (report.failed()) process.stderr.write(`\n--- console of the phone ---\n${guest?.consoleLog.slice(-40).join('\n')}\n`);
    await host?.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await guest?.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  /** Turns the phone through both sizes and orientations and checks the page at each. */
  async function checkEveryScreen(stage: string, check: StageCheck): Promise<void> {
    const problems: string[] = [];
    for (const screen of screens) {
      await guest.page.setViewportSize({ width: screen.width, height: screen.height });
      const where = `${stage} at ${screen.label}`;
      // The layout settles within a frame or two of the resize.
      await guest.page.waitForFunction(
        ([width, height]) => {
          const page = globalThis as unknown as { innerWidth: number; innerHeight: number };
          return page.innerWidth === width && page.innerHeight === height;
        },
        [screen.width, screen.height],
      );
      let layout: LayoutReport;
      if (check.thumb === 'controls') {
        layout = await measureLayout(guest.page);
        const bar = layout.controls;
        if (!bar) problems.push(`${where}: no control bar`);
        else if (bar.top < layout.innerHeight / 2 || bar.top + bar.height > layout.innerHeight + 1) {
          problems.push(`${where}: control bar at ${bar.top}–${bar.top + bar.height} of ${layout.innerHeight}`);
        }
        for (const video of layout.videos) {
          const bottom = bar ? bar.top : layout.innerHeight;
          if (video.left < 0 || video.top < 0 || video.left + video.width > layout.innerWidth + 1 || video.top + video.height > bottom + 1) {
            problems.push(`${where}: video of "${video.owner}" at ${video.left},${video.top} ${video.width}×${video.height} leaves the stage`);
          }
        }
      } else {
        // A page scrolls: from where its form or top is, the main action is on screen in the lower half.
        await guest.page.evaluate(
          `(${check.thumb.scrollTo ? `document.querySelector(${JSON.stringify(check.thumb.scrollTo)}).scrollIntoView({ block: 'start' })` : 'window.scrollTo(0, 0)'})`,
        );
        layout = await measureLayout(guest.page);
        const button = await guest.page.getByRole('button', { name: check.thumb.button, exact: true }).boundingBox();
        if (!button) problems.push(`${where}: "${check.thumb.button}" not shown`);
        else if (button.y < layout.innerHeight / 2 || button.y + button.height > layout.innerHeight + 1) {
          problems.push(
            `${where}: "${check.thumb.button}" at ${Math.round(button.y)}–${Math.round(button.y + button.height)} of ${layout.innerHeight}, not in the lower half`,
          );
        }
        for (const video of layout.videos) {
          if (video.width > layout.innerWidth || video.height > layout.innerHeight / 2 + 1) {
            problems.push(`${where}: video of "${video.owner}" ${video.width}×${video.height} takes more than half the screen`);
          }
        }
      }
      if (layout.scrollWidth > layout.innerWidth)
        problems.push(`${where}: scrolls sideways (${layout.scrollWidth} > ${layout.innerWidth}): ${layout.overflowing.join(', ')}`);
      for (const small of smallTargets(layout)) problems.push(`${where}: touch target ${small}`);
      for (const video of layout.videos) {
        const owner = video.owner;
        if (check.own.includes(owner) && !video.mirrored) problems.push(`${where}: own camera "${owner}" not mirrored`);
        if (check.others.includes(owner) && video.mirrored) problems.push(`${where}: "${owner}" is mirrored`);
      }
      for (const owner of [...check.own, ...check.others]) {
        if (!layout.videos.some((video) => video.owner === owner)) problems.push(`${where}: no video of "${owner}" shown`);
      }
    }
    await guest.page.setViewportSize({ width: PHONES.small.width, height: PHONES.small.height });
    expect(problems).toEqual([]);
  }

  it('joins, checks devices, waits, is admitted and talks, with a layout that fits every phone screen', async () => {
    const api = new Api(host.context.request, server.origin);
    await createHost(api, smtp, { firstName: 'Hanna', lastName: 'Hausarzt' });
    const email = uniqueEmail('gerd');
    const consultation = await createConsultation(api, [{ name: GUEST, email }]);
    const link = await invitationLink(smtp, email, server.origin);
    await openHostRoom(host.page, consultation.id);

    // --- The join page: name and consent, by touch.
    await guest.page.goto(link, { waitUntil: 'domcontentloaded' });
    await guest.page.getByRole('heading', { level: 1, name: `Videosprechstunde bei ${HOST}` }).waitFor();
    await checkEveryScreen('join page', { thumb: { button: 'Weiter zur Geräteprüfung', scrollTo: 'form' }, own: [], others: [] });
    await guest.page.getByLabel(/^Ich willige ein, dass meine Daten/).tap();
    await guest.page.getByRole('button', { name: 'Weiter zur Geräteprüfung', exact: true }).tap();

    // --- The device check: the preview (mirrored: the front camera), front/back switch, no speaker choice.
    await guest.page.getByRole('heading', { level: 1, name: 'Kamera und Mikrofon prüfen' }).waitFor();
    await guest.page.getByLabel(PREVIEW, { exact: true }).waitFor();
    await guest.page.getByRole('meter', { name: 'Mikrofonpegel' }).waitFor();
    await guest.page.getByRole('button', { name: 'Kamera wechseln', exact: true }).waitFor();
    expect(await guest.page.getByRole('combobox', { name: 'Lautsprecher', exact: true }).count()).toBe(0);
    await guest.page.getByRole('button', { name: 'Lautsprecher testen' }).waitFor();
    await checkEveryScreen('device check', { thumb: { button: 'Fertig – zum Wartezimmer' }, own: [PREVIEW], others: [] });
    await guest.page.getByRole('button', { name: 'Fertig – zum Wartezimmer', exact: true }).tap();

    // --- The waiting room.
    await guest.page.getByRole('heading', { level: 1, name: 'Bitte warten Sie – Sie werden gleich hereingelassen' }).waitFor();
    await waitForSnapshot(guest.page, (s) => s.state === 'waiting', 15_000, 'guest waiting');
    await checkEveryScreen('waiting room', { thumb: { button: 'Wartezimmer verlassen' }, own: [SELF_VIEW], others: [] });

    // --- Admitted: video and audio both ways.
    await admitByName(host.page, GUEST);
    await expectVideoDecoding(guest.page, 1, 'phone guest', 45_000);
    await expectVideoDecoding(host.page, 1, 'host', 45_000);
    await expectAudioReceived(guest.page, 1, 'phone guest');
    await expectAudioReceived(host.page, 1, 'host');
    await checkEveryScreen('call', { thumb: 'controls', own: [SELF_VIEW], others: [HOST] });
    expect(await videosWithoutPlaysinline(guest.page)).toBe(0);

    // The desktop host (two cameras that report no facing) gets no front/back switch.
    expect(await host.page.getByRole('button', { name: 'Kamera wechseln', exact: true }).count()).toBe(0);

    // --- Front/back: the back camera goes to the host (still decoding), our picture is not mirrored then.
    const sentCamera = () => guest.page.evaluate(`window.__sprechzimmerCall.getSnapshot().local.videoTrack?.label ?? null`) as Promise<string | null>;
    expect(await sentCamera()).toBe('fake_device_0');
    await guest.page.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Kamera wechseln', exact: true }).tap();
    await expect.poll(sentCamera, { timeout: 15_000 }).toBe('fake_device_2');
    await expectVideoDecoding(host.page, 1, 'host after the switch to the back camera');
    await expect.poll(async () => (await measureLayout(guest.page)).videos.find((v) => v.owner === SELF_VIEW)?.mirrored, { timeout: 15_000 }).toBe(false);
    await guest.page.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Kamera wechseln', exact: true }).tap();
    await expect.poll(sentCamera, { timeout: 15_000 }).toBe('fake_device_0');

    // --- A screen share from the host is shown unmirrored on the phone.
    await startScreenShare(host.page);
    const screenOf = `Bildschirm von ${HOST}`;
    await guest.page.getByRole('figure', { name: screenOf }).waitFor();
    await expect
      .poll(
        async () => (await measureLayout(guest.page)).videos.filter((v) => v.owner === screenOf || v.owner === SELF_VIEW).map((v) => [v.owner, v.mirrored]),
        { timeout: 15_000 },
      )
      .toEqual([
        [screenOf, false],
        [SELF_VIEW, true],
      ]);

    // --- The phone's page goes to the background: the host sees "camera paused", not a frozen frame.
    const setHidden = (hidden: boolean) =>
      guest.page.evaluate(`(() => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => ${hidden ? "'hidden'" : "'visible'"} });
        document.dispatchEvent(new Event('visibilitychange'));
      })()`);
    const guestTile = host.page.getByRole('figure', { name: GUEST, exact: true });
    await setHidden(true);
    await guestTile.getByText('Kamera pausiert', { exact: true }).waitFor();
    await guestTile.getByText('Kamera pausiert – die Seite ist gerade im Hintergrund.', { exact: true }).waitFor();
    expect(await guestTile.locator('video:not(.stream-video-hidden)').count()).toBe(0);
    await setHidden(false);
    await guestTile.getByText('Kamera pausiert', { exact: true }).waitFor({ state: 'detached' });
    await expectVideoDecoding(host.page, 1, 'host after the phone came back');

    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  }, 240_000);
});
