import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
import { expectVideoDecoding, sampleFrames } from './support/media';
import { admitByName, enterWaitingRoom, openHostRoom, setMicrophone, waitForSnapshot } from './support/room';

/**
 * Media is peer to peer, so a running call keeps flowing while the signaling server restarts: the
 * server is stopped (SIGTERM, then in a second round SIGKILL) and started again on the same data
 * directory and port. framesDecoded, sampled every 500 ms on both sides across the restart, grows at
 * every sample; afterwards both clients resume their signaling (same participant, no ghost) and a
 * media-state change travels through the new server process to the other side.
 */

const GUEST = 'Rudi Neustart';
const LATECOMER = 'Lena Funkloch';

/**
 * The page's signaling socket drops the moment the first offer or answer from the other side reaches
 * it, the message unread: a phone switching networks as the host admits it. The server keeps nothing
 * for an away socket, so the description is gone unless its sender repeats it (web/call/OfferRepeat.ts).
 */
const DROP_FIRST_DESCRIPTION = `(() => {
  const Native = window.WebSocket;
  let dropped = false;
  window.__szDroppedDescription = null;
  window.WebSocket = class extends Native {
    set onmessage(handler) {
      super.onmessage = handler && ((event) => {
        if (!dropped && typeof event.data === 'string' && event.data.includes('"type":"signal"') && event.data.includes('"kind":"description"')) {
          dropped = true;
          window.__szDroppedDescription = JSON.parse(event.data).payload.description.type;
          this.close(4008, 'network switch');
          return;
        }
        handler.call(this, event);
      });
    }
    get onmessage() {
      return super.onmessage;
    }
  };
})();`;

function notStrictlyIncreasing(samples: number[]): string[] {
  const problems: string[] = [];
  for (let index = 1; index < samples.length; index += 1) {
    if (samples[index]! <= samples[index - 1]!) problems.push(`sample ${index}: ${samples[index - 1]} → ${samples[index]}`);
  }
  return problems;
}

