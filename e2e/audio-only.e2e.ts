import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, createHost, INVITATION_SUBJECT, launchChromium, reportServerOnFailure, SmtpCapture, TrackedPage, uniqueEmail } from './support';
import { expectAudioReceived, expectVideoDecoding } from './support/media';
import { inboundStats } from './support/probes';
import { admitByName, openHostRoom, waitForSnapshot } from './support/room';

/**
 * P-28 in real Chromium: an audio-only consultation. The guest's device check asks for the
 * microphone only (every getUserMedia call of the page is recorded), both sides receive audio and no
 * video, both show the audio-only view; the host turns video on, the guest is asked and agrees, and
 * only then does video flow both ways.
 */

const EXPECT_MS = 15_000;

/** Records the constraints of every getUserMedia call of the page, before any app code runs. */
const RECORD_GET_USER_MEDIA = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices) return;
  const original = devices.getUserMedia.bind(devices);
  window.__szGetUserMedia = [];
  devices.getUserMedia = (constraints) => {
    window.__szGetUserMedia.push(JSON.parse(JSON.stringify(constraints ?? {})));
    return original(constraints);
  };
})();`;

function videoRequests(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    ((globalThis as unknown as { __szGetUserMedia?: Array<{ video?: unknown }> }).__szGetUserMedia ?? []).map((constraints) => constraints.video ?? false),
  );
}

async function inboundVideoStreams(page: Page): Promise<number> {
  return (await inboundStats(page)).filter((sample) => sample.kind === 'video').length;
}

describe('audio-only consultation (P-28)', () => {
  const smtp = new SmtpCapture();
  let server: AppServer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  const report = reportServerOnFailure();

  beforeAll(async () => {
    server = await AppServer.start({ smtpUrl: await smtp.start() });
    browser = await launchChromium();
    host = await TrackedPage.open(browser, server.origin);
    guest = await TrackedPage.open(browser, server.origin);
    await guest.context.addInitScript({ content: RECORD_GET_USER_MEDIA });
  });

  afterAll(async () => {
    await host?.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await guest?.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  it('opens no camera until the host turns video on and the guest agrees; audio flows throughout', async () => {
    const api = new Api(host.context.request, server.origin);
    const account = await createHost(api, smtp, { firstName: 'Anna', lastName: 'Akustik' });
    const guestEmail = uniqueEmail('tom.ton');
    const guestName = 'Tom Ton';
    const created = await api.expect<{ id: string; mode: string }>(201, 'POST', '/api/consultations', {
      guests: [{ name: guestName, email: guestEmail }],
      mode: 'audio',
    });
    expect(created.mode).toBe('audio');
    const mail = await smtp.take(guestEmail, INVITATION_SUBJECT);
    const link = mail.links.find((candidate) => candidate.startsWith(`${server.origin}/join#`));
    expect(link, mail.text).toBeDefined();

    await openHostRoom(host.page, created.id);

    // --- The guest's device check: microphone only, no camera preview, no camera choice.
    await guest.page.goto(link!);
    await guest.page.getByRole('heading', { level: 1, name: `Videosprechstunde bei ${account.displayName}` }).waitFor();
    await guest.page.getByLabel(/^Ich willige ein, dass meine Daten/).check();
    await guest.page.getByRole('button', { name: 'Weiter zur Geräteprüfung', exact: true }).click();
    await guest.page.getByRole('heading', { level: 1, name: 'Mikrofon prüfen' }).waitFor();
    await guest.page.getByText('Dieses Gespräch findet nur mit Ton statt', { exact: false }).waitFor();
    await guest.page.getByRole('meter', { name: 'Mikrofonpegel' }).waitFor();
    await expect.poll(() => videoRequests(guest.page), { timeout: EXPECT_MS }).toEqual([false]);
    expect(await guest.page.getByLabel('Ihr Kamerabild', { exact: true }).count()).toBe(0);
    expect(await guest.page.getByRole('combobox', { name: 'Kamera', exact: true }).count()).toBe(0);
    await guest.page.getByRole('button', { name: 'Fertig – zum Wartezimmer', exact: true }).click();
    await waitForSnapshot(guest.page, (s) => s.state === 'waiting', EXPECT_MS, 'guest waiting');

    // --- Admitted: audio both ways, no inbound video on either side, the audio-only view.
    await admitByName(host.page, guestName);
    await waitForSnapshot(guest.page, (s) => s.state === 'connected', EXPECT_MS, 'guest connected');
    await expectAudioReceived(guest.page, 1, 'guest');
    await expectAudioReceived(host.page, 1, 'host');
    expect(await inboundVideoStreams(guest.page)).toBe(0);
    expect(await inboundVideoStreams(host.page)).toBe(0);
    for (const [page, other] of [
      [host.page, guestName],
      [guest.page, account.displayName],
    ] as const) {
      const tile = page.getByRole('figure', { name: other, exact: true });
      await tile.getByRole('meter', { name: `Lautstärke von ${other}` }).waitFor();
      expect(await tile.getByText('Kamera aus', { exact: true }).count()).toBe(0);
      await page.getByText('Nur Ton', { exact: true }).first().waitFor();
    }
    expect(await videoRequests(guest.page)).toEqual([false]);

    // --- The host turns video on; the guest is asked, and nothing opens before the answer.
    await host.page
      .getByRole('group', { name: 'Steuerung' })
      .getByRole('button', { name: /^Video einschalten/ })
      .click();
    const ask = guest.page.getByRole('alertdialog', { name: /Video einschalten\?/ });
    await ask.waitFor();
    expect(await videoRequests(guest.page)).toEqual([false]);
    await expectVideoDecoding(guest.page, 1, 'guest sees the host');
    await ask.getByRole('button', { name: 'Kamera einschalten', exact: true }).click();

    // --- Agreed: now the guest's camera opens and video decodes both ways.
    await expect.poll(async () => (await videoRequests(guest.page)).filter(Boolean).length, { timeout: EXPECT_MS }).toBe(1);
    await expectVideoDecoding(host.page, 1, 'host sees the guest');
    await expectVideoDecoding(guest.page, 1, 'guest still sees the host');
    await expectAudioReceived(host.page, 1, 'host after video');

    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });
});
