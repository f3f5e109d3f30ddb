import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Api,
  AppServer,
  Coturn,
  createConsultation,
  createHost,
  invitationLink,
  launchChromium,
  reportServerOnFailure,
  selectedPairs,
  SmtpCapture,
  TrackedPage,
  uniqueEmail,
} from './support';
import { expectAudioReceived, expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, openHostRoom, waitForSnapshot } from './support/room';

/**
 * Relay-only calls through coturn (on loopback in the namespace, `use-auth-secret`): the server
 * issues time-limited TURN credentials only to admitted participants (a waiting guest gets 403
 * from /api/join/ice), both sides' selected candidate pairs are relay ↔ relay, no other candidate
 * type is ever signalled (participants never learn each other's address), and frames decode.
 */

describe('relay-only call through TURN', () => {
  const smtp = new SmtpCapture();
  let turn: Coturn;
  let server: AppServer;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  const report = reportServerOnFailure();

  beforeAll(async () => {
    turn = await Coturn.start();
    server = await AppServer.start({ smtpUrl: await smtp.start(), env: turn.serverEnv(true) });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
    if (report.failed() && turn) process.stderr.write(`\n--- coturn output ---\n${turn.logs().split('\n').slice(-30).join('\n')}\n`);
    await turn?.stop();
  });

  it('relays both directions, and gives TURN credentials only after admission', async () => {
    const host = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    pages.push(host, guest);
    const hostApi = new Api(host.context.request, server.origin);
    await createHost(hostApi, smtp, { firstName: 'Tina', lastName: 'Turn' });
    const email = uniqueEmail('rolf');
    const consultation = await createConsultation(hostApi, [{ name: 'Rolf Relais', email }]);
    const link = await invitationLink(smtp, email, server.origin);

    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link);
    await enterWaitingRoom(guest.page);

    // Waiting: no ICE configuration, so no TURN credentials.
    const guestApi = new Api(guest.context.request, server.origin);
    const refused = await guestApi.call('GET', '/api/join/ice');
    expect(refused.status()).toBe(403);
    expect(await refused.text()).not.toContain('turn:');

    await admitByName(host.page, 'Rolf Relais');
    await waitForSnapshot(guest.page, (s) => s.state === 'connected', 15_000, 'guest connected');

    // Admitted: the relay with time-limited credentials (coturn REST: "<expiry>:<id>"), relay only.
    const ice = await guestApi.expect<{ iceServers: { urls: string[]; username?: string; credential?: string }[]; iceTransportPolicy: string }>(
      200,
      'GET',
      '/api/join/ice',
    );
    expect(ice.iceTransportPolicy).toBe('relay');
    const relay = ice.iceServers.find((server) => server.urls.some((url) => url.startsWith('turn:')));
    expect(relay?.urls).toEqual([`turn:127.0.0.1:${turn.port}?transport=udp`]);
    const [expiry] = (relay?.username ?? '').split(':');
    expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000);
    expect(relay?.credential).toBeTruthy();

    await expectVideoDecoding(guest.page, 1, 'guest');
    await expectVideoDecoding(host.page, 1, 'host');
    await expectAudioReceived(guest.page, 1, 'guest');

    for (const [name, page] of [
      ['host', host],
      ['guest', guest],
    ] as const) {
      const pairs = (await selectedPairs(page.page)).filter((pair) => pair.state !== null);
      expect(pairs.length, name).toBeGreaterThanOrEqual(1);
      for (const pair of pairs) {
        expect({ local: pair.local, remote: pair.remote }, name).toEqual({ local: 'relay', remote: 'relay' });
        expect(pair.relayProtocol, name).toBe('udp');
      }
      // Every candidate the page signalled was a relay candidate: no host or srflx address leaked.
      const candidates = page
        .signalingMessages('sent')
        .filter((m) => m.type === 'signal')
        .map((m) => m.payload as { kind: string; candidate?: { candidate?: string } | null })
        .filter((payload) => payload.kind === 'candidate' && payload.candidate?.candidate)
        .map((payload) => payload.candidate!.candidate!);
      expect(candidates.length, name).toBeGreaterThan(0);
      for (const candidate of candidates) expect(candidate, name).toMatch(/ typ relay/);
      const descriptions = page
        .signalingMessages('sent')
        .filter((m) => m.type === 'signal' && (m.payload as { kind: string }).kind === 'description')
        .map((m) => (m.payload as { description: { sdp: string } }).description.sdp);
      for (const sdp of descriptions)
        for (const line of sdp.split(/\r?\n/).filter((l) => l.startsWith('a=candidate:'))) expect(line, name).toMatch(/ typ relay/);
    }
    // coturn saw the allocations.
    expect(turn.logs()).toMatch(/ALLOCATE/i);

    expect(host.problems()).toEqual([]);
    expect(guest.problems()).toEqual([]);
  });
});
