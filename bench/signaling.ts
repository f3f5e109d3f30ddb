import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { RoomTickets, ServerAnswer, ServerRequest, SocketTicket } from './signaling-server';
import { summarise, type Summary } from './stats';

/**
 * `npm run bench -- signaling`: the signaling relay and its sockets next to a bare `ws` relay and the
 * PeerJS server (npm `peer`, speaking its own protocol), each
 * server in its own process (its CPU and heap alone), driven from this one, interleaved over rounds.
 * Every round starts every server afresh, and the order of variants turns and reverses from round
 * to round: with one process per variant through all rounds, and the same order each time, two
 * copies of the very same code (an A/A run) read 5–15 % apart in CPU per message, alike in every
 * round. Now such a run reads up to about 10 % apart either way over 4 rounds: differences smaller
 * than that are no verdict. Each round meets a cold process, as a restart's reconnects do.
 * - relay: rooms of two admitted sockets, each sending 40 `signal` messages a second to the other
 *   (a compliant client, below the 50/s limit): server CPU per relayed message, p99 latency,
 *   throughput, and sockets the server closed, at 50 and at 200 rooms;
 * - memory: server heap per idle authenticated socket: heap with them open minus after every client
 *   said `leave` and closed (so no room keeps its members for a resume), each after forced GC; and
 *   what stays per socket after that compared with before they opened (a leak, or the process's warm-up);
 * - opening: `OPEN` sockets from upgrade to `welcome`, 50 at a time: the time, and the server's CPU
 *   time meanwhile (steadier than the time when other processes share the cores).
 * `BENCH_SIGNALING_PROFILE=1` writes CPU profiles of the servers' last round to `bench-profiles/`
 * (opening, and the relay at the most rooms); `BENCH_SIGNALING_SNAPSHOT=1` heap snapshots of its
 * last round with the sockets open and after they left. `BENCH_SIGNALING_COMPARE=/work/wt/base` runs that
 * checkout's app too, in the same rounds (an A/B of two commits; not profiled).
 */

const ROUNDS = Number(process.env.BENCH_SIGNALING_ROUNDS ?? 3);
const LOAD_S = Number(process.env.BENCH_SIGNALING_LOAD_S ?? 6);
const WARMUP_S = 1;
const OPEN = Number(process.env.BENCH_SIGNALING_OPEN ?? 1000);
const OPEN_CONCURRENCY = 50;
const ROOM_COUNTS = [50, 200];
const SEND_INTERVAL_MS = 25;
const PROFILE = process.env.BENCH_SIGNALING_PROFILE === '1';
const SNAPSHOT = process.env.BENCH_SIGNALING_SNAPSHOT === '1';
/** A typical trickled ICE candidate; the send time rides in it (the payload schema has no free field). */
const CANDIDATE = 'candidate:842163049 1 udp 1677729535 192.0.2.1 3478 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag sEMT network-cost 999';

const COMPARE = process.env.BENCH_SIGNALING_COMPARE;

