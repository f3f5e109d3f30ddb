import { availableParallelism } from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import type { HashingPoolLimits } from '../accounts/hashing-pool';
import { billingConfigOf, billingEnvironment, checkBillingEnvironment, type BillingConfig } from './billing';
import {
  AUTHORITY_EXAMPLE,
  namedProcessor,
  ownOrNamedProcessor,
  processorKinds,
  supervisoryAuthority,
  type NamedProcessor,
  type ProcessorKind,
} from './processors';

/**
 * The only reader of process.env. Every setting is validated once at start-up;
 * a bad value stops the process with a message that says how to fix it.
 */

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const DATA_KEY_HINT = 'use 32 random bytes in base64, e.g. the output of `openssl rand -base64 32`';

/** A data encryption key: exactly 32 bytes, base64 (standard or URL-safe alphabet). */
const dataKey = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9+/_-]{43}=?$/, DATA_KEY_HINT)
  .transform((value) => Buffer.from(value, value.includes('-') || value.includes('_') ? 'base64url' : 'base64'))
  .refine((key) => key.length === 32, DATA_KEY_HINT);

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'use development, production or test' }).default('development'),
    HOST: z.string().min(1).default('localhost'),
    PORT: z.coerce
      .number({ message: 'use a port number such as 3000' })
      .int()
      .min(0, 'use a port between 0 and 65535')
      .max(65535, 'use a port between 0 and 65535')
      .default(3000),
    PUBLIC_URL: z.url({ message: 'use the absolute URL users open, e.g. https://video.example.org' }).optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'use a URL such as postgres://user:password@host:5432/database')
      .optional(),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'use a URL such as smtp://user:password@mail.example.org:587')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Sprechzimmer <no-reply@localhost>'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'use a URL such as redis://127.0.0.1:6379')
      .optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        message: 'use one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    METRICS_PORT: z.coerce
      .number({ message: 'use a port number such as 9464' })
      .int()
      .min(1, 'use a port between 1 and 65535')
      .max(65535, 'use a port between 1 and 65535')
      .optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
    TRUST_PROXY_HOPS: z.coerce.number({ message: 'use the number of reverse proxies in front of the app, e.g. 1' }).int().min(0).max(5).default(0),
    HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce
      .number({ message: 'use seconds, e.g. 60' })
      .int('use whole seconds, e.g. 60')
      .min(1, 'use at least 1 second, e.g. 60')
      .max(600, 'use at most 600 seconds; the default is 60')
      .default(60),
    MAX_SOCKETS_PER_CLIENT: z.coerce
      .number({ message: 'use a number of WebSockets, e.g. 64' })
      .int('use a whole number, e.g. 64')
      .min(2, 'use at least 2, e.g. 64')
      .max(10_000, 'use at most 10000; the default is 64')
      .default(64),
    BCRYPT_COST: z.coerce.number({ message: 'use an integer such as 12' }).int().min(4).max(15).default(12),
    BCRYPT_CONCURRENCY: z.coerce.number({ message: 'use a small integer such as 3 (one less than the cores)' }).int().min(1).max(64).optional(),
    BCRYPT_QUEUE: z.coerce.number({ message: 'use an integer such as 8' }).int().min(0).max(1000).optional(),
    BCRYPT_THREADS: z.enum(['libuv', 'worker'], { message: 'use worker (threads of its own) or libuv (its thread pool)' }).default('worker'),
    BCRYPT_NICE: z.coerce.number({ message: 'use an integer from 0 (as the server) to 19 (lowest)' }).int().min(0).max(19).default(0),
    /** libuv's own variable, read here only to keep password hashing below it. */
    UV_THREADPOOL_SIZE: z.coerce.number({ message: 'use an integer such as 4 (libuv default)' }).int().min(1).max(1024).default(4),
    OPERATOR_NAME: z.string().min(1).optional(),
    OPERATOR_ADDRESS: z.string().min(1).optional(),
    OPERATOR_EMAIL: z.email({ message: 'use an e-mail address such as privacy@example.org' }).optional(),
    PRIVACY_CONTACT_NAME: z.string().min(1).optional(),
    PRIVACY_CONTACT_EMAIL: z.email({ message: 'use an e-mail address such as datenschutz@example.org' }).optional(),
    DEV_OUTBOX_PAGE: booleanFlag.optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'use the Account SID from the Twilio console (AC + 32 hex digits)')
      .optional(),
    TWILIO_AUTH_TOKEN: z.string().min(16, 'use the Auth Token from the Twilio console').optional(),
    TWILIO_FROM: z.string().min(3, 'use a Twilio phone number in E.164 (e.g. +4915112345678) or a Messaging Service SID').optional(),
    TWILIO_API_URL: z.url({ message: 'use the API base URL, e.g. https://api.twilio.com' }).optional(),
    STUN_URLS: z.string().optional(),
    TURN_URLS: z.string().optional(),
    TURN_SECRET: z.string().min(16, 'use the static-auth-secret of coturn (at least 16 characters)').optional(),
    TURN_CREDENTIAL_TTL_SECONDS: z.coerce.number({ message: 'use seconds, e.g. 3600' }).int().min(60).max(86_400).default(3600),
    ICE_RELAY_ONLY: booleanFlag.optional(),
    TURN_TEST_URLS: z.string().optional(),
    TURN_TEST_SECRET: z.string().min(16, 'use the static-auth-secret of the connection-test coturn (at least 16 characters)').optional(),
    DATA_ENCRYPTION_KEY: dataKey.optional(),
    DATA_ENCRYPTION_KEYS_OLD: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(dataKey, { message: `a comma-separated list of former keys: ${DATA_KEY_HINT}` }))
      .optional(),
    ANALYTICS_URL: z
      .url({ message: 'use the full URL of the self-hosted analytics script, e.g. https://stats.example.org/script.js' })
      .regex(/^https?:\/\//, 'use an http(s) URL of the self-hosted analytics script')
      .optional(),
    PROCESSOR_HOSTING: ownOrNamedProcessor.optional(),
    PROCESSOR_BACKUP: ownOrNamedProcessor.optional(),
    PROCESSOR_EMAIL: namedProcessor.optional(),
    PROCESSOR_SMS: namedProcessor.optional(),
    PROCESSOR_TURN: namedProcessor.optional(),
    PROCESSOR_PAYMENT: namedProcessor.optional(),
    PROCESSOR_ANALYTICS: namedProcessor.optional(),
    SUPERVISORY_AUTHORITY: supervisoryAuthority.optional(),
    ACCESSIBILITY_ENFORCEMENT_BODY: supervisoryAuthority.optional(),
    ANALYTICS_RETENTION_MONTHS: z.coerce
      .number({ message: 'use a whole number of months, e.g. 13' })
      .int('use a whole number of months, e.g. 13')
      .min(1, 'use a whole number of months, at least 1, e.g. 13')
      .optional(),
    ...billingEnvironment,
  })
  .superRefine((env, context) => {
    checkBillingEnvironment(env, context);
    if (env.NODE_ENV !== 'test' && env.BCRYPT_COST < 12) {
      context.addIssue({
        code: 'custom',
        path: ['BCRYPT_COST'],
        message: 'must be at least 12 outside tests (P-10); remove it to use the default 12',
      });
    }
    if (env.BCRYPT_THREADS === 'libuv' && env.BCRYPT_CONCURRENCY !== undefined && env.BCRYPT_CONCURRENCY > env.UV_THREADPOOL_SIZE - 2) {
      context.addIssue({
        code: 'custom',
        path: ['BCRYPT_CONCURRENCY'],
        message: `must leave two of libuv's ${env.UV_THREADPOOL_SIZE} threads to file reads and crypto: use at most ${Math.max(1, env.UV_THREADPOOL_SIZE - 2)}, or raise UV_THREADPOOL_SIZE in the environment`,
      });
    }
    const twilio = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, env.TWILIO_FROM];
    if (twilio.some(Boolean) && !twilio.every(Boolean)) {
      context.addIssue({
        code: 'custom',
        path: ['TWILIO_ACCOUNT_SID'],
        message:
          'set all three of TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM, or none (then SMS go to the local outbox in development and are unavailable in production)',
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      context.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: 'use a port of its own, not PORT: the metrics must not be reachable through the public proxy',
      });
    }
    if (env.TURN_SECRET && !env.TURN_URLS) {
      context.addIssue({ code: 'custom', path: ['TURN_URLS'], message: 'TURN_SECRET needs TURN_URLS, e.g. turn:turn.example.org:3478' });
    }
    if (Boolean(env.TURN_TEST_URLS) !== Boolean(env.TURN_TEST_SECRET)) {
      context.addIssue({
        code: 'custom',
        path: ['TURN_TEST_URLS'],
        message: 'the connection-test relay needs both TURN_TEST_URLS and TURN_TEST_SECRET (its own static-auth-secret), or neither',
      });
    }
    if (env.ICE_RELAY_ONLY && !env.TURN_URLS) {
      context.addIssue({ code: 'custom', path: ['ICE_RELAY_ONLY'], message: 'relay-only calls need a TURN server: set TURN_URLS and TURN_SECRET' });
    }
    if (env.DATABASE_URL && !env.DATA_ENCRYPTION_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['DATA_ENCRYPTION_KEY'],
        message:
          'PostgreSQL needs the key that encrypts personal data (P-21): set DATA_ENCRYPTION_KEY to the output of `openssl rand -base64 32` and keep a copy in your secret store (without it the data cannot be read)',
      });
    }
    // The privacy policy must say how long analytics data is kept (Art. 13(2)(a) GDPR); only the operator knows.
    if (env.ANALYTICS_URL && env.ANALYTICS_RETENTION_MONTHS === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['ANALYTICS_RETENTION_MONTHS'],
        message:
          'ANALYTICS_URL needs the months after which your analytics tool deletes or anonymises visits (the privacy policy states them): set the period in the tool (e.g. Matomo "Regularly delete old raw data") and the same number here, e.g. ANALYTICS_RETENTION_MONTHS=13',
      });
    }
    if (env.ANALYTICS_RETENTION_MONTHS !== undefined && !env.ANALYTICS_URL) {
      context.addIssue({
        code: 'custom',
        path: ['ANALYTICS_RETENTION_MONTHS'],
        message: 'only used with ANALYTICS_URL: set ANALYTICS_URL as well, or remove ANALYTICS_RETENTION_MONTHS',
      });
    }
    if (env.NODE_ENV === 'production' && env.ANALYTICS_URL?.startsWith('http://')) {
      context.addIssue({
        code: 'custom',
        path: ['ANALYTICS_URL'],
        message: 'production pages are https: serve the analytics script over https too, or leave ANALYTICS_URL unset',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SMTP_URL) {
      context.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message: 'production needs a real mail server: set SMTP_URL=smtp://user:password@host:587',
      });
    }
    // The privacy policy must name the controller and how to reach them (Art. 13(1)(a), (b) GDPR).
    if (env.NODE_ENV === 'production' && !env.OPERATOR_NAME) {
      context.addIssue({
        code: 'custom',
        path: ['OPERATOR_NAME'],
        message: 'production must name the operator (the controller in the privacy policy): set OPERATOR_NAME="Praxisverbund Beispiel GmbH"',
      });
    }
    if (env.NODE_ENV === 'production' && !env.OPERATOR_ADDRESS) {
      context.addIssue({
        code: 'custom',
        path: ['OPERATOR_ADDRESS'],
        message: 'production must give the operator\'s postal address: set OPERATOR_ADDRESS="Domkloster 4, 50667 Köln, Deutschland"',
      });
    }
    if (env.NODE_ENV === 'production' && !env.PRIVACY_CONTACT_EMAIL && !env.OPERATOR_EMAIL) {
      context.addIssue({
        code: 'custom',
        path: ['PRIVACY_CONTACT_EMAIL'],
        message: 'production must name a data-protection contact: set PRIVACY_CONTACT_EMAIL=datenschutz@example.org (or OPERATOR_EMAIL)',
      });
    }
    // A named processor must be one this installation uses, or the policy would name a recipient of nothing.
    const unused: [keyof typeof env, boolean, string][] = [
      ['PROCESSOR_EMAIL', !env.SMTP_URL, 'SMTP_URL is unset, so mail stays in the local outbox: set SMTP_URL or remove PROCESSOR_EMAIL'],
      ['PROCESSOR_SMS', !env.TWILIO_ACCOUNT_SID, 'no SMS provider is configured (TWILIO_ACCOUNT_SID …): configure it or remove PROCESSOR_SMS'],
      ['PROCESSOR_TURN', !env.TURN_URLS && !env.STUN_URLS && !env.TURN_TEST_URLS, 'no STUN/TURN server is configured: set TURN_URLS or remove PROCESSOR_TURN'],
      ['PROCESSOR_ANALYTICS', !env.ANALYTICS_URL, 'ANALYTICS_URL is unset: set it or remove PROCESSOR_ANALYTICS'],
      ['PROCESSOR_PAYMENT', !env.STRIPE_SECRET_KEY, 'STRIPE_SECRET_KEY is unset, so there is no billing: configure Stripe or remove PROCESSOR_PAYMENT'],
    ];
    for (const [name, isUnused, message] of unused) {
      if (env[name] !== undefined && isUnused) context.addIssue({ code: 'custom', path: [name], message });
    }
    // Art. 13(1)(e), Art. 28 GDPR: whoever runs the servers holds every stored row (P-26).
    if (env.NODE_ENV === 'production' && !env.PROCESSOR_HOSTING) {
      context.addIssue({
        code: 'custom',
        path: ['PROCESSOR_HOSTING'],
        message:
          'production must name the hosting and database provider (the privacy policy lists it): set PROCESSOR_HOSTING="Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE", or PROCESSOR_HOSTING=self if the servers are your own',
      });
    }
    // Art. 13(2)(d) GDPR: the policy names the authority a complaint goes to (P-27).
    if (env.NODE_ENV === 'production' && !env.SUPERVISORY_AUTHORITY) {
      context.addIssue({
        code: 'custom',
        path: ['SUPERVISORY_AUTHORITY'],
        message: `production must name the data-protection supervisory authority competent for you (the privacy policy names it): set ${AUTHORITY_EXAMPLE}`,
      });
    }
    if (env.NODE_ENV === 'production' && env.PUBLIC_URL && !env.PUBLIC_URL.startsWith('https://')) {
      context.addIssue({
        code: 'custom',
        path: ['PUBLIC_URL'],
        message: 'production must be served over https (P-25): set PUBLIC_URL=https://…',
      });
    }
  });