describe('the signaling server restarts during a call', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  let ids: { host: string; guest: string };
  let hostApi: Api;
  let latecomer: TrackedPage | undefined;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    host = await TrackedPage.open(browser, server.origin, { debugCall: true });
    guest = await TrackedPage.open(browser, server.origin, { debugCall: true });
    hostApi = new Api(host.context.request, server.origin);
    await createHost(hostApi, smtp, { firstName: 'Stefan', lastName: 'Stabil' });
    const email = uniqueEmail('rudi');
    const consultation = await createConsultation(hostApi, [{ name: GUEST, email }]);
    const link = await invitationLink(smtp, email, server.origin);
    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link);
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, GUEST);
    await expectVideoDecoding(guest.page, 1, 'guest');
    await expectVideoDecoding(host.page, 1, 'host');
    const hostSnapshot = await waitForSnapshot(host.page, (s) => s.self !== null);
    const guestSnapshot = await waitForSnapshot(guest.page, (s) => s.self !== null);
    ids = { host: hostSnapshot.self!.id, guest: guestSnapshot.self!.id };
  });

  afterAll(async () => {
    if (report.failed()) {
      for (const [name, page] of [
        ['host', host],
        ['guest', guest],
      ] as const) {
        process.stderr.write(`\n--- ${name} console (last 60) ---\n${page?.consoleLog.slice(-60).join('\n')}\n`);
        const frames = (page?.webSocketFrames ?? []).filter((frame) => !/"type":"(ping|pong)"/.test(frame.payload));
        process.stderr.write(
          `\n--- ${name} signaling frames (no ping/pong, last 40) ---\n${frames
            .slice(-40)
            .map((f) => `${new Date(f.at).toISOString().slice(11, 23)} ${f.direction} ${f.payload.replace(/"sdp":"[^"]*"/, '"sdp":…').slice(0, 300)}`)
            .join('\n')}\n`,
        );
      }
    }
    for (const [name, page] of [
      ['host', host],
      ['guest', guest],
      ['latecomer', latecomer],
    ] as const) {
      await page?.close().catch((error: unknown) => process.stderr.write(`${name} page did not close: ${String(error)}\n`));
    }
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`keeps decoding frames across a ${signal} restart and resumes signaling`, async () => {
      const samplers = [sampleFrames(host.page), sampleFrames(guest.page)] as const;
      await new Promise((resolve) => setTimeout(resolve, 1_500));

      await server.kill(signal);
      // Both clients notice and try to reconnect.
      await waitForSnapshot(host.page, (s) => s.signaling !== 'open', 30_000, 'host notices the lost socket');
      await waitForSnapshot(guest.page, (s) => s.signaling !== 'open', 30_000, 'guest notices the lost socket');
      await server.start();
      const [hostAfter, guestAfter] = await Promise.all([
        waitForSnapshot(host.page, (s) => s.signaling === 'open', 30_000, 'host signaling open again'),
        waitForSnapshot(guest.page, (s) => s.signaling === 'open', 30_000, 'guest signaling open again'),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const [hostFrames, guestFrames] = await Promise.all([samplers[0].stop(), samplers[1].stop()]);

      // Frames were decoded throughout: every 500 ms sample is higher than the one before.
      expect(hostFrames.length).toBeGreaterThan(8);
      // Soft: the resume checks below run whatever the media did.
      expect.soft(notStrictlyIncreasing(hostFrames), `host: ${hostFrames.join(' ')}`).toEqual([]);
      expect.soft(notStrictlyIncreasing(guestFrames), `guest: ${guestFrames.join(' ')}`).toEqual([]);

      // Same participants, nobody twice, still in the call.
      expect(hostAfter.self?.id).toBe(ids.host);
      expect(guestAfter.self?.id).toBe(ids.guest);
      expect(guestAfter.state).toBe('connected');
      const hostView = await waitForSnapshot(
        host.page,
        (s) => s.participants.length === 1 && s.participants[0]!.online,
        30_000,
        'guest online again for the host',
      );
      expect(hostView.participants.map((p) => [p.id, p.status])).toEqual([[ids.guest, 'admitted']]);

      // Signaling works through the new process: the guest's mute reaches the host, and back.
      await setMicrophone(guest.page, false);
      await waitForSnapshot(host.page, (s) => s.participants[0]?.media.audio === false, 15_000, 'mute after restart reaches the host');
      await setMicrophone(guest.page, true);
      await waitForSnapshot(host.page, (s) => s.participants[0]?.media.audio === true, 15_000, 'unmute after restart reaches the host');

      await expectVideoDecoding(guest.page, 1, 'guest after restart');
      await expectVideoDecoding(host.page, 1, 'host after restart');
    });
  }

  it('connects a guest whose socket dropped just as the first offer or answer reached it', async () => {
    const email = uniqueEmail('lena');
    const consultation = await createConsultation(hostApi, [{ name: LATECOMER, email }]);
    const link = await invitationLink(smtp, email, server.origin);
    latecomer = await TrackedPage.open(browser, server.origin, { debugCall: true });
    await latecomer.context.addInitScript({ content: DROP_FIRST_DESCRIPTION });
    await openHostRoom(host.page, consultation.id);
    await latecomer.page.goto(link);
    await enterWaitingRoom(latecomer.page);
    await admitByName(host.page, LATECOMER);

    // Without a repeat both sides waited for each other for good (the polite side's own offer after
    // 10 s is ignored by the impolite side, which still waits for its answer).
    await expectVideoDecoding(latecomer.page, 1, 'latecomer');
    await expectVideoDecoding(host.page, 1, 'host');
    const dropped = await latecomer.page.evaluate(() => (globalThis as unknown as { __szDroppedDescription: string | null }).__szDroppedDescription);
    expect(['offer', 'answer']).toContain(dropped);
  });
});