type Variant = 'bare' | 'peer' | 'app' | 'base';
const VARIANTS: Variant[] = ['bare', 'peer', 'app', ...(COMPARE ? (['base'] as const) : [])];
type Frame = { type: string; [key: string]: unknown };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class Server {
  private readonly pending: { resolve: (answer: ServerAnswer) => void; reject: (error: Error) => void }[] = [];
  /** Set once the process is gone: every question asked then fails at once instead of waiting forever. */
  private gone: Error | undefined;
  private stopping = false;
  private constructor(
    private readonly child: ChildProcess,
    private readonly variant: Variant,
    private readonly profiled: boolean,
    readonly port: number,
    readonly rooms: RoomTickets[],
  ) {
    child.on('message', (answer: ServerAnswer) => this.pending.shift()?.resolve(answer));
    child.once('exit', (code, signal) => {
      this.gone = new Error(`${variant} server exited unexpectedly (${signal ?? `code ${code}`})`);
      if (this.stopping) return;
      for (const { reject } of this.pending.splice(0)) reject(this.gone);
    });
  }

  static async start(variant: Variant, rooms: number): Promise<Server> {
    // The other checkout's app, from its own directory (its code, its dependencies).
    const base = variant === 'base';
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/signaling-server.ts', base ? 'app' : variant, String(rooms)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      ...(base ? { cwd: COMPARE } : {}),
    });
    const ready = await new Promise<Extract<ServerAnswer, { kind: 'ready' }>>((resolve, reject) => {
      child.once('message', (answer: ServerAnswer) => (answer.kind === 'ready' ? resolve(answer) : reject(new Error(`unexpected ${answer.kind}`))));
      child.once('exit', (code) => reject(new Error(`${variant} server exited with ${code}`)));
    });
    return new Server(child, variant, !base, ready.port, ready.rooms);
  }

  private ask(request: ServerRequest): Promise<ServerAnswer> {
    return new Promise((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.pending.push({ resolve, reject });
      this.child.send(request);
    });
  }

  /** Fails as soon as the server process dies, whatever the bench is waiting for meanwhile. */
  watch<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const died = () => {
        if (!this.stopping) reject(this.gone ?? new Error(`${this.variant} server exited`));
      };
      if (this.gone) return died();
      this.child.once('exit', died);
      work.then(resolve, reject).finally(() => this.child.off('exit', died));
    });
  }

  async cpuMicros(): Promise<number> {
    const answer = await this.ask({ kind: 'cpu' });
    return answer.kind === 'cpu' ? answer.micros : Number.NaN;
  }

  /** After forced GC; with `BENCH_SIGNALING_SNAPSHOT=1` and `snapshotAs` also a heap snapshot to `bench-profiles/`. */
  async heapBytes(snapshotAs?: string): Promise<number> {
    const snapshot = SNAPSHOT && this.profiled && snapshotAs !== undefined;
    const answer = await this.ask({ kind: 'heap', ...(snapshot ? { snapshotAs } : {}) });
    return answer.kind === 'heap' ? answer.bytes : Number.NaN;
  }

  /** With `BENCH_SIGNALING_PROFILE=1`: starts a CPU profile, or (`stopAs`) writes it to `bench-profiles/`. */
  async profile(stopAs?: string): Promise<void> {
    if (PROFILE && this.profiled) await this.ask({ kind: 'profile', ...(stopAs === undefined ? {} : { stopAs }) });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.gone) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill();
    await exited;
  }
}

/** One client socket: its frames go to whoever waits for them, or to the relay's counters. */
class Client {
  readonly socket: WebSocket;
  id = '';
  status = '';
  closedBy: number | undefined;
  private waiters: { type: string; resolve: (frame: Frame) => void }[] = [];
  onSignal: ((sentAt: number) => void) | undefined;
  /** Set for the PeerJS server: its frames, and the id it knows this socket by. */
  private readonly peerId: string | undefined;

  constructor(port: number, ticket: SocketTicket) {
    this.peerId = ticket.peerId;
    this.socket = new WebSocket(`ws://127.0.0.1:${port}${ticket.path}`, { headers: ticket.headers, perMessageDeflate: false });
    this.socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.type === 'signal' || frame.type === 'CANDIDATE') {
        const candidate = (frame.payload as { candidate: { candidate: string } }).candidate.candidate;
        this.onSignal?.(Number(candidate.slice(candidate.lastIndexOf(' ') + 1)));
        return;
      }
      const index = this.waiters.findIndex((waiter) => waiter.type === frame.type);
      if (index >= 0) this.waiters.splice(index, 1)[0]!.resolve(frame);
    });
    this.socket.on('close', (code) => {
      this.closedBy = code;
    });
  }

  next(type: string): Promise<Frame> {
    return new Promise((resolve) => this.waiters.push({ type, resolve }));
  }

  async hello(): Promise<void> {
    if (this.peerId !== undefined) return this.peerOpen();
    await new Promise((resolve, reject) => {
      this.socket.once('open', resolve);
      this.socket.once('error', reject);
    });
    const welcome = this.next('welcome');
    this.socket.send(JSON.stringify({ type: 'hello', protocol: 1 }));
    const frame = await welcome;
    this.id = String(frame.participantId);
    this.status = String(frame.status ?? 'admitted');
  }

  /**
   * PeerJS: no hello; the server's OPEN is the welcome (waited for from the constructor's tick on,
   * before any frame can arrive), and everyone is "admitted".
   */
  private async peerOpen(): Promise<void> {
    await this.next('OPEN');
    this.id = this.peerId!;
    this.status = 'admitted';
  }

  signal(to: string): void {
    const payload = { kind: 'candidate', candidate: { candidate: `${CANDIDATE} ${performance.now().toFixed(3)}`, sdpMid: '0', sdpMLineIndex: 0 } };
    if (this.peerId !== undefined) this.socket.send(JSON.stringify({ type: 'CANDIDATE', dst: to, payload }));
    else this.socket.send(JSON.stringify({ type: 'signal', to, payload }));
  }

  /**
   * Leaves the call, as the app's hang-up does, so that the room keeps no away member for a resume
   * (the relays ignore the frame), then closes.
   */
  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    const closed = new Promise((resolve) => this.socket.once('close', resolve));
    if (this.peerId === undefined && this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify({ type: 'leave' }));
    this.socket.close();
    await closed;
  }
}

