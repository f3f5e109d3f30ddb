import cookie from '@fastify/cookie';
import type { FastifyInstance } from 'fastify';
import { bcryptRunner } from '../accounts/bcrypt-threads';
import { HashingPool } from '../accounts/hashing-pool';
import { buildIdentity } from '../accounts/module';
import { PasswordHasher } from '../accounts/passwords';
import type { AccountService } from '../accounts/service';
import { buildAppointments } from '../appointments/module';
import type { ReminderScheduler } from '../appointments/reminders';
import { registerBillingRoutes } from '../billing/routes';
import { buildBilling } from '../billing/setup';
import { BillingStore } from '../billing/store';
import type { Clock } from '../clock';
import { LocalTransport, type ClusterTransport } from '../cluster/transport';
import type { ColleagueService } from '../colleagues/service';
import type { Config } from '../config/config';
import { buildCalls } from '../consultations/module';
import type { ConsultationService } from '../consultations/service';
import type { Database } from '../db/database';
import { registerDevOutboxPage } from '../dev/outbox-page';
import { AppMetrics, countedMailer, countedSms } from '../metrics/metrics';
import { OutboxMailer, type Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import { buildOperatorArea } from '../operators/module';
import type { OperatorSecondFactor } from '../operators/second-factor';
import type { OperatorService } from '../operators/service';
import { buildOrganizations } from '../organizations/module';
import { OrganizationStore } from '../organizations/store';
import { processorWarnings } from '../privacy/settings';
import type { LegalHold } from '../rights/legal-hold';
import { buildRights } from '../rights/module';
import type { RightsService } from '../rights/service';
import { buildRetention } from '../retention/module';
import type { RetentionScheduler } from '../retention/scheduler';
import type { RetentionService } from '../retention/service';
import { buildSignIn } from '../second-factor/module';
import type { FieldCipher } from '../security/field-crypto';
import { Sealer } from '../security/sealed-columns';
import type { HstsProbe } from '../selfcheck/service';
import type { SessionService } from '../sessions/service';
import type { SignalingHub } from '../signaling/hub';
import { registerSiteRoutes } from '../site/routes';
import type { AttemptCounter } from '../throttle/limiter';
import { limitGuardedMailer, limitGuardedSms, registerRouteLimits } from '../throttle/route-limits';
import { Throttle } from '../throttle/throttle';
import { registerWebApp } from '../web/static';
import { cookieNames, registerAuthentication } from './auth';
import type { AppCore } from './core';
import { registerErrorHandling } from './errors';
import { registerHealthRoutes } from './health';
import { AfterAnswer } from './after-answer';
import { createHttp, type RouteEntry } from './instance';
import { registerOpenApi } from './openapi';
import { registerSecurityHeaders } from './security-headers';

export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  /** Absent: no SMS provider (production without Twilio); SMS invitations are refused. */
  sms?: SmsSender;
  clock: Clock;
  attempts: AttemptCounter;
  throttleSecret: Buffer;
  /** Seals personal fields at rest (P-21); main.ts builds it from the data key. */
  cipher: FieldCipher;
  /** The built web app; defaults to dist/web. */
  webRoot?: string;
  /** Where log lines go; tests capture them to prove what is not in them. */
  logStream?: NodeJS.WritableStream;
  /** How long a colleague call rings (default RING_TIMEOUT_MS); tests shorten it. */
  ringTimeoutMs?: number;
  /** Data kept beyond erasure by law (default: the declared ones); tests add their own. */
  legalHolds?: readonly LegalHold[];
  /** How this process reaches the others (Redis); alone by default. The app closes it. */
  transport?: ClusterTransport;
  /** The bounded bcrypt pool (default: from config.hashing); tests hold its workers to replay a flood exactly. */
  hashingPool?: HashingPool;
  /** How the self-check asks PUBLIC_URL for HSTS (default: a HEAD request); tests answer it themselves. */
  hstsProbe?: HstsProbe;
}

