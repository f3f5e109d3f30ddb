import { request, type APIRequestContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, createConsultation, createHost, invitationLink, reportServerOnFailure, SmtpCapture, uniqueEmail } from './support';
import { MEASURE_LAYOUT, smallTargets, type LayoutReport } from './support/phone';
import { buttonNamed, webKitAvailable, WebKitSession } from './support/webkit';

/**
 * The join page and the device check in WebKit — Debian's WebKitGTK MiniBrowser, Safari's engine,
 * as narrow as its window goes (≈ 450 CSS px: the phone layout) — with its mock camera and microphone: the page renders, asks for nothing
 * before the person taps "continue", then plays the camera preview inline and mirrored, shows the
 * microphone meter, no speaker choice (WebKit has no setSinkId), and the front/back switch (WebKit's
 * mock cameras report a front and a back facing), which swaps to the back camera, shown unmirrored;
 * the guest then reaches the waiting room over the signaling socket. WebKitGTK is built without
 * WebRTC here, so no call: that it has no RTCPeerConnection is checked too, so this test notices
 * the day it has one. Skipped where WebKitGTK is not installed (`.ci/run` installs it).
 */

const HOST = 'Hanna Hausarzt';
const GUEST = 'Gerd Gast';

const callLocal = `(() => {
  const local = window.__sprechzimmerCall.getSnapshot().local;
  return { audio: local.audioTrack && local.audioTrack.label, video: local.videoTrack && local.videoTrack.label, acquiring: local.acquiring };
})()`;

const previewMirrored = `(() => {
  const video = document.querySelector('video[aria-label="Ihr Kamerabild"]');
  return video ? getComputedStyle(video).transform.startsWith('matrix(-1') : null;
})()`;

describe.skipIf(!webKitAvailable())('WebKit (Safari engine): join page and device check', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let requests: APIRequestContext;
  let webkit: WebKitSession;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    requests = await request.newContext();
    webkit = await WebKitSession.start({ width: 390, height: 844 });
  });

  afterAll(async () => {
    if (report.failed() && webkit) process.stderr.write(`\n--- MiniBrowser output ---\n${webkit.output.slice(-40).join('\n')}\n`);
    await webkit?.close();
    await requests?.dispose();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  async function expectFits(where: string): Promise<LayoutReport> {
    const layout = await webkit.run<LayoutReport>(`return ${MEASURE_LAYOUT};`);
    expect({ where, sideways: layout.scrollWidth > layout.innerWidth, small: smallTargets(layout) }).toEqual({ where, sideways: false, small: [] });
    return layout;
  }

  it('renders the join page, asks for camera and microphone only after the tap, and the device check works', async () => {
    const api = new Api(requests, server.origin);
    await createHost(api, smtp, { firstName: 'Hanna', lastName: 'Hausarzt' });
    const email = uniqueEmail('gerd');
    await createConsultation(api, [{ name: GUEST, email }]);
    const link = await invitationLink(smtp, email, server.origin);

    expect(webkit.version).toMatch(/^\d+\.\d+/);
    await webkit.goto(link);
    await webkit.waitFor('the join page', `document.querySelector('h1') && document.querySelector('h1').textContent === 'Videosprechstunde bei ${HOST}'`);
    expect(await webkit.run<string>('return typeof RTCPeerConnection;')).toBe('undefined');
    await webkit.waitFor('the call session', `Boolean(window.__sprechzimmerCall)`);
    expect(await webkit.run(`return ${callLocal};`)).toEqual({ audio: null, video: null, acquiring: false });
    // MiniBrowser's toolbar keeps its window at least ≈ 450 px wide: still the phone layout (< 768 px).
    const joinLayout = await expectFits('join page');
    expect(joinLayout.innerWidth).toBeLessThan(768);

    await webkit.click(`//input[@type='checkbox']`);
    await webkit.click(buttonNamed('Weiter zur Geräteprüfung'));

    // --- The device check with WebKit's mock devices.
    await webkit.waitFor('the device check', `document.querySelector('h1') && document.querySelector('h1').textContent === 'Kamera und Mikrofon prüfen'`);
    await webkit.waitFor('the camera preview playing', `[...document.querySelectorAll('video')].some((video) => video.videoWidth > 0 && !video.paused)`);
    expect(await webkit.run(`return ${callLocal};`)).toEqual({ audio: 'Mock audio device 1', video: 'Mock video device 1', acquiring: false });
    expect(await webkit.run<number>(`return [...document.querySelectorAll('video')].filter((video) => !video.hasAttribute('playsinline')).length;`)).toBe(0);
    expect(await webkit.run<boolean>(`return Boolean(document.querySelector('[role="meter"][aria-label="Mikrofonpegel"]'));`)).toBe(true);
    // No setSinkId in WebKit: the speaker test stays, the speaker choice is not offered.
    expect(await webkit.run<boolean>(`return 'setSinkId' in HTMLMediaElement.prototype;`)).toBe(false);
    expect(await webkit.run<string[]>(`return [...document.querySelectorAll('label')].map((label) => label.textContent.trim());`)).not.toContain(
      'Lautsprecher',
    );
    await webkit.waitFor('the speaker test', `[...document.querySelectorAll('button')].some((button) => button.textContent.trim() === 'Lautsprecher testen')`);
    expect(await webkit.run(`return ${previewMirrored};`)).toBe(true);
    await expectFits('device check');

    // --- Front/back: WebKit's second mock camera faces away.
    await webkit.click(buttonNamed('Kamera wechseln'));
    await webkit.waitFor('the back camera running', `${callLocal}.video === 'Mock video device 2'`);
    await webkit.waitFor('the back camera unmirrored', `${previewMirrored} === false`);

    // --- The waiting room over the signaling socket.
    await webkit.click(buttonNamed('Fertig – zum Wartezimmer'));
    await webkit.waitFor(
      'the waiting room',
      `document.querySelector('h1') && document.querySelector('h1').textContent === 'Bitte warten Sie – Sie werden gleich hereingelassen'`,
    );
    await webkit.waitFor('the session waiting', `window.__sprechzimmerCall.getSnapshot().state === 'waiting'`);
    await expectFits('waiting room');
  }, 180_000);
});