export interface Config {
  environment: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: URL;
  /** True when users reach the app over https: Secure cookies, __Host- prefix, HSTS. */
  secureContext: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  mail: { smtpUrl: string | undefined; from: string };
  redisUrl: string | undefined;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  trustProxyHops: number;
  /** Prometheus metrics on a listener of their own (never behind the public proxy); off without METRICS_PORT. */
  metrics: { host: string; port: number } | undefined;
  /**
   * Longest time to receive one request (headers within at most 10 s of it, and no more than this
   * without a byte): a client that announces a body and stalls is cut off (issue #16 item 4).
   */
  requestTimeoutMs: number;
  /** WebSockets one client address may hold open on one process (signaling and presence together). */
  maxSocketsPerClient: number;
  bcryptCost: number;
  /** Bounded password hashing: bcrypt jobs at once and jobs that may wait (per lane) before 503. */
  hashing: HashingPoolLimits;
  /** Where bcrypt runs: worker threads of its own (at `nice`, on Linux), or libuv's thread pool. */
  bcryptThreads: { kind: 'libuv' | 'worker'; nice: number };
  operator: { name: string; address: string; email: string | undefined };
  /** Data-protection officer or contact; the e-mail falls back to the operator's. */
  privacyContact: { name: string | undefined; email: string | undefined };
  devOutboxPage: boolean;
  sms: { accountSid: string; authToken: string; from: string; apiUrl: string } | undefined;
  ice: {
    stunUrls: string[];
    turnUrls: string[];
    turnSecret: string | undefined;
    turnCredentialTtlSeconds: number;
    relayOnly: boolean;
    /** A coturn that relays only between its own allocations, for the connection test (README). */
    testTurnUrls: string[];
    testTurnSecret: string | undefined;
  };
  encryption: {
    /** Seals every new value; undefined: the embedded database generates one into DATA_DIR. */
    key: Buffer | undefined;
    /** Former keys, still opening values sealed before a rotation. */
    oldKeys: Buffer[];
  };
  /**
   * Optional, self-hosted analytics (P-04): the script loads only after a visitor consents, and its
   * origin is allowed by the CSP only when set. Unset: no banner, no script, only necessary cookies.
   * `retentionMonths` is what the operator configured in their analytics tool; the policy states it.
   */
  analytics: { scriptUrl: URL; retentionMonths: number } | undefined;
  /**
   * The processors the operator named (P-26). `self`: hosting or backups on the operator's own
   * machines, no processor. Unnamed but used ones (SMTP_URL without PROCESSOR_EMAIL) appear in the
   * policy by host name only, and the start-up warns.
   */
  processors: Partial<Record<ProcessorKind, NamedProcessor | 'self'>>;
  /** Payments through Stripe (P-22); undefined: no billing at all, every account may do everything. */
  billing: BillingConfig | undefined;
  /** The supervisory authority competent for the operator (Art. 77 GDPR, P-27). */
  supervisoryAuthority: { name: string; address: string; url: string } | undefined;
  /** The body that enforces accessibility for the operator (BITV 2.0 / BFSG), named in the accessibility statement. */
  accessibilityEnforcementBody: { name: string; address: string; url: string } | undefined;
}

