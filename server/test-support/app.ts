import { PassThrough } from 'node:stream';
import { inArray } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { HashingPool } from '../accounts/hashing-pool';
import type { ClusterTransport } from '../cluster/transport';
import { ManualClock, systemClock, type Clock } from '../clock';
import { loadConfig, type Config } from '../config/config';
import type { Database } from '../db/database';
import { accounts } from '../db/schema';
import { buildApp, type App } from '../http/app';
import { SmtpMailer, type Mailer, type MailMessage } from '../notify/mailer';
import type { SmsMessage, SmsSender } from '../notify/sms';
import type { LegalHold } from '../rights/legal-hold';
import { FieldCipher } from '../security/field-crypto';
import { Sealer } from '../security/sealed-columns';
import { MemoryAttemptCounter, type AttemptCounter } from '../throttle/limiter';
import { openTestDatabase } from './database';
import { SmtpCapture } from './smtp';
import type { HstsProbe } from '../selfcheck/service';

/** Keeps sent mail in memory for tests that do not exercise SMTP itself. */
export class MemoryMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage) {
    this.sent.push(message);
  }
  async close() {}
  lastTo(address: string): MailMessage | undefined {
    return this.sent.findLast((message) => message.to === address);
  }
  linkTo(address: string): string {
    const link = this.lastTo(address)?.text.match(/https?:\/\/\S+/)?.[0];
    if (!link) throw new Error(`no link mailed to ${address}`);
    return link;
  }
}

/** Keeps sent SMS in memory. */
export class MemorySms implements SmsSender {
  readonly sent: SmsMessage[] = [];
  async send(message: SmsMessage) {
    this.sent.push(message);
  }
}

/** The data key of test apps, unless a test configures DATA_ENCRYPTION_KEY itself. */
export const TEST_DATA_KEY = Buffer.alloc(32, 9);

export interface TestApp {
  app: App;
  /** Opens what the stores sealed, for tests that read rows directly. */
  sealer: Sealer;
  database: Database & { label: string };
  config: Config;
  clock: Clock;
  logs: () => string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  mailer?: Mailer;
  /** null: no SMS provider, as in production without Twilio. */
  sms?: SmsSender | null;
  clock?: Clock | ManualClock;
  attempts?: AttemptCounter;
  database?: Database & { label: string };
  webRoot?: string;
  ringTimeoutMs?: number;
  legalHolds?: readonly LegalHold[];
  /** Another server process's view of the same deployment (the app closes it). */
  transport?: ClusterTransport;
  /** The app's bcrypt pool, for a test that holds its workers (default: from the configuration). */
  hashingPool?: HashingPool;
  /** What the self-check hears when it asks PUBLIC_URL for HSTS (default: no network, unreachable). */
  hstsProbe?: HstsProbe;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'info',
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: '/nonexistent-test-data-dir',
    ...options.env,
  });
  const clock = options.clock ?? systemClock;
  const database = options.database ?? (await openTestDatabase());
  const logStream = new PassThrough();
  const chunks: string[] = [];
  logStream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const attempts = options.attempts ?? new MemoryAttemptCounter(clock);
  const cipher = new FieldCipher(config.encryption.key ?? TEST_DATA_KEY, config.encryption.oldKeys);
  const app = await buildApp({
    config,
    database,
    mailer: options.mailer ?? new MemoryMailer(),
    ...(options.sms === null ? {} : { sms: options.sms ?? new MemorySms() }),
    clock,
    attempts,
    throttleSecret: Buffer.alloc(32, 7),
    cipher,
    logStream,
    // Tests never depend on whether `npm run build:web` ran before them.
    webRoot: options.webRoot ?? '/nonexistent-web-build',
    ...(options.ringTimeoutMs ? { ringTimeoutMs: options.ringTimeoutMs } : {}),
    ...(options.legalHolds ? { legalHolds: options.legalHolds } : {}),
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.hashingPool ? { hashingPool: options.hashingPool } : {}),
    hstsProbe: options.hstsProbe ?? (async () => ({ reachable: false, reason: 'no network in tests' })),
  });
  return {
    app,
    sealer: new Sealer(cipher),
    database,
    config,
    clock,
    logs: () => chunks.join(''),
    async close() {
      await app.http.close();
      await attempts.close();
      if (!options.database) await database.close();
    },
  };
}

