import type { Identity } from '../accounts/module';
import type { BillingService } from '../billing/service';
import { PresenceHub } from '../colleagues/presence';
import { registerColleagueRoutes } from '../colleagues/routes';
import { ColleagueService, professionalsOf } from '../colleagues/service';
import { registerConnectionTestRoutes } from '../connection-test/routes';
import { ConnectionTestService } from '../connection-test/service';
import { registerContactRoutes } from '../contacts/routes';
import { ContactService } from '../contacts/service';
import { ContactStore } from '../contacts/store';
import type { AppCore } from '../http/core';
import { SocketLimits } from '../http/socket-limits';
import { SignalingCluster } from '../signaling/cluster';
import { SignalingHub } from '../signaling/hub';
import { registerSignalingRoutes } from '../signaling/routes';
import { SignalingStore } from '../signaling/store';
import { ActivityService } from './activity';
import { ChatTickets } from './chat-ticket';
import { GuestService } from './guests';
import { registerConsultationRoutes } from './routes';
import { ConsultationService } from './service';
import { ScheduleStore } from './schedule-store';
import { ConsultationStore } from './store';
import { registerTranscriptRoute } from './transcript';
import { WaitingRoomService } from './waiting-room';

export interface CallsOptions {
  /** Consulted before a new consultation or colleague call when billing is on. */
  billing: BillingService | undefined;
  /** How long a colleague call rings (default RING_TIMEOUT_MS); tests shorten it. */
  ringTimeoutMs: number | undefined;
}

/**
 * Consultations and the calls they hold: the signaling hub (one per process, joined through the
 * cluster transport), guests and their waiting room, colleagues' presence and calls, contacts.
 */
export function buildCalls(core: AppCore, identity: Identity, options: CallsOptions) {
  const { http, database, sealer, clock, config, throttle, transport } = core;
  const { accountStore } = identity;
  const consultationStore = new ConsultationStore(database.db, sealer);
  // The hub, the consultation service and presence need each other: the hub gets them as closures,
  // called only once requests flow (after every `const` below is set).
  const signalingStore = new SignalingStore(database.db, sealer);
  const hub: SignalingHub = new SignalingHub({
    store: consultationStore,
    reads: signalingStore,
    clock,
    log: http.log,
    closer: { endNow: (consultationId, reason): Promise<void> => consultations.endNow(consultationId, reason) },
    presence: {
      callPresenceChanged: (accountId, organizationId) =>
        void presence
          .callPresenceChanged(accountId, organizationId)
          .catch((error: unknown) => http.log.warn({ err: error }, 'presence: call state not published')),
    },
    ...(core.metrics ? { counters: core.metrics } : {}),
    ice: config.ice,
  });
  const signaling = new SignalingCluster({ hub, transport, log: http.log });
  const contactStore = new ContactStore(database.db, sealer);
  const chatTickets = new ChatTickets(core.cipher, clock);
  const consultations: ConsultationService = new ConsultationService({
    store: consultationStore,
    schedule: new ScheduleStore(database.db, sealer),
    contacts: contactStore,
    accounts: accountStore,
    mailer: core.mailer,
    ...(core.sms ? { sms: core.sms } : {}),
    clock,
    publicUrl: config.publicUrl,
    events: signaling,
    throttle,
    chatTickets,
    ...(options.billing ? { entitlement: options.billing } : {}),
  });
  const presence: PresenceHub = new PresenceHub({
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
    ...(options.ringTimeoutMs ? { ringTimeoutMs: options.ringTimeoutMs } : {}),
    ...(core.metrics ? { counters: core.metrics } : {}),
    ...(options.billing ? { entitlement: options.billing } : {}),
  });
  identity.sessions.onEnded((idHashes) => {
    signaling.sessionsEnded(idHashes);
    presence.sessionsEnded(idHashes);
  });
  const guests = new GuestService({ store: consultationStore, accounts: accountStore, clock, events: signaling });

  async function close(): Promise<void> {
    colleagues.close();
    presence.close();
    await signaling.close();
  }

  async function registerRoutes(): Promise<void> {
    const { cookies } = core;
    const publicOrigin = config.publicUrl.origin;
    registerConsultationRoutes(http, {
      consultations,
      guests,
      waitingRoom: new WaitingRoomService({ consultations, signaling, accounts: accountStore }),
      activity: new ActivityService({ store: consultationStore, accounts: accountStore }),
      cookies,
      clock,
      ice: config.ice,
    });
    registerContactRoutes(http, { contacts: new ContactService({ store: contactStore, clock }) });
    registerTranscriptRoute(http, { consultations, guests, accounts: accountStore, mailer: core.mailer, throttle, clock, chatTickets });
    registerConnectionTestRoutes(http, {
      connectionTests: new ConnectionTestService({ guests, accounts: accountStore, throttle, clock, ice: config.ice }),
    });
    const limits = new SocketLimits(core.throttleSecret, config.maxSocketsPerClient);
    await registerSignalingRoutes(http, { signaling, guests, store: signalingStore, sessions: identity.sessions, cookies, publicOrigin, limits });
    registerColleagueRoutes(http, { colleagues, presence, accounts: accountStore, publicOrigin, limits });
  }

  return { consultationStore, contactStore, consultations, hub, presence, colleagues, guests, close, registerRoutes };
}

export type Calls = ReturnType<typeof buildCalls>;
