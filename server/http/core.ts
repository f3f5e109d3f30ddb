import type { FastifyInstance } from 'fastify';
import type { PasswordHasher } from '../accounts/passwords';
import type { Clock } from '../clock';
import type { ClusterTransport } from '../cluster/transport';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import type { AppMetrics } from '../metrics/metrics';
import type { Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import type { FieldCipher } from '../security/field-crypto';
import type { Sealer } from '../security/sealed-columns';
import type { AttemptCounter } from '../throttle/limiter';
import type { Throttle } from '../throttle/throttle';
import type { AfterAnswer } from './after-answer';
import type { CookieSettings } from './auth';

/**
 * What every feature's factory is built from: the app's infrastructure, made once in `buildApp`.
 * Features never reach each other through it; what one feature needs of another is passed by name.
 */
export interface AppCore {
  http: FastifyInstance;
  config: Config;
  database: Database;
  clock: Clock;
  /** Seals personal fields at rest (P-21). */
  sealer: Sealer;
  cipher: FieldCipher;
  throttle: Throttle;
  /** The one place bcrypt runs (bounded). */
  hasher: PasswordHasher;
  /** Counts every message against the sending route's declared limits. */
  mailer: Mailer;
  /** Absent: no SMS provider; SMS invitations are refused. */
  sms: SmsSender | undefined;
  cookies: CookieSettings;
  transport: ClusterTransport;
  attempts: AttemptCounter;
  throttleSecret: Buffer;
  /** Prometheus metrics when METRICS_PORT is set. */
  metrics: AppMetrics | undefined;
  /** What a request queues to run once its answer is out (the new-browser mail). */
  afterAnswer: AfterAnswer;
}