/**
 * A cookie-keeping API client over inject(): behaves like the web app (fetches the CSRF token
 * from /api/session and sends it on writes).
 */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    private readonly testApp: TestApp,
    private readonly extraHeaders: Record<string, string> = {},
    /** The client address the server sees; inject() uses 127.0.0.1 otherwise. */
    private readonly remoteAddress?: string,
  ) {}

  async init(): Promise<this> {
    const response = await this.request({ method: 'GET', url: '/api/session' });
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return this;
  }

  /** The same browser talking to another server process: its cookies and CSRF token go along. */
  through(other: TestApp): ApiClient {
    const client = new ApiClient(other, this.extraHeaders, this.remoteAddress);
    for (const [name, value] of this.cookies) client.cookies.set(name, value);
    client.csrfToken = this.csrfToken;
    return client;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Holds a cookie as if the server had set it: a test that forges one or moves it to another browser. */
  setCookie(name: string, value: string): this {
    this.cookies.set(name, value);
    return this;
  }

  /** The Cookie header this client would send, for a WebSocket opened on its behalf. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(options: InjectOptions & { csrf?: boolean }): Promise<LightMyRequestResponse> {
    const { csrf = true, ...inject } = options;
    const headers: Record<string, string> = {
      ...this.extraHeaders,
      ...(inject.headers as Record<string, string> | undefined),
    };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (csrf && this.csrfToken && inject.method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    const response = await this.testApp.app.http.inject({
      ...inject,
      headers,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    // What the request queued after its answer (a mail) has arrived by the time a person looks.
    await this.testApp.app.afterAnswer.settled();
    for (const cookie of response.cookies) {
      if (cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const body = String(response.headers['content-type'] ?? '').includes('json') ? response.json<{ csrfToken?: string }>() : undefined;
    if (body && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return response;
  }

  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  }
  put(url: string, payload: unknown) {
    return this.request({ method: 'PUT', url, payload: payload as object });
  }
  get(url: string) {
    return this.request({ method: 'GET', url });
  }
  delete(url: string) {
    return this.request({ method: 'DELETE', url });
  }
}

/** Account rows with this address, read directly from the database and opened (P-21: stored sealed). */
export async function accountRowsByEmail(testApp: TestApp, email: string): Promise<(typeof accounts.$inferSelect)[]> {
  const rows = await testApp.database.db
    .select()
    .from(accounts)
    .where(inArray(accounts.emailIndex, testApp.sealer.emailIndexes(email)));
  return testApp.sealer.openAll('accounts', rows);
}

let registrationCounter = 0;

/** A valid registration body; each call gets a fresh address unless one is given. */
export function registrationBody(overrides: Record<string, unknown> = {}) {
  registrationCounter += 1;
  return {
    firstName: 'Erika',
    lastName: 'Mustermann',
    dateOfBirth: '1975-03-14',
    email: `erika.${registrationCounter}.${Date.now()}@example.org`,
    street: 'Heidestraße',
    houseNumber: '17',
    postalCode: '51147',
    city: 'Köln',
    country: 'DE',
    phone: '0221 1234567',
    password: 'correct horse battery staple',
    acceptTerms: true,
    acceptPrivacyPolicy: true,
    ...overrides,
  };
}

/** Registers, confirms and logs in; returns the logged-in client. */
export async function activeCustomer(
  testApp: TestApp,
  mailer: MemoryMailer,
  overrides: Record<string, unknown> = {},
): Promise<{ client: ApiClient; email: string; password: string }> {
  const body = registrationBody(overrides);
  // Its own client address, so that many customers per test file stay below the per-client registration limit.
  const client = await new ApiClient(testApp, {}, `127.4.${Math.floor(registrationCounter / 250) % 250}.${(registrationCounter % 250) + 1}`).init();
  const registered = await client.post('/api/accounts', body);
  if (registered.statusCode !== 202) throw new Error(`registration failed: ${registered.body}`);
  const token = new URL(mailer.linkTo(body.email)).hash.slice(1);
  const confirmed = await client.post('/api/accounts/confirm-email', { token, password: body.password });
  if (confirmed.statusCode !== 200) throw new Error(`confirmation failed: ${confirmed.body}`);
  const login = await client.post('/api/session', { email: body.email, password: body.password });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  return { client, email: body.email, password: body.password };
}

export { ManualClock, SmtpCapture, SmtpMailer };