export interface App {
  http: FastifyInstance;
  /** Every route as registered: the route-table tests walk it so a new route cannot skip a rule. */
  routes: RouteEntry[];
  sessions: SessionService;
  accounts: AccountService;
  consultations: ConsultationService;
  hub: SignalingHub;
  colleagues: ColleagueService;
  /** Deletion jobs; main.ts starts them, tests run them with a controllable clock. */
  retention: RetentionScheduler;
  /** Appointment reminders a day and an hour before (issue 10); main.ts starts them, tests run passes. */
  reminders: ReminderScheduler;
  /** Deletion receipts for the operator area. */
  receipts: RetentionService;
  /** Data-subject rights; the operator area lifts restrictions through it. */
  rights: RightsService;
  /** Operator staff: created by the CLI (and by tests through the same service). */
  operators: OperatorService;
  /** Operator staff's second factor (issue 12); the CLI resets it through the same service. */
  operatorSecondFactor: OperatorSecondFactor;
  /** The one place bcrypt runs (bounded); tests count the guesses that reached it. */
  hasher: PasswordHasher;
  /** Prometheus metrics when METRICS_PORT is set; main.ts serves them on their own listener. */
  metrics: AppMetrics | undefined;
  /** Work queued to run after answers; tests wait for it as a person waits for the mail. */
  afterAnswer: AfterAnswer;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  // Every message sent while handling a request must come from a route with declared limits.
  // The live counts are read only at a scrape, once the calls below exist.
  const metrics = config.metrics
    ? new AppMetrics({
        signaling: () => calls.hub.stats(),
        presenceSockets: () => calls.presence.socketCount(),
        ...(database.poolStats ? { databasePool: database.poolStats } : {}),
      })
    : undefined;
  const { http, routes } = createHttp(config, deps.logStream, metrics);
  const core: AppCore = {
    http,
    config,
    database,
    clock,
    sealer: new Sealer(deps.cipher),
    cipher: deps.cipher,
    throttle: new Throttle(deps.attempts, deps.throttleSecret),
    hasher: new PasswordHasher(config.bcryptCost, deps.hashingPool ?? new HashingPool(config.hashing), bcryptRunner(config)),
    mailer: limitGuardedMailer(metrics ? countedMailer(deps.mailer, metrics) : deps.mailer),
    sms: deps.sms ? limitGuardedSms(metrics ? countedSms(deps.sms, metrics) : deps.sms) : undefined,
    cookies: { names: cookieNames(config.secureContext), secure: config.secureContext },
    transport: deps.transport ?? new LocalTransport(),
    attempts: deps.attempts,
    throttleSecret: deps.throttleSecret,
    metrics,
    afterAnswer: new AfterAnswer(http.log),
  };
  // P-26: third-country processors and unnamed ones in use are worth the operator's attention at every start.
  for (const warning of processorWarnings(config)) http.log.warn({ processor: warning.processor }, warning.message);

  const identity = buildIdentity(core);
  const { accountStore, accounts, sessions } = identity;
  const organizationStore = new OrganizationStore(database.db, core.sealer);
  const billingStore = new BillingStore(database.db);
  const billing = buildBilling(http, { config, store: billingStore, accounts: accountStore, organizations: organizationStore, clock });
  const calls = buildCalls(core, identity, { billing, ringTimeoutMs: deps.ringTimeoutMs });
  const { consultations } = calls;
  const signIn = buildSignIn(core, identity);
  const operatorArea = buildOperatorArea(core, { hstsProbe: deps.hstsProbe });
  const appointments = buildAppointments(core, identity, calls, { organizations: organizationStore, billing });
  const retention = buildRetention(core, { identity, calls, signIn, operatorArea, appointments, billingStore });
  const rights = buildRights(core, identity, calls, { organizations: organizationStore, billing, legalHolds: deps.legalHolds });
  const organizations = buildOrganizations(core, identity, calls, { store: organizationStore, signIn, billing });
  http.addHook('onClose', async () => {
    // Queued after answers (mails) use the database and the mailer: they run before either closes.
    await core.afterAnswer.settled();
    await retention.stop();
    await calls.close();
    await core.transport.close();
    await appointments.reminders.stop();
    await core.hasher.close();
  });

  // Hooks first, so that every route below passes them.
  registerSecurityHeaders(http, config.secureContext, config.analytics?.scriptUrl.origin);
  await http.register(cookie);
  await registerOpenApi(http);
  const pageFallback = await registerWebApp(http, deps.webRoot);
  registerErrorHandling(http, pageFallback);
  registerAuthentication(http, {
    sessions,
    operatorSessions: operatorArea.operatorSessions,
    operatorSecondFactor: operatorArea.operatorSecondFactor,
    guests: calls.guests,
    cookies: core.cookies,
    publicOrigin: config.publicUrl.origin,
  });
  registerRouteLimits(http, core.throttle, config.environment !== 'production');
  signIn.registerChecks();

  registerHealthRoutes(http, database, core.transport);
  signIn.registerRoutes();
  organizations.registerRoutes();
  if (billing) registerBillingRoutes(http, { billing });
  appointments.registerRoutes();
  rights.registerRoutes();
  await calls.registerRoutes();
  operatorArea.registerRoutes(rights.service);
  const devOutbox = config.devOutboxPage && deps.mailer instanceof OutboxMailer;
  if (devOutbox) registerDevOutboxPage(http, deps.mailer as OutboxMailer, config.publicUrl.origin);
  registerSiteRoutes(http, config, { devOutbox, smsInvitations: deps.sms !== undefined });

  await http.ready();
  return {
    http,
    routes,
    sessions,
    accounts,
    consultations,
    hub: calls.hub,
    colleagues: calls.colleagues,
    retention,
    reminders: appointments.reminders,
    receipts: operatorArea.receipts,
    rights: rights.service,
    operators: operatorArea.operators,
    operatorSecondFactor: operatorArea.operatorSecondFactor,
    hasher: core.hasher,
    metrics,
    afterAnswer: core.afterAnswer,
  };
}
