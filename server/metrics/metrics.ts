import { createServer, type Server } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CallOutcome } from '../../common/presence';
import type { Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';

/**
 * Prometheus metrics of one process (issue 13), in a registry of its own. Every label is from a
 * closed set — HTTP method, route pattern (`/api/consultations/:id`, never the path), status code,
 * channel, outcome — so no metric can carry a name, an address, an e-mail or the id of a person.
 * Served only on a listener of its own (METRICS_PORT), never through the public proxy.
 */

export interface LiveCounts {
  signaling(): { rooms: number; connected: number; waitingGuests: number };
  presenceSockets(): number;
  /** PostgreSQL's connection pool; absent for the embedded database, which has no pool. */
  databasePool?(): { total: number; idle: number; waiting: number };
}

/** A colleague call's end: its answer, or `busy` when it never rang (in a consultation, do not disturb). */
export type RingOutcome = CallOutcome | 'busy';

/** What the call features report; the hub and the colleague service take it when metrics are on. */
export interface CallCounters {
  /** A call began: a guest was admitted to a consultation, or a colleague answered. */
  callSetUp(kind: 'consultation' | 'colleague'): void;
  ring(outcome: RingOutcome): void;
}

/** What the retention scheduler reports after each run of a job. */
export interface RetentionCounters {
  retentionRun(job: string, outcome: 'completed' | 'failed', rowsDeleted: number): void;
}

export type MessageChannel = 'mail' | 'sms';

export class AppMetrics implements CallCounters, RetentionCounters {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route'>;
  private readonly messages: Counter<'channel' | 'outcome'>;
  private readonly callSetUps: Counter<'kind'>;
  private readonly rings: Counter<'outcome'>;
  private readonly retentionRuns: Counter<'job' | 'outcome'>;
  private readonly retentionRows: Counter<'job'>;

  constructor(live: LiveCounts) {
    const registers = [this.registry];
    // Process CPU, memory, handles, GC and nodejs_eventloop_lag_seconds (p50/p90/p99 too).
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'sprechzimmer_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.durations = new Histogram({
      name: 'sprechzimmer_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.messages = new Counter({
      name: 'sprechzimmer_messages_total',
      help: 'Mail and SMS handed to the provider (sent) or refused by it (failed)',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.callSetUps = new Counter({
      name: 'sprechzimmer_call_setups_total',
      help: 'Calls begun: a guest admitted to a consultation, or a colleague call answered',
      labelNames: ['kind'],
      registers,
    });
    this.rings = new Counter({
      name: 'sprechzimmer_colleague_rings_total',
      help: 'Colleague calls by how they ended: accepted, declined, cancelled, missed, or busy (never rang)',
      labelNames: ['outcome'],
      registers,
    });
    this.retentionRuns = new Counter({
      name: 'sprechzimmer_retention_runs_total',
      help: 'Runs of the retention jobs this process held the lock for, by job and outcome',
      labelNames: ['job', 'outcome'],
      registers,
    });
    this.retentionRows = new Counter({
      name: 'sprechzimmer_retention_rows_deleted_total',
      help: 'Rows the retention jobs deleted, by job',
      labelNames: ['job'],
      registers,
    });
    const gauge = (name: string, help: string, read: () => number) => {
      const metric: Gauge = new Gauge({ name, help, registers, collect: () => metric.set(read()) });
    };
    gauge('sprechzimmer_rooms', 'Consultation rooms whose home is this process', () => live.signaling().rooms);
    gauge('sprechzimmer_signaling_connections', 'Signaling sockets connected to rooms whose home is this process', () => live.signaling().connected);
    gauge('sprechzimmer_waiting_guests', 'Guests connected and waiting in rooms whose home is this process', () => live.signaling().waitingGuests);
    gauge('sprechzimmer_presence_sockets', 'Presence sockets open on this process', () => live.presenceSockets());
    const { databasePool } = live;
    if (databasePool) {
      const pool: Gauge<'state'> = new Gauge({
        name: 'sprechzimmer_database_pool_connections',
        help: 'PostgreSQL connections of this process: total open, idle, and requests waiting for one',
        labelNames: ['state'],
        registers,
        collect: () => {
          const counts = databasePool();
          pool.set({ state: 'total' }, counts.total);
          pool.set({ state: 'idle' }, counts.idle);
          pool.set({ state: 'waiting' }, counts.waiting);
        },
      });
    }
  }

  callSetUp(kind: 'consultation' | 'colleague'): void {
    this.callSetUps.inc({ kind });
  }

  ring(outcome: RingOutcome): void {
    this.rings.inc({ outcome });
  }

  retentionRun(job: string, outcome: 'completed' | 'failed', rowsDeleted: number): void {
    this.retentionRuns.inc({ job, outcome });
    this.retentionRows.inc({ job }, rowsDeleted);
  }

  request(method: string, route: string, status: number, seconds: number): void {
    this.requests.inc({ method, route, status: String(status) });
    this.durations.observe({ method, route }, seconds);
  }

  message(channel: MessageChannel, outcome: 'sent' | 'failed'): void {
    this.messages.inc({ channel, outcome });
  }
}

/** Counts every answered request by its route pattern; requests no route matched count as `unmatched`. */
export function registerRequestMetrics(http: FastifyInstance, metrics: AppMetrics): void {
  http.addHook('onResponse', async (request, reply) => {
    metrics.request(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
}

export function countedMailer(mailer: Mailer, metrics: AppMetrics): Mailer {
  return {
    send: (message) => counted(metrics, 'mail', () => mailer.send(message)),
    close: () => mailer.close(),
  };
}

export function countedSms(sms: SmsSender, metrics: AppMetrics): SmsSender {
  return { send: (message) => counted(metrics, 'sms', () => sms.send(message)) };
}

async function counted(metrics: AppMetrics, channel: MessageChannel, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    metrics.message(channel, 'failed');
    throw error;
  }
  metrics.message(channel, 'sent');
}

/** `GET /metrics` on its own host and port (METRICS_HOST, METRICS_PORT); everything else 404. */
export async function startMetricsListener(
  metrics: AppMetrics,
  where: { host: string; port: number },
  log: FastifyBaseLogger,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    metrics.registry
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text))
      .catch((error: unknown) => {
        log.error({ err: error }, 'metrics: collecting failed');
        response.writeHead(500, { 'content-type': 'text/plain' }).end('collecting failed\n');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(where.port, where.host, resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