function urlList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Empty strings count as unset, so `PORT=` in a .env file falls back to the default. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || 'environment';
        const given = env[name];
        const shown = given === undefined ? '' : ` (got "${/SECRET|TOKEN|PASSWORD|_URL|SID|KEY/.test(name) ? '…' : given}")`;
        return `${name}${shown}: ${issue.message}`;
      }),
    );
  }
  const values = parsed.data;
  const publicUrl = new URL(values.PUBLIC_URL ?? `http://localhost:${values.PORT}`);
  return {
    environment: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    publicUrl,
    secureContext: publicUrl.protocol === 'https:',
    dataDir: path.resolve(values.DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    mail: { smtpUrl: values.SMTP_URL, from: values.MAIL_FROM },
    redisUrl: values.REDIS_URL,
    logLevel: values.LOG_LEVEL,
    trustProxyHops: values.TRUST_PROXY_HOPS,
    metrics: values.METRICS_PORT === undefined ? undefined : { host: values.METRICS_HOST, port: values.METRICS_PORT },
    requestTimeoutMs: values.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
    maxSocketsPerClient: values.MAX_SOCKETS_PER_CLIENT,
    bcryptCost: values.BCRYPT_COST,
    hashing: hashingLimits(values.BCRYPT_CONCURRENCY, values.BCRYPT_QUEUE, values.BCRYPT_THREADS === 'libuv' ? values.UV_THREADPOOL_SIZE : undefined),
    bcryptThreads: { kind: values.BCRYPT_THREADS, nice: values.BCRYPT_NICE },
    operator: {
      name: values.OPERATOR_NAME ?? 'Sprechzimmer (local installation)',
      address: values.OPERATOR_ADDRESS ?? 'Address not configured — set OPERATOR_ADDRESS',
      email: values.OPERATOR_EMAIL,
    },
    privacyContact: { name: values.PRIVACY_CONTACT_NAME, email: values.PRIVACY_CONTACT_EMAIL ?? values.OPERATOR_EMAIL },
    devOutboxPage: values.DEV_OUTBOX_PAGE ?? values.NODE_ENV !== 'production',
    sms:
      values.TWILIO_ACCOUNT_SID && values.TWILIO_AUTH_TOKEN && values.TWILIO_FROM
        ? {
            accountSid: values.TWILIO_ACCOUNT_SID,
            authToken: values.TWILIO_AUTH_TOKEN,
            from: values.TWILIO_FROM,
            apiUrl: values.TWILIO_API_URL ?? 'https://api.twilio.com',
          }
        : undefined,
    ice: {
      stunUrls: urlList(values.STUN_URLS),
      turnUrls: urlList(values.TURN_URLS),
      turnSecret: values.TURN_SECRET,
      turnCredentialTtlSeconds: values.TURN_CREDENTIAL_TTL_SECONDS,
      relayOnly: values.ICE_RELAY_ONLY ?? false,
      testTurnUrls: urlList(values.TURN_TEST_URLS),
      testTurnSecret: values.TURN_TEST_SECRET,
    },
    encryption: { key: values.DATA_ENCRYPTION_KEY, oldKeys: values.DATA_ENCRYPTION_KEYS_OLD ?? [] },
    analytics:
      values.ANALYTICS_URL && values.ANALYTICS_RETENTION_MONTHS !== undefined
        ? { scriptUrl: new URL(values.ANALYTICS_URL), retentionMonths: values.ANALYTICS_RETENTION_MONTHS }
        : undefined,
    processors: Object.fromEntries(
      processorKinds.flatMap((kind) => {
        const named = values[`PROCESSOR_${kind.toUpperCase()}` as `PROCESSOR_${Uppercase<ProcessorKind>}`];
        return named === undefined ? [] : [[kind, named]];
      }),
    ),
    billing: billingConfigOf(values),
    supervisoryAuthority: values.SUPERVISORY_AUTHORITY,
    accessibilityEnforcementBody: values.ACCESSIBILITY_ENFORCEMENT_BODY,
  };
}

/**
 * One bcrypt job per core but one (more only queue inside the CPU, and the event loop keeps a core
 * for signaling and page loads during a login flood: on 2 cores two jobs at once doubled signaling's
 * p99 during 20 logins, `npm run bench -- login-burst`). On worker threads (the default) bcrypt holds
 * none of libuv's threads; on libuv's pool (`threadpool` given) it leaves two of them for file
 * reads, DNS and async crypto. The shared queue holds about one second of work at cost 12: a person
 * waits briefly, a flood is refused. Browsers the server recognises get a queue of the same length
 * of their own (at least 2), which a flood of strangers cannot fill.
 */
export function hashingLimits(
  concurrency: number | undefined,
  queue: number | undefined,
  threadpool: number | undefined,
  cores = availableParallelism(),
): HashingPoolLimits {
  const workers = concurrency ?? Math.max(1, Math.min(cores - 1, (threadpool ?? Infinity) - 2));
  const queueLength = queue ?? 4 * workers;
  return { concurrency: workers, queueLength, knownDeviceQueueLength: Math.max(2, queueLength) };
}
