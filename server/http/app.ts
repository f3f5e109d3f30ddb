import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAccountRoutes } from '../accounts/routes';
import { PasswordHasher } from '../accounts/passwords';
import { HashingPool } from '../accounts/hashing-pool';
import { EmailLinks } from '../accounts/email-links';
import { AccountService } from '../accounts/service';
import { AccountStore } from '../accounts/store';
import { KnownDevices } from '../accounts/known-devices';
import type { Clock } from '../clock';
import { ChatTickets } from '../consultations/chat-ticket';
import { GuestService } from '../consultations/guests';
import { registerConsultationRoutes } from '../consultations/routes';
import { ActivityService } from '../consultations/activity';
import { registerAppointmentRoutes } from '../appointments/routes';
import { registerBillingRoutes } from '../billing/routes';
import { buildBilling } from '../billing/setup';
import { BillingStore } from '../billing/store';
import { AppointmentService } from '../appointments/service';
import { AppointmentSetup } from '../appointments/setup';
import { AppointmentActivity } from '../appointments/activity';
import { AppointmentChangeStore } from '../appointments/change-store';
import { AppointmentChanges } from '../appointments/changes';
import { AppointmentStore } from '../appointments/store';
import { ReminderScheduler } from '../appointments/reminders';
import { mailAddressOf } from '../notify/mail-address';
import { ConsultationService } from '../consultations/service';
import { WaitingRoomService } from '../consultations/waiting-room';
import { ConsultationStore } from '../consultations/store';
import { registerTranscriptRoute } from '../consultations/transcript';
import type { Config } from '../config/config';
import { registerColleagueRoutes } from '../colleagues/routes';
import { registerConnectionTestRoutes } from '../connection-test/routes';
import { ConnectionTestService } from '../connection-test/service';
import { PresenceHub } from '../colleagues/presence';
import { ColleagueService, professionalsOf } from '../colleagues/service';
import { registerContactRoutes } from '../contacts/routes';
import { ContactService } from '../contacts/service';
import { ContactStore } from '../contacts/store';
import type { Database } from '../db/database';
import {
  abandonedConsultationJob,
  appointmentContactJob,
  appointmentJob,
  callMetadataJob,
  contactRequestJob,
  billingEventJob,
  emailLinkJob,
  invoiceJob,
  lapsedHoldJob,
  loginSessionJob,
  passkeyChallengeJob,
  knownBrowserJob,
  receiptJob,
  unconfirmedRegistrationJob,
} from '../retention/jobs';
import { ReceiptStore } from '../retention/receipts';
import { RetentionScheduler } from '../retention/scheduler';
import { RetentionService } from '../retention/service';
import { registerReceiptRoutes } from '../retention/routes';
import { RetentionStore } from '../retention/store';
import { registerArt30Route } from '../operators/art30-route';
import { probeHsts, SelfCheckService, type HstsProbe } from '../selfcheck/service';
import { registerSelfCheckRoutes } from '../selfcheck/routes';
import { SelfCheckStore } from '../selfcheck/store';
import { registerRestrictionRoutes } from '../operators/restrictions';
import { registerOperatorSessionRoutes } from '../operators/routes';
import { OperatorService } from '../operators/service';
import { OperatorSessionStore, OperatorStore } from '../operators/store';
import type { OperatorSecondFactor } from '../operators/second-factor';
import { buildOperatorSecondFactor } from '../operators/setup';
import { ChallengeIssuer } from '../support/challenge';
import { registerSupportRoutes } from '../support/routes';
import { SupportService } from '../support/service';
import { SupportStore } from '../support/store';
import { registerDevOutboxPage } from '../dev/outbox-page';
import { OutboxMailer, type Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import type { FieldCipher } from '../security/field-crypto';
import { Sealer } from '../security/sealed-columns';
import { registerSessionRoutes } from '../sessions/routes';
import { registerSignedInBrowserRoutes } from '../sessions/browser-routes';
import { SignedInBrowsers } from '../sessions/browsers';
import { SignInNotices } from '../sessions/sign-in-notice';
import { KnownBrowsers } from '../sessions/known-browsers';
import { KnownBrowserStore } from '../sessions/known-browser-store';
import { ChallengeStore } from '../passkeys/challenges';
import { registerPasskeyRoutes } from '../passkeys/routes';
import { PasskeyService } from '../passkeys/service';
import { PasskeyStore } from '../passkeys/store';
import { PendingLogins } from '../second-factor/pending-login';
import { registerFreshCheck } from '../second-factor/fresh-check';
import { registerSecondFactorRoutes } from '../second-factor/routes';
import { SecondFactorService } from '../second-factor/service';
import { registerOrganizationSecondFactorRoutes } from '../second-factor/organization-routes';
import { RecoveryCodeStore } from '../second-factor/recovery-codes';
import { registerSecondFactorRequirement, RequirementStore } from '../second-factor/requirement';
import { TotpStore } from '../second-factor/store';
import { SessionService } from '../sessions/service';
import { registerOrganizationRoutes } from '../organizations/routes';
import { processorsOf } from '../privacy/export';
import { processorWarnings } from '../privacy/settings';
import { legalHolds, type LegalHold } from '../privacy/legal-hold';
import { registerPrivacyRoutes } from '../privacy/routes';
import { PrivacyService } from '../privacy/service';
import { PrivacyStore } from '../privacy/store';
import { OrganizationService } from '../organizations/service';
import { OrganizationStore } from '../organizations/store';
import { SessionStore } from '../sessions/store';
import { SignalingCluster } from '../signaling/cluster';
import { SignalingHub } from '../signaling/hub';
import { LocalTransport, type ClusterTransport } from '../cluster/transport';
import { registerSignalingRoutes } from '../signaling/routes';
import { registerSiteRoutes } from '../site/routes';
import type { AttemptCounter } from '../throttle/limiter';
import type { RouteLimits } from '../throttle/route-limits';
import { limitGuardedMailer, limitGuardedSms, registerRouteLimits } from '../throttle/route-limits';
import { AppMetrics, countedMailer, countedSms, registerRequestMetrics } from '../metrics/metrics';
import { Throttle } from '../throttle/throttle';
import { registerWebApp } from '../web/static';
import { cookieNames, registerAuthentication } from './auth';
import { clientErrorHandler, frameworkErrors } from './client-errors';
import { AppError, registerErrorHandling } from './errors';
import { registerHealthRoutes } from './health';
import { loggerOptions } from './logging';
import { registerOpenApi } from './openapi';
import { registerSecurityHeaders } from './security-headers';
import { SocketLimits } from './socket-limits';

/** Requests carry small JSON documents; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;
/** Request headers are small: whoever has not sent them within this long is cut off. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * Node enforces requestTimeout only while headersTimeout is no larger, and only when it checks its
 * connections (every 30 s by default); connectionTimeout cuts a socket silent for that long. An
 * upgraded WebSocket leaves all three (ws clears the socket timeout).
 */
function httpTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

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

export interface RouteEntry {
  method: string;
  url: string;
  access: string | undefined;
  /** The abuse limits the route declares (server/throttle/route-limits.ts). */
  limits: RouteLimits | undefined;
  /** Status codes of the response schema: 201/202 mark a route that creates or sends. */
  statuses: string[];
  hidden: boolean;
  /** The body schema (zod), so tests can find every route that takes, e.g., a password to check. */
  body: unknown;
  /** A sensitive route that asks for the second factor besides the password (server/second-factor/fresh-check.ts). */
  freshCheck: boolean;
  /** Why the route takes no CSRF token (a signed server-to-server webhook), if it takes none. */
  csrfExempt: string | undefined;
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
  privacy: PrivacyService;
  /** Operator staff: created by the CLI (and by tests through the same service). */
  operators: OperatorService;
  /** Operator staff's second factor (issue 12); the CLI resets it through the same service. */
  operatorSecondFactor: OperatorSecondFactor;
  /** The one place bcrypt runs (bounded); tests count the guesses that reached it. */
  hasher: PasswordHasher;
  /** Prometheus metrics when METRICS_PORT is set; main.ts serves them on their own listener. */
  metrics: AppMetrics | undefined;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  // Every message sent while handling a request must come from a route with declared limits.
  // The live counts are read only at a scrape, once every `const` below is set.
  const metrics = config.metrics ? new AppMetrics({ signaling: () => hub.stats(), presenceSockets: () => presence.socketCount() }) : undefined;
  const mailer = limitGuardedMailer(metrics ? countedMailer(deps.mailer, metrics) : deps.mailer);
  const sms = deps.sms ? limitGuardedSms(metrics ? countedSms(deps.sms, metrics) : deps.sms) : undefined;
  const http = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    // Trust exactly the configured proxy hops; a client-sent X-Forwarded-For is ignored otherwise.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    bodyLimit: BODY_LIMIT_BYTES,
    ...httpTimeouts(config.requestTimeoutMs),
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true },
  });
  if (metrics) registerRequestMetrics(http, metrics);
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted; text/plain would reach the handlers as a string.
  http.removeContentTypeParser('text/plain');
  const routes: RouteEntry[] = [];
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        access: route.config?.access,
        limits: route.config?.limits,
        statuses: Object.keys((route.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {}),
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
        body: (route.schema as { body?: unknown } | undefined)?.body,
        freshCheck: route.config?.freshCheck === true,
        csrfExempt: route.config?.csrfExempt,
      });
    }
  });

  const cookies = { names: cookieNames(config.secureContext), secure: config.secureContext };
  const sessionStore = new SessionStore(database.db);
  const sessions = new SessionService(sessionStore, clock);
  const sealer = new Sealer(deps.cipher);
  const accountStore = new AccountStore(database.db, sealer);
  const throttle = new Throttle(deps.attempts, deps.throttleSecret);
  const hasher = new PasswordHasher(config.bcryptCost, deps.hashingPool ?? new HashingPool(config.hashing));
  const knownBrowserStore = new KnownBrowserStore(database.db);
  const links = new EmailLinks({ store: accountStore, throttle, clock, publicUrl: config.publicUrl });
  const accounts = new AccountService({
    store: accountStore,
    links,
    sessions,
    hasher,
    mailer,
    throttle,
    clock,
    publicUrl: config.publicUrl,
    knownBrowsers: knownBrowserStore,
  });

  // A route without a body schema takes no body: anything sent is refused rather than ignored.
  http.addHook('preValidation', async (request) => {
    if (request.body !== undefined && !request.routeOptions.schema?.body && !request.routeOptions.config.acceptsPdf && !request.routeOptions.config.rawJsonBody) {
      throw new AppError('invalid_body', 'This request takes no body.');
    }
  });

  const consultationStore = new ConsultationStore(database.db, sealer);
  const organizationStore = new OrganizationStore(database.db, sealer);
  const billingStore = new BillingStore(database.db);
  const billing = buildBilling(http, { config, store: billingStore, accounts: accountStore, organizations: organizationStore, clock });
  const transport = deps.transport ?? new LocalTransport();
  // P-26: third-country processors and unnamed ones in use are worth the operator's attention at every start.
  for (const warning of processorWarnings(config)) http.log.warn({ processor: warning.processor }, warning.message);
  // The hub, the consultation service and presence need each other: the hub gets them as closures,
  // called only once requests flow (after every `const` below is set).
  const hub: SignalingHub = new SignalingHub({
    store: consultationStore,
    clock,
    log: http.log,
    closer: { endNow: (consultationId, reason): Promise<void> => consultations.endNow(consultationId, reason) },
    presence: {
      callPresenceChanged: (accountId) =>
        void presence.callPresenceChanged(accountId).catch((error: unknown) => http.log.warn({ err: error }, 'presence: call state not published')),
    },
  });
  const signaling = new SignalingCluster({ hub, transport, log: http.log });
  const contactStore = new ContactStore(database.db, sealer);
  const chatTickets = new ChatTickets(deps.cipher, clock);
  const consultations = new ConsultationService({
    store: consultationStore,
    contacts: contactStore,
    accounts: accountStore,
    mailer,
    ...(sms ? { sms } : {}),
    clock,
    publicUrl: config.publicUrl,
    events: signaling,
    throttle,
    chatTickets,
    ...(billing ? { entitlement: billing } : {}),
  });
  const presence = new PresenceHub({
    transport,
    inCall: (accountId) => hub.isInCall(accountId),
    professionalsOf: (organizationId) => professionalsOf(accountStore, organizationId),
    organizationOf: async (accountId) => (await accountStore.findById(accountId))?.organizationId ?? undefined,
    log: http.log,
  });
  const colleagues = new ColleagueService({
    accounts: accountStore,
    store: consultationStore,
    consultations,
    presence,
    clock,
    log: http.log,
    ...(deps.ringTimeoutMs ? { ringTimeoutMs: deps.ringTimeoutMs } : {}),
  });
  sessions.onEnded((idHashes) => {
    signaling.sessionsEnded(idHashes);
    presence.sessionsEnded(idHashes);
  });
  const operatorSessions = new SessionService(new OperatorSessionStore(database.db), clock);
  const operators = new OperatorService({ store: new OperatorStore(database.db, sealer), hasher, throttle, clock });
  const operatorLogins = buildOperatorSecondFactor({ db: database.db, sealer, cipher: deps.cipher, sessions: operatorSessions, throttle, clock, cookies, issuer: config.operator.name });
  const supportStore = new SupportStore(database.db, sealer);
  const challenges = new ChallengeIssuer({ counter: deps.attempts, secret: deps.throttleSecret, clock });
  const support = new SupportService({ store: supportStore, challenges, throttle, mailer, clock, operatorName: config.operator.name });
  const receiptStore = new ReceiptStore(database.db);
  const appointmentStore = new AppointmentStore(database.db, sealer);
  const retentionStore = new RetentionStore(database.db);
  const passkeyChallenges = new ChallengeStore(database.db);
  const retention = new RetentionScheduler({
    database,
    receipts: receiptStore,
    clock,
    jobs: [
      loginSessionJob(sessions, operatorSessions),
      abandonedConsultationJob(consultationStore, consultations),
      callMetadataJob(retentionStore),
      unconfirmedRegistrationJob(retentionStore),
      emailLinkJob(retentionStore),
      contactRequestJob(supportStore),
      receiptJob(receiptStore),
      appointmentJob(appointmentStore),
      appointmentContactJob(appointmentStore),
      lapsedHoldJob(appointmentStore),
      passkeyChallengeJob(passkeyChallenges),
      knownBrowserJob(knownBrowserStore),
      invoiceJob(billingStore),
      billingEventJob(billingStore),
    ],
    onError: (job, error) => http.log.error({ err: error, job }, 'retention job failed'),
  });
  const guests = new GuestService({ store: consultationStore, accounts: accountStore, clock, events: signaling });
  http.addHook('onClose', async () => {
    await retention.stop();
    colleagues.close();
    presence.close();
    await signaling.close();
    await transport.close();
  });

  await registerSecurityHeaders(http, config.secureContext, config.analytics?.scriptUrl.origin);
  await http.register(cookie);
  await registerOpenApi(http);
  const pageFallback = await registerWebApp(http, deps.webRoot);
  registerErrorHandling(http, pageFallback);
  registerAuthentication(http, { sessions, operatorSessions, operatorSecondFactor: operatorLogins.secondFactor, guests, cookies, publicOrigin: config.publicUrl.origin });
  registerRouteLimits(http, throttle);
  // Issue 12: sensitive routes (config.freshCheck) ask for the second factor besides the password.
  const secondFactorRequirement = new RequirementStore(database.db);
  const passkeys = new PasskeyService({
    store: new PasskeyStore(database.db, sealer),
    challenges: passkeyChallenges,
    requirement: secondFactorRequirement,
    throttle,
    clock,
    // WebAuthn binds every passkey to PUBLIC_URL: its host is the RP ID, its origin the only one accepted.
    relyingParty: { id: config.publicUrl.hostname, origin: config.publicUrl.origin, name: config.operator.name },
  });
  const secondFactor = new SecondFactorService({
    store: new TotpStore(database.db, sealer),
    recoveryCodes: new RecoveryCodeStore(database.db),
    passkeys,
    requirement: secondFactorRequirement,
    throttle,
    clock,
    issuer: config.operator.name,
  });
  const pendingLogins = new PendingLogins(deps.cipher, clock, cookies);
  registerFreshCheck(http, secondFactor, sessionStore, clock);
  registerSecondFactorRequirement(http, secondFactorRequirement);

  registerHealthRoutes(http, database, transport);
  const knownDevices = new KnownDevices(deps.cipher, clock);
  const notices = new SignInNotices(mailer, clock, config.publicUrl.origin, links);
  const knownBrowsers = new KnownBrowsers(knownBrowserStore, deps.cipher, clock, cookies);
  registerSessionRoutes(http, { accounts, sessions, cookies, knownDevices, secondFactor, pending: pendingLogins, notices, knownBrowsers });
  registerSignedInBrowserRoutes(http, new SignedInBrowsers(sessionStore, sessions));
  registerSecondFactorRoutes(http, { secondFactor, accounts, sessions, pending: pendingLogins, cookies, notices, knownBrowsers });
  registerPasskeyRoutes(http, { passkeys, secondFactor, accounts, sessions, pending: pendingLogins, cookies, knownDevices, notices, knownBrowsers, passkeyChecks: sessionStore, clock });
  registerOrganizationSecondFactorRoutes(http, { accounts: accountStore, requirement: secondFactorRequirement, clock });
  registerAccountRoutes(http, accounts, knownBrowsers);
  registerConsultationRoutes(http, {
    consultations,
    guests,
    waitingRoom: new WaitingRoomService({ consultations, signaling, accounts: accountStore }),
    activity: new ActivityService({ store: consultationStore, accounts: accountStore }),
    cookies,
    clock,
    ice: config.ice,
  });
  registerOrganizationRoutes(
    http,
    new OrganizationService({
      store: organizationStore,
      accounts: accountStore,
      links,
      hasher,
      mailer,
      sessions,
      consultations,
      throttle,
      clock,
      secondFactors: secondFactor,
      passwords: accounts,
      events: {
        organizationChanged: (organizationId) => {
          void presence.organizationChanged(organizationId).catch((error: unknown) => http.log.warn({ err: error }, 'presence: colleague lists not refreshed'));
          // Seats follow active members; a failure is caught up by the next change or Stripe event.
          void billing?.seatsChanged(organizationId).catch((error: unknown) => http.log.warn({ err: error, organizationId }, 'billing: seats not updated'));
        },
      },
    }),
    knownBrowsers,
  );
  registerContactRoutes(http, { contacts: new ContactService({ store: contactStore, clock }) });
  if (billing) registerBillingRoutes(http, { billing });
  const appointments = new AppointmentService({
    store: appointmentStore,
    accounts: accountStore,
    organizations: organizationStore,
    consultationStore,
    consultations,
    mailer,
    ...(sms ? { sms } : {}),
    clock,
    publicUrl: config.publicUrl,
    throttle,
    organizerEmail: mailAddressOf(config.mail.from),
    ...(billing ? { entitlement: billing } : {}),
  });
  const appointmentChangeStore = new AppointmentChangeStore(database.db, sealer);
  const reminders = new ReminderScheduler({
    database,
    store: appointmentStore,
    appointments,
    clock,
    onError: (error) => http.log.error({ err: error }, 'appointment reminders failed'),
  });
  http.addHook('onClose', async () => reminders.stop());
  registerAppointmentRoutes(http, {
    appointments,
    setup: new AppointmentSetup({ store: appointmentStore, accounts: accountStore, appointments, clock }),
    changes: new AppointmentChanges({ store: appointmentStore, changes: appointmentChangeStore, appointments, consultationStore, clock }),
    activity: new AppointmentActivity({ changes: appointmentChangeStore, accounts: accountStore }),
  });
  const privacy = new PrivacyService({
    store: new PrivacyStore(database.db, sealer),
    accounts,
    accountStore,
    organizations: organizationStore,
    contacts: contactStore,
    consultations,
    sessions,
    mailer,
    clock,
    processors: processorsOf(config),
    legalHolds: deps.legalHolds ?? legalHolds,
    log: http.log,
    ...(billing ? { billing } : {}),
  });
  registerPrivacyRoutes(http, { privacy, cookies });
  registerTranscriptRoute(http, { consultations, guests, accounts: accountStore, mailer, throttle, clock, chatTickets });
  registerConnectionTestRoutes(http, {
    connectionTests: new ConnectionTestService({ guests, accounts: accountStore, throttle, clock, ice: config.ice }),
  });
  const limits = new SocketLimits(deps.throttleSecret, config.maxSocketsPerClient);
  await registerSignalingRoutes(http, { signaling, guests, store: consultationStore, cookies, publicOrigin: config.publicUrl.origin, limits });
  registerColleagueRoutes(http, { colleagues, presence, accounts: accountStore, publicOrigin: config.publicUrl.origin, limits });
  registerOperatorSessionRoutes(http, { operators, sessions: operatorSessions, cookies, ...operatorLogins });
  registerSupportRoutes(http, { support, challenges, operators });
  const receipts = new RetentionService(receiptStore);
  registerReceiptRoutes(http, receipts);
  registerArt30Route(http, config);
  const selfCheck = new SelfCheckService({
    config,
    store: new SelfCheckStore(database.db),
    receipts: receiptStore,
    clock,
    probe: deps.hstsProbe ?? probeHsts,
  });
  registerSelfCheckRoutes(http, { config, selfCheck });
  registerRestrictionRoutes(http, { privacy });
  const devOutbox = config.devOutboxPage && deps.mailer instanceof OutboxMailer;
  if (devOutbox) registerDevOutboxPage(http, deps.mailer as OutboxMailer, config.publicUrl.origin);
  registerSiteRoutes(http, config, { devOutbox, smsInvitations: deps.sms !== undefined });

  await http.ready();
  return { http, routes, sessions, accounts, consultations, hub, colleagues, retention, reminders, receipts, privacy, operators, operatorSecondFactor: operatorLogins.secondFactor, hasher, metrics };
}
