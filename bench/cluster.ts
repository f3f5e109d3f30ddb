import { Redis } from 'ioredis';
import { MemoryMailer } from '../server/test-support/app';
import { TEST_REDIS_URL, TestCluster } from '../server/test-support/cluster';
import { connect, hostWithConsultation, readyGuest } from '../server/test-support/consultations';
import { openTestDatabase } from '../server/test-support/database';
import type { TestSocket } from '../server/test-support/signaling';
import { formatMs, sample } from './stats';

const RUNS = Number(process.env.BENCH_CLUSTER_RUNS ?? 300);
const ORIGIN = 'http://localhost:3000';

/** Below the per-socket rate limit (50 messages a second), which would close a faster socket. */
const PACE_MS = 25;

/** One signaling round trip: ping out, pong back. */
async function roundTrip(socket: TestSocket): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  const started = performance.now();
  socket.send({ type: 'ping', ts: Date.now() });
  await socket.next('pong');
  return performance.now() - started;
}

/**
 * What relaying costs a socket that lands on another process than its room (two processes on one
 * database and Redis, on this machine): a signaling round trip on the room's own process, the same
 * through the relay, and a bare Redis PING as the reference for one Redis hop.
 */
export async function measureCluster(): Promise<void> {
  const database = await openTestDatabase();
  const mailer = new MemoryMailer();
  const cluster = new TestCluster(database, mailer, { LOG_LEVEL: 'silent' });
  const [home, other] = [await cluster.start(), await cluster.start()];
  const { host, consultation, guests, tokenFor } = await hostWithConsultation(home, mailer, ['Bench Guest']);
  const hostSocket = await connect(home.port, host.client, ORIGIN, consultation.id);
  await hostSocket.hello();
  const guest = await readyGuest(other, tokenFor(guests[0]!.email), 'Bench Guest');
  const relayedSocket = await connect(other.port, guest.client, ORIGIN);
  await relayedSocket.hello();

  const redis = new Redis(TEST_REDIS_URL);
  const redisPing = await sample(RUNS, async () => {
    const started = performance.now();
    await redis.ping();
    return performance.now() - started;
  });
  const direct = await sample(RUNS, () => roundTrip(hostSocket));
  const relayed = await sample(RUNS, () => roundTrip(relayedSocket));
  await redis.quit();
  hostSocket.close();
  relayedSocket.close();
  await cluster.close();
  await database.close();

  console.log(`\nSignaling across two server processes (${database.label}, Redis ${TEST_REDIS_URL}, WebSocket on loopback)`);
  console.log(`  reference: bare Redis PING                 ${formatMs(redisPing)}`);
  console.log(`  ping → pong on the room's process          ${formatMs(direct)}`);
  console.log(`  ping → pong relayed through the other one  ${formatMs(relayed)}`);
}