interface Pair {
  host: Client;
  guest: Client;
}

/** Opens every room's two sockets, `OPEN_CONCURRENCY` at a time, each up to its `welcome`. */
async function openAll(server: Server, rooms: number): Promise<{ pairs: Pair[]; ms: number }> {
  const tickets = server.rooms.slice(0, rooms);
  const pairs: Pair[] = tickets.map(() => ({}) as Pair);
  const jobs = tickets.flatMap((ticket, index) => [
    () => {
      pairs[index]!.host = new Client(server.port, ticket.host);
      return pairs[index]!.host.hello();
    },
    () => {
      pairs[index]!.guest = new Client(server.port, ticket.guest);
      return pairs[index]!.guest.hello();
    },
  ]);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: OPEN_CONCURRENCY }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
  return { pairs, ms: performance.now() - started };
}

/** A guest still in the waiting room is let in by its host. */
async function admit(pair: Pair): Promise<void> {
  if (pair.guest.status !== 'waiting') return;
  const admitted = pair.guest.next('admitted');
  pair.host.socket.send(JSON.stringify({ type: 'admit', participantId: pair.guest.id }));
  await admitted;
  pair.guest.status = 'admitted';
}

interface LoadResult {
  cpuPerMessageUs: number;
  p99Ms: number;
  perSecond: number;
  closed: number;
}

async function relayLoad(server: Server, pairs: Pair[]): Promise<LoadResult> {
  const latencies: number[] = [];
  let measuring = false;
  let received = 0;
  for (const { host, guest } of pairs) {
    for (const client of [host, guest]) {
      client.onSignal = (sentAt) => {
        if (!measuring) return;
        received += 1;
        latencies.push(performance.now() - sentAt);
      };
    }
  }
  // Spread over the interval, as independent clients would be.
  const timers = pairs.flatMap(({ host, guest }, index) => {
    const offset = (index * SEND_INTERVAL_MS) / pairs.length;
    return [
      [host, guest.id],
      [guest, host.id],
    ].map(([client, to]) => {
      const sender = client as Client;
      let interval: NodeJS.Timeout | undefined;
      const start = setTimeout(() => {
        interval = setInterval(() => {
          if (sender.socket.readyState === WebSocket.OPEN) sender.signal(to as string);
        }, SEND_INTERVAL_MS);
      }, offset);
      return () => {
        clearTimeout(start);
        clearInterval(interval);
      };
    });
  });
  await sleep(WARMUP_S * 1000);
  const cpuBefore = await server.cpuMicros();
  measuring = true;
  const started = performance.now();
  await sleep(LOAD_S * 1000);
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  const cpuAfter = await server.cpuMicros();
  for (const stop of timers) stop();
  await sleep(500);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    cpuPerMessageUs: (cpuAfter - cpuBefore) / Math.max(1, received),
    p99Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN,
    perSecond: received / elapsed,
    closed: pairs.filter(({ host, guest }) => host.closedBy !== undefined || guest.closedBy !== undefined).length,
  };
}

interface RoundResult {
  openMs: number;
  openCpuMs: number;
  heapPerSocketKb: number;
  heapKeptPerSocketKb: number;
  load: Record<number, LoadResult>;
}

async function round(server: Server, last: boolean): Promise<RoundResult> {
  const rooms = Math.max(OPEN / 2, ...ROOM_COUNTS);
  const heapBefore = await server.heapBytes();
  await server.profile();
  const cpuBefore = await server.cpuMicros();
  const { pairs, ms: openMs } = await openAll(server, rooms);
  const openCpuMs = ((await server.cpuMicros()) - cpuBefore) / 1000;
  await server.profile('open');
  await sleep(500);
  const heapOpen = await server.heapBytes(last ? 'open' : undefined);
  const load: Record<number, LoadResult> = {};
  for (const count of ROOM_COUNTS) {
    await Promise.all(pairs.slice(0, count).map(admit));
    if (count === ROOM_COUNTS.at(-1)) await server.profile();
    load[count] = await relayLoad(server, pairs.slice(0, count));
    if (count === ROOM_COUNTS.at(-1)) await server.profile('relay');
  }
  const clients = pairs.flatMap(({ host, guest }) => [host, guest]);
  await Promise.all(clients.map((client) => client.close()));
  await sleep(1000);
  const heapClosed = await server.heapBytes(last ? 'closed' : undefined);
  const perSocketKb = (bytes: number) => bytes / clients.length / 1024;
  return { openMs, openCpuMs, heapPerSocketKb: perSocketKb(heapOpen - heapClosed), heapKeptPerSocketKb: perSocketKb(heapClosed - heapBefore), load };
}

