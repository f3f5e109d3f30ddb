import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerAccountRoutes } from '../accounts/routes';
import { PasswordHasher } from '../accounts/passwords';
import { EmailLinks } from '../accounts/email-links';
import { AccountService } from '../accounts/service';
import { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { GuestService } from '../consultations/guests';
import { registerConsultationRoutes } from '../consultations/routes';
import { ConsultationService } from '../consultations/service';
import { ConsultationStore } from '../consultations/store';
import { registerTranscriptRoute } from '../consultations/transcript';
import type { Config } from '../config/config';
import { registerColleagueRoutes } from '../colleagues/routes';
import { PresenceHub } from '../colleagues/presence';
import { ColleagueService, professionalsOf } from '../colleagues/service';
import { registerContactRoutes } from '../contacts/routes';
import { ContactStore } from '../contacts/store';
import type { Database } from '../db/database';
import {
  abandonedConsultationJob,
  callMetadataJob,
  contactRequestJob,
  emailLinkJob,
  loginSessionJob,
  receiptJob,
  unconfirmedRegistrationJob,
} from '../retention/jobs';
import { ReceiptStore } from '../retention/receipts';
import { RetentionScheduler } from '../retention/scheduler';
import { RetentionService } from '../retention/service';
import { registerReceiptRoutes } from '../retention/routes';
import { RetentionStore } from '../retention/store';
import { registerArt30Route } from '../operators/art30-route';
import { registerRestrictionRoutes } from '../operators/restrictions';
import { registerOperatorSessionRoutes } from '../operators/routes';
import { OperatorService } from '../operators/service';
import { OperatorSessionStore, OperatorStore } from '../operators/store';
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
import { SessionService } from '../sessions/service';
import { registerOrganizationRoutes } from '../organizations/routes';
import { processorsOf } from '../privacy/export';
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
import { Throttle } from '../throttle/throttle';
import { registerWebApp } from '../web/static';
import { cookieNames, registerAuthentication } from './auth';
import { AppError, registerErrorHandling } from './errors';
import { registerHealthRoutes } from './health';
import { loggerOptions } from './logging';
import { registerOpenApi } from './openapi';
import { registerSecurityHeaders } from './security-headers';

/** Requests carry small JSON documents; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;

export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  sms: SmsSender;
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
}

export interface RouteEntry {
  method: string;
  url: string;
  access: string | undefined;
  hidden: boolean;
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
  /** Deletion receipts for the operator area. */
  receipts: RetentionService;
  /** Data-subject rights; the operator area lifts restrictions through it. */
  privacy: PrivacyService;
  /** Operator staff: created by the CLI (and by tests through the same service). */
  operators: OperatorService;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, mailer, clock } = deps;
  const http = Fastify({
    logger: loggerOptions(config.logLevel, deps.logStream),
    // Trust exactly the configured proxy hops; a client-sent X-Forwarded-For is ignored otherwise.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  });
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
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
      });
    }
  });

  const cookies = { names: cookieNames(config.secureContext), secure: config.secureContext };
  const sessions = new SessionService(new SessionStore(database.db), clock);
  const sealer = new Sealer(deps.cipher);
  const accountStore = new AccountStore(database.db, sealer);
  const throttle = new Throttle(deps.attempts, deps.throttleSecret);
  const hasher = new PasswordHasher(config.bcryptCost);
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
  });

  // A route without a body schema takes no body: anything sent is refused rather than ignored.
  http.addHook('preValidation', async (request) => {
    if (request.body !== undefined && !request.routeOptions.schema?.body && !request.routeOptions.config.acceptsPdf) {
      throw new AppError(400, 'invalid_body', 'This request takes no body.');
    }
  });

  const consultationStore = new ConsultationStore(database.db, sealer);
  const transport = deps.transport ?? new LocalTransport();
  const hub = new SignalingHub({ store: consultationStore, clock, log: http.log });
  const signaling = new SignalingCluster({ hub, transport, log: http.log });
  const contactStore = new ContactStore(database.db, sealer);
  const consultations = new ConsultationService({
    store: consultationStore,
    contacts: contactStore,
    accounts: accountStore,
    mailer,
    sms: deps.sms,
    clock,
    publicUrl: config.publicUrl,
    events: signaling,
  });
  hub.closer = consultations;
  const presence = new PresenceHub({
    transport,
    inCall: (accountId) => hub.isInCall(accountId),
    professionalsOf: (organizationId) => professionalsOf(accountStore, organizationId),
    organizationOf: async (accountId) => (await accountStore.findById(accountId))?.organizationId ?? undefined,
  });
  const colleagues = new ColleagueService({
    accounts: accountStore,
    store: consultationStore,
    consultations,
    presence,
    clock,
    ...(deps.ringTimeoutMs ? { ringTimeoutMs: deps.ringTimeoutMs } : {}),
  });
  hub.presence = { callPresenceChanged: (accountId) => void presence.callPresenceChanged(accountId).catch(() => undefined) };
  sessions.onEnded((idHashes) => {
    signaling.sessionsEnded(idHashes);
    presence.sessionsEnded(idHashes);
  });
  const operatorSessions = new SessionService(new OperatorSessionStore(database.db), clock);
  const operators = new OperatorService({ store: new OperatorStore(database.db, sealer), hasher, throttle, clock });
  const supportStore = new SupportStore(database.db, sealer);
  const challenges = new ChallengeIssuer({ counter: deps.attempts, secret: deps.throttleSecret, clock });
  const support = new SupportService({ store: supportStore, challenges, throttle, mailer, clock, operatorName: config.operator.name });
  const receiptStore = new ReceiptStore(database.db);
  const retentionStore = new RetentionStore(database.db);
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
  registerAuthentication(http, { sessions, operatorSessions, guests, cookies, publicOrigin: config.publicUrl.origin });

  registerHealthRoutes(http, database);
  registerSessionRoutes(http, { accounts, sessions, cookies });
  registerAccountRoutes(http, accounts);
  registerConsultationRoutes(http, {
    consultations,
    signaling,
    guests,
    store: consultationStore,
    accounts: accountStore,
    cookies,
    clock,
    ice: config.ice,
  });
  const organizationStore = new OrganizationStore(database.db, sealer);
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
      events: { organizationChanged: (organizationId) => void presence.organizationChanged(organizationId).catch(() => undefined) },
    }),
  );
  registerContactRoutes(http, { store: contactStore, clock });
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
  });
  registerPrivacyRoutes(http, { privacy, cookies });
  registerTranscriptRoute(http, { consultations, accounts: accountStore, mailer, throttle, clock });
  await registerSignalingRoutes(http, { signaling, guests, store: consultationStore, cookies, publicOrigin: config.publicUrl.origin });
  registerColleagueRoutes(http, { colleagues, presence, accounts: accountStore, publicOrigin: config.publicUrl.origin });
  registerOperatorSessionRoutes(http, { operators, sessions: operatorSessions, cookies });
  registerSupportRoutes(http, { support, challenges, operators });
  const receipts = new RetentionService(receiptStore);
  registerReceiptRoutes(http, receipts);
  registerArt30Route(http, config);
  registerRestrictionRoutes(http, { db: database.db, sealer, privacy });
  const devOutbox = config.devOutboxPage && mailer instanceof OutboxMailer;
  if (devOutbox) registerDevOutboxPage(http, mailer);
  registerSiteRoutes(http, config, devOutbox);

  await http.ready();
  return { http, routes, sessions, accounts, consultations, hub, colleagues, retention, receipts, privacy, operators };
}
