import type { Browser, Page, WebSocketRoute } from 'playwright-core';
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
import { expectVideoDecoding } from './support/media';
import { admitByName, enterWaitingRoom, openHostRoom, shownSafetyCode } from './support/room';

/**
 * The safety code (P-12) against a real attacker. Two calls in Chromium:
 *
 * 1. Host and guest directly: both pages show the same eight words and digits for their connection;
 *    "they match" marks it on the host's page.
 * 2. A man in the middle: the test plays a signaling server that lies. It routes the host's and the
 *    guest's signaling sockets (Playwright's routeWebSocket) and hands every offer, answer and
 *    candidate to a third browser page, which answers each side as if it were the other, terminates
 *    both DTLS connections and forwards the media between them. The call still works — each side
 *    decodes the other's video — but the two pages show different codes.
 *
 * Equal codes across engines (a Firefox guest with a Chromium host) are checked in firefox-call.e2e.ts.
 */

const GUEST = 'Gerd Gast';
const HOST = 'Hanna Hausarzt';

/** The attacker's page: two peer connections, each answering one side and forwarding what it receives to the other. */
const ATTACKER_SCRIPT = `(() => {
  const legs = {};
  for (const name of ['host', 'guest']) {
    const pc = new RTCPeerConnection();
    legs[name] = { pc, stream: new MediaStream(), inbound: [], queue: Promise.resolve() };
    pc.onicecandidate = (event) => window.__mitmSend(name, { kind: 'candidate', candidate: event.candidate ? event.candidate.toJSON() : null });
  }
  const other = (name) => (name === 'host' ? 'guest' : 'host');
  // What arrives on one leg is sent on the other leg's transceiver of the same kind.
  const attach = (name) => {
    const leg = legs[name];
    for (const track of legs[other(name)].inbound) {
      const transceiver = leg.pc.getTransceivers().find((t) => t.receiver.track.kind === track.kind && t.sender.track === null && t.currentDirection !== 'stopped');
      if (transceiver) transceiver.sender.replaceTrack(track);
    }
  };
  for (const name of ['host', 'guest']) {
    legs[name].pc.ontrack = (event) => {
      legs[name].inbound.push(event.track);
      attach(other(name));
    };
  }
  window.__mitm = {
    signal(name, payload) {
      const leg = legs[name];
      leg.queue = leg.queue.then(async () => {
        if (payload.kind === 'description') {
          await leg.pc.setRemoteDescription(payload.description);
          if (payload.description.type !== 'offer') return;
          for (const transceiver of leg.pc.getTransceivers()) {
            transceiver.direction = 'sendrecv';
            transceiver.sender.setStreams(leg.stream);
          }
          await leg.pc.setLocalDescription();
          window.__mitmSend(name, { kind: 'description', description: leg.pc.localDescription.toJSON() });
          attach(name);
        } else if (payload.candidate) {
          await leg.pc.addIceCandidate(payload.candidate);
        }
      }).catch((error) => console.error('mitm: ' + name + ': ' + error));
    },
    states: () => Object.fromEntries(Object.entries(legs).map(([name, leg]) => [name, leg.pc.connectionState])),
  };
})()`;

/**
 * Routes a page's signaling socket through the test: everything passes but `signal` messages, which
 * go to the attacker instead; the attacker's answers are injected as if they came from the other side.
 */
class LyingSignaling {
  private readonly routes = new Map<'host' | 'guest', { route: WebSocketRoute; peerId: string | null }>();
  private attacker: Page | null = null;

  async intercept(page: Page, side: 'host' | 'guest'): Promise<void> {
    await page.routeWebSocket(/\/api\/signaling/, (route) => {
      const server = route.connectToServer();
      const entry = { route, peerId: null as string | null };
      this.routes.set(side, entry);
      route.onMessage((message) => {
        const parsed = JSON.parse(String(message)) as { type: string; to?: string; payload?: unknown };
        if (parsed.type !== 'signal') return server.send(message);
        entry.peerId = parsed.to ?? null;
        void this.toAttacker(side, parsed.payload);
      });
      server.onMessage((message) => {
        // The other side's real signals never reach it (they are diverted before the server); drop any that do.
        if ((JSON.parse(String(message)) as { type: string }).type === 'signal') return;
        route.send(message);
      });
    });
  }

