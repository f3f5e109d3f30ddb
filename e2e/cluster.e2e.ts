import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, AppServer, createConsultation, createHost, invitationLink, launchChromium, SmtpCapture, TrackedPage, uniqueEmail } from './support';
import { LaneBalancer, PrivateRedis, ThrowawayDatabase } from './support/cluster';
import { expectVideoDecoding, sampleFrames } from './support/media';
import { admitByName, enterWaitingRoom, openHostRoom, setMicrophone, waitForSnapshot } from './support/room';
import { freePort } from './support/server';

/**
 * Two server processes behind one load balancer, sharing PostgreSQL and Redis: the host's browser
 * reaches process 0, the guest's process 1. The waiting room, the admission and the offers cross
 * between the processes; then process 0 stops (SIGTERM, as in a rolling deploy) and both clients
 * carry on with process 1 while their media keeps flowing peer to peer.
 */

const GUEST = 'Clara Cluster';
// Both processes must open what the other sealed (P-21).
const DATA_KEY = Buffer.alloc(32, 5).toString('base64');

describe('a call across two server processes', () => {
  const smtp = new SmtpCapture();
  const servers: AppServer[] = [];
  let database: ThrowawayDatabase;
  let redis: PrivateRedis;
  let balancer: LaneBalancer;
  let browser: Browser;
  let host: TrackedPage;
  let guest: TrackedPage;
  let failed = false;
  let ids: { host: string; guest: string } | undefined;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    database = await ThrowawayDatabase.create();
    redis = await PrivateRedis.start();
    const ports = [await freePort(), await freePort()];
    balancer = await LaneBalancer.start(ports);
    for (const port of ports) {
      // One after the other: the first one migrates the shared database.
      servers.push(
        await AppServer.start({
          smtpUrl,
          publicUrl: balancer.origin,
          port,
          env: { DATABASE_URL: database.url, REDIS_URL: redis.url, DATA_ENCRYPTION_KEY: DATA_KEY },
        }),
      );
    }
    browser = await launchChromium();
    host = await TrackedPage.open(browser, balancer.origin, { debugCall: true });
    guest = await TrackedPage.open(browser, balancer.origin, { debugCall: true });
    await guest.context.addCookies([{ name: 'sz-lane', value: '1', url: balancer.origin }]);
  });

  afterAll(async () => {
    if (failed) {
      for (const [name, page] of [
        ['host', host],
        ['guest', guest],
      ] as const) {
        process.stderr.write(`\n--- ${name} console (last 40) ---\n${page?.consoleLog.slice(-40).join('\n')}\n`);
      }
    }
    await host?.close().catch(() => undefined);
    await guest?.close().catch(() => undefined);
    await browser?.close();
    for (const server of servers) await server.dispose(failed);
    await balancer?.stop();
    await redis?.stop();
    await database?.drop();
    await smtp.stop();
  });

  it('admits a guest on the other process and keeps the call when one process stops', async () => {
    try {
      const hostApi = new Api(host.context.request, balancer.origin);
      await createHost(hostApi, smtp, { firstName: 'Paul', lastName: 'Prozess' });
      const email = uniqueEmail('clara');
      const consultation = await createConsultation(hostApi, [{ name: GUEST, email }]);
      await openHostRoom(host.page, consultation.id);
      await guest.page.goto(await invitationLink(smtp, email, balancer.origin));
      await enterWaitingRoom(guest.page);
      // The host's room lives on process 0; the guest's socket sits on process 1, which relays it.
      const signalingUpgrades = (server: AppServer) =>
        server
          .logs()
          .split('\n')
          .filter((line) => line.includes('"path":"/api/signaling"')).length;
      expect(signalingUpgrades(servers[0]!)).toBeGreaterThan(0);
      expect(signalingUpgrades(servers[1]!)).toBeGreaterThan(0);
      await admitByName(host.page, GUEST);
      await expectVideoDecoding(guest.page, 1, 'guest');
      await expectVideoDecoding(host.page, 1, 'host');
      ids = {
        host: (await waitForSnapshot(host.page, (s) => s.self !== null)).self!.id,
        guest: (await waitForSnapshot(guest.page, (s) => s.self !== null)).self!.id,
      };
      const known = ids;

      const samplers = [sampleFrames(host.page), sampleFrames(guest.page)] as const;
      await servers[0]!.kill('SIGTERM');
      await waitForSnapshot(host.page, (s) => s.signaling === 'open' && s.participants[0]?.online === true, 30_000, 'host back, via process 1');
      await waitForSnapshot(guest.page, (s) => s.signaling === 'open', 30_000, 'guest back');
      const [hostFrames, guestFrames] = await Promise.all([samplers[0].stop(), samplers[1].stop()]);
      // Media is peer to peer: frames kept coming while the process went away.
      expect(hostFrames.at(-1)!).toBeGreaterThan(hostFrames[0]!);
      expect(guestFrames.at(-1)!).toBeGreaterThan(guestFrames[0]!);

      // Same places, and signaling works through the remaining process.
      const hostView = await waitForSnapshot(host.page, (s) => s.participants.length === 1, 15_000, 'host sees the guest');
      expect(hostView.self?.id).toBe(known.host);
      expect(hostView.participants.map((p) => [p.id, p.status])).toEqual([[known.guest, 'admitted']]);
      await setMicrophone(guest.page, false);
      await waitForSnapshot(host.page, (s) => s.participants[0]?.media.audio === false, 15_000, 'mute reaches the host');
      await expectVideoDecoding(host.page, 1, 'host after the stop');
      await expectVideoDecoding(guest.page, 1, 'guest after the stop');
      expect([...host.pageErrors, ...guest.pageErrors]).toEqual([]);
    } catch (error) {
      failed = true;
      throw error;
    }
  });

  it('takes the call over when the process holding it crashes', async () => {
    try {
      expect(ids, 'the call of the first test').toBeDefined();
      // Process 0 is back; the call's room now lives on process 1, which both clients reached.
      await servers[0]!.start();
      const samplers = [sampleFrames(host.page), sampleFrames(guest.page)] as const;
      // No goodbye: the room's key stays with the dead process until its heartbeat lapses (6 s);
      // meanwhile the clients' new sockets are relayed into the void, then told to reconnect.
      await servers[1]!.kill('SIGKILL');
      await waitForSnapshot(host.page, (s) => s.signaling !== 'open', 30_000, 'host notices the crash');
      await waitForSnapshot(host.page, (s) => s.signaling === 'open' && s.participants[0]?.online === true, 45_000, 'host back, via process 0');
      await waitForSnapshot(guest.page, (s) => s.signaling === 'open', 45_000, 'guest back');
      const [hostFrames, guestFrames] = await Promise.all([samplers[0].stop(), samplers[1].stop()]);
      expect(hostFrames.at(-1)!).toBeGreaterThan(hostFrames[0]!);
      expect(guestFrames.at(-1)!).toBeGreaterThan(guestFrames[0]!);
      const hostView = await waitForSnapshot(host.page, (s) => s.participants.length === 1, 15_000, 'host sees the guest');
      expect(hostView.self?.id).toBe(ids!.host);
      expect(hostView.participants.map((p) => [p.id, p.status])).toEqual([[ids!.guest, 'admitted']]);
      await setMicrophone(guest.page, true);
      await waitForSnapshot(host.page, (s) => s.participants[0]?.media.audio === true, 15_000, 'unmute reaches the host');
      await expectVideoDecoding(host.page, 1, 'host after the crash');
      await expectVideoDecoding(guest.page, 1, 'guest after the crash');
      expect([...host.pageErrors, ...guest.pageErrors]).toEqual([]);
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 120_000);
});