function spread(values: number[], digits = 1): string {
  const summary: Summary = summarise(values);
  return `${summary.median.toFixed(digits)} (${summary.min.toFixed(digits)}–${summary.max.toFixed(digits)})`;
}

function ratio(app: number[], bare: number[]): string {
  return `${(summarise(app).median / summarise(bare).median).toFixed(2)}×`;
}

async function startServers(rooms: number): Promise<Record<Variant, Server>> {
  const started = await Promise.allSettled(VARIANTS.map((variant) => Server.start(variant, rooms)));
  const servers = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((server) => server.stop()));
    throw failed.reason;
  }
  return Object.fromEntries(VARIANTS.map((variant, index) => [variant, servers[index]!])) as Record<Variant, Server>;
}

export async function measureSignaling(): Promise<void> {
  const rooms = Math.max(OPEN / 2, ...ROOM_COUNTS);
  const results: Record<Variant, RoundResult[]> = { bare: [], peer: [], app: [], base: [] };
  for (let index = 0; index < ROUNDS; index += 1) {
    const servers = await startServers(rooms);
    try {
      // Rotating which goes first, and reversed every other round: a rotation alone keeps who runs
      // right after whom, and the variant after the app always met its leftovers (an A/A run read the
      // same code 10 % slower in that place).
      const rotated = VARIANTS.map((_, offset) => VARIANTS[(index + offset) % VARIANTS.length]!);
      const order = index % 2 === 1 ? rotated.reverse() : rotated;
      for (const variant of order) results[variant].push(await servers[variant].watch(round(servers[variant], index === ROUNDS - 1)));
    } finally {
      await Promise.all(VARIANTS.map((variant) => servers[variant].stop()));
    }
  }

  const of = (variant: Variant, pick: (result: RoundResult) => number) => results[variant].map(pick);
  const row = (label: string, pick: (result: RoundResult) => number, digits = 1) =>
    console.log(
      `  ${label.padEnd(44)} ${VARIANTS.map((variant) => spread(of(variant, pick), digits).padEnd(22)).join(' ')} ` +
        `${ratio(of('app', pick), of('bare', pick)).padEnd(8)} ${ratio(of('app', pick), of('peer', pick)).padEnd(8)}` +
        (COMPARE ? ` ${ratio(of('base', pick), of('bare', pick))}` : ''),
    );
  console.log(
    `\nSignaling relay, ${ROUNDS} interleaved rounds, medians (min–max); 2 sockets a room, 40 signal/s each (load average ${loadavg()[0]!.toFixed(1)})`,
  );
  const base = COMPARE ? `${`Sprechzimmer (${path.basename(COMPARE)})`.padEnd(22)} ` : '';
  console.log(
    `  ${''.padEnd(44)} ${'bare ws relay'.padEnd(22)} ${'PeerJS server'.padEnd(22)} ${'Sprechzimmer'.padEnd(22)} ${base}${'÷ bare'.padEnd(8)} ${'÷ PeerJS'.padEnd(8)}` +
      (COMPARE ? ` ${path.basename(COMPARE)} ÷ bare` : ''),
  );
  for (const count of ROOM_COUNTS) {
    row(`${count} rooms: server CPU per message (µs)`, (result) => result.load[count]!.cpuPerMessageUs);
    row(`${count} rooms: p99 latency (ms)`, (result) => result.load[count]!.p99Ms);
    row(`${count} rooms: messages relayed per second`, (result) => result.load[count]!.perSecond, 0);
    row(`${count} rooms: rooms with a socket closed`, (result) => result.load[count]!.closed, 0);
  }
  row('heap per idle socket (KB)', (result) => result.heapPerSocketKb);
  row('heap kept per socket after all left (KB)', (result) => result.heapKeptPerSocketKb);
  row(`opening ${rooms * 2} sockets to welcome, ${OPEN_CONCURRENCY} at a time (ms)`, (result) => result.openMs, 0);
  row(`  server CPU while opening them (ms)`, (result) => result.openCpuMs, 0);
}