  async startAttacker(page: Page): Promise<void> {
    this.attacker = page;
    await page.exposeFunction('__mitmSend', (side: 'host' | 'guest', payload: unknown) => {
      const entry = this.routes.get(side);
      if (!entry?.peerId) throw new Error(`mitm: no ${side} socket to answer on`);
      entry.route.send(JSON.stringify({ type: 'signal', from: entry.peerId, payload }));
    });
    await page.evaluate(ATTACKER_SCRIPT);
  }

  legStates(): Promise<Record<string, string>> {
    return this.attacker!.evaluate('window.__mitm.states()') as Promise<Record<string, string>>;
  }

  private async toAttacker(side: 'host' | 'guest', payload: unknown): Promise<void> {
    await this.attacker!.evaluate(([name, data]) => (globalThis as unknown as { __mitm: { signal(n: string, p: unknown): void } }).__mitm.signal(name, data), [
      side,
      payload,
    ] as const);
  }
}

describe('safety code', () => {
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
    for (const page of pages.splice(0))
      await page.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  /** Host and guest pages, a consultation and the guest's link; `beforeJoin` runs before either page opens signaling. */
  async function consultation(beforeJoin: (host: TrackedPage, guest: TrackedPage) => Promise<void> = async () => undefined) {
    const host = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    pages.push(host, guest);
    for (const page of [host, guest]) page.context.setDefaultTimeout(45_000);
    const api = new Api(host.context.request, server.origin);
    await createHost(api, smtp, { firstName: 'Hanna', lastName: 'Hausarzt' });
    const email = uniqueEmail('gerd');
    const { id } = await createConsultation(api, [{ name: GUEST, email }]);
    const link = await invitationLink(smtp, email, server.origin);
    await beforeJoin(host, guest);
    await openHostRoom(host.page, id);
    await guest.page.goto(link, { waitUntil: 'domcontentloaded' });
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, GUEST);
    await expectVideoDecoding(guest.page, 1, 'guest', 45_000);
    await expectVideoDecoding(host.page, 1, 'host', 45_000);
    return { host, guest };
  }

  it('shows both people the same code on a direct connection, and marks it when they confirm', async () => {
    const { host, guest } = await consultation();
    const atHost = await shownSafetyCode(host.page, GUEST);
    const atGuest = await shownSafetyCode(guest.page, HOST);
    expect(atHost.code).toMatch(/^[0-9a-f]{16}$/);
    expect(atGuest.code).toBe(atHost.code);
    expect(atGuest.words).toEqual(atHost.words);
    expect(atHost.words).toHaveLength(8);
    expect(atGuest.digits).toBe(atHost.digits);
    expect(atHost.digits).toMatch(/^\d{5} \d{5} \d{5} \d{5}$/);
    expect(atHost.badge).toBe('Sicherheitscode');

    const tile = host.page.getByRole('figure', { name: GUEST });
    await tile.getByText('Sicherheitscode', { exact: true }).click();
    await tile.getByRole('button', { name: 'Stimmt überein' }).click();
    await expect.poll(async () => (await shownSafetyCode(host.page, GUEST)).badge).toBe('Bestätigt');
    // Confirming is the host's own mark: the guest's page is unchanged.
    expect((await shownSafetyCode(guest.page, HOST)).badge).toBe('Sicherheitscode');
    process.stdout.write(`safety code (direct): ${atHost.words.join(' ')} / ${atHost.digits}\n`);
  }, 180_000);

  it('shows different codes on the two sides of a man in the middle whose call otherwise works', async () => {
    const lying = new LyingSignaling();
    const attacker = await TrackedPage.open(browser, server.origin);
    pages.push(attacker);
    await attacker.page.goto('/', { waitUntil: 'domcontentloaded' });
    await lying.startAttacker(attacker.page);

    const { host, guest } = await consultation(async (hostPage, guestPage) => {
      await lying.intercept(hostPage.page, 'host');
      await lying.intercept(guestPage.page, 'guest');
    });
    // Both connections end at the attacker, and the media it forwards is decoded on both sides (above).
    expect(await lying.legStates()).toEqual({ host: 'connected', guest: 'connected' });

    const atHost = await shownSafetyCode(host.page, GUEST);
    const atGuest = await shownSafetyCode(guest.page, HOST);
    expect(atHost.code).toMatch(/^[0-9a-f]{16}$/);
    expect(atGuest.code).toMatch(/^[0-9a-f]{16}$/);
    expect(atGuest.code).not.toBe(atHost.code);
    expect(atGuest.digits).not.toBe(atHost.digits);
    process.stdout.write(`safety code (attacked): host sees ${atHost.digits}, guest sees ${atGuest.digits}\n`);
  }, 180_000);
});
