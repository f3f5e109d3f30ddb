import { RING_TIMEOUT_MS, type CallOutcome, type Colleague } from '../../common/presence';
import type { CallMode } from '../../common/signaling';
import type { AccountRow, AccountStore } from '../accounts/store';
import type { Entitlement } from '../billing/policy';
import type { Clock } from '../clock';
import type { ConsultationService } from '../consultations/service';
import type { ConsultationStore, ParticipantRow } from '../consultations/store';
import { AppError } from '../http/errors';
import { colleagueRules } from './policy';
import { displayNameOf } from '../accounts/display-name';
import { isBusy, type PresenceHub } from './presence';
import type { Logger } from '../http/logging';
import type { CallCounters } from '../metrics/metrics';

/** A colleague call is an ordinary consultation held by the caller; this long it stays open. */
const CALL_WINDOW_MS = 60 * 60_000;

export interface ColleagueServiceDeps {
  accounts: AccountStore;
  store: ConsultationStore;
  consultations: ConsultationService;
  presence: PresenceHub;
  clock: Clock;
  log: Logger;
  ringTimeoutMs?: number;
  /** Counts rings and answered calls when metrics are on. */
  counters?: CallCounters;
  /** Billing (issue 11): a colleague call is a new consultation, so it needs a paid plan like one. */
  entitlement?: Entitlement;
}

function notFound(): AppError {
  return new AppError('not_found', 'No such colleague.');
}

function callNotFound(): AppError {
  return new AppError('not_found', 'No such call.');
}

/** Active professionals (representatives and members, not staff) of an organisation, by name. */
export async function professionalsOf(accounts: AccountStore, organizationId: string): Promise<Array<{ id: string; displayName: string }>> {
  const people = await accounts.ofOrganization(organizationId);
  return people
    .filter((person) => colleagueRules.seesColleagues(person))
    .map((person) => ({ id: person.id, displayName: displayNameOf(person) }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/**
 * Colleague calls (P-07): the caller holds a new consultation and the callee gets a place in it as
 * a member, ringing until answered. Accepted, the callee joins without a waiting room. The database
 * holds the truth (the member's participant row, status `invited` while ringing); the timers here
 * only tell both sides when a ring ran out.
 */
export class ColleagueService {
  private readonly ringTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: ColleagueServiceDeps) {}

  async colleagues(actorId: string): Promise<{ colleagues: Colleague[]; doNotDisturb: boolean }> {
    const actor = await this.professional(actorId);
    const people = await professionalsOf(this.deps.accounts, actor.organizationId ?? '');
    return {
      colleagues: people.filter((person) => person.id !== actor.id).map((person) => ({ ...person, presence: this.deps.presence.presenceOf(person.id) })),
      doNotDisturb: actor.doNotDisturbSince !== null,
    };
  }

  /**
   * Stored on the account, so that it holds in every tab, after a reload, a sign-out and a server
   * restart until the person switches it off; the presence hub applies it on every process.
   */
  async setDoNotDisturb(actorId: string, on: boolean): Promise<{ doNotDisturb: boolean }> {
    const actor = await this.professional(actorId);
    if ((actor.doNotDisturbSince !== null) !== on) {
      const now = this.deps.clock.now();
      await this.deps.accounts.update(actor.id, { doNotDisturbSince: on ? now : null, updatedAt: now });
    }
    this.deps.presence.doNotDisturbChanged(actor.id, on);
    return { doNotDisturb: on };
  }

  async call(callerId: string, colleagueId: string, mode: CallMode = 'video'): Promise<{ callId: string; consultationId: string }> {
    const { store, clock, presence } = this.deps;
    const caller = await this.professional(callerId);
    const callee = await this.deps.accounts.findById(colleagueId);
    if (!callee || !colleagueRules.mayCall(caller, callee)) throw notFound();
    // Checked before anything rings; answering, and a call already running, are never refused.
    await this.deps.entitlement?.requireEntitled(caller);
    const state = presence.presenceOf(callee.id);
    if (state === 'away') {
      throw new AppError('colleague_unavailable', 'This colleague is not online right now.');
    }
    const now = clock.now();
    if (isBusy(state)) {
      // Anlage 31b: nothing rings during a consultation. The callee's tabs keep a silent notice.
      presence.sendTo(callee.id, { type: 'missed-while-busy', fromName: displayNameOf(caller), at: now.getTime() });
      this.deps.counters?.ring('busy');
      throw new AppError('colleague_busy', 'This colleague is busy: in a consultation or not to be disturbed.', {
        details: {
          presence: state,
        },
      });
    }
    const consultation = await store.create(
      { hostAccountId: caller.id, callMode: mode, validFrom: now, validUntil: new Date(now.getTime() + CALL_WINDOW_MS), createdAt: now },
      displayNameOf(caller),
    );
    const place = await store.insertParticipant({
      consultationId: consultation.id,
      role: 'member',
      accountId: callee.id,
      displayName: displayNameOf(callee),
      status: 'invited',
      createdAt: now,
    });
    const ringFor = this.deps.ringTimeoutMs ?? RING_TIMEOUT_MS;
    this.ringTimers.set(
      place.id,
      setTimeout(
        () =>
          void this.finishRing(place.id, 'missed').catch((error: unknown) =>
            this.deps.log.warn({ err: error }, 'colleague call: an unanswered call was not marked missed'),
          ),
        ringFor,
      ).unref(),
    );
    presence.sendTo(callee.id, {
      type: 'incoming-call',
      callId: place.id,
      consultationId: consultation.id,
      fromName: displayNameOf(caller),
      expiresAt: now.getTime() + ringFor,
    });
    return { callId: place.id, consultationId: consultation.id };
  }

  /** The callee answers: their place is admitted and they join without a waiting room. */
  async accept(calleeId: string, callId: string): Promise<{ callId: string; consultationId: string }> {
    const { place } = await this.ringingFor(calleeId, callId, 'callee');
    const now = this.deps.clock.now();
    await this.deps.store.updateParticipant(place.id, { status: 'admitted', admittedAt: now });
    await this.deps.store.markStarted(place.consultationId, now);
    this.stopRinging(place.id);
    this.deps.counters?.ring('accepted');
    this.deps.counters?.callSetUp('colleague');
    await this.tell(place, 'accepted');
    return { callId: place.id, consultationId: place.consultationId };
  }

  async decline(calleeId: string, callId: string): Promise<void> {
    await this.ringingFor(calleeId, callId, 'callee');
    await this.finishRing(callId, 'declined');
  }

  /** The caller hangs up before an answer. */
  async cancel(callerId: string, callId: string): Promise<void> {
    await this.ringingFor(callerId, callId, 'caller');
    await this.finishRing(callId, 'cancelled');
  }

  close(): void {
    for (const timer of this.ringTimers.values()) clearTimeout(timer);
    this.ringTimers.clear();
  }

  /** A ring that ended unanswered: the place goes, and with it the consultation nobody joined. */
  private async finishRing(callId: string, outcome: Exclude<CallOutcome, 'accepted'>): Promise<void> {
    this.stopRinging(callId);
    const place = await this.deps.store.findParticipant(callId);
    if (!place || place.status !== 'invited') return;
    await this.deps.store.updateParticipant(place.id, { status: outcome === 'declined' ? 'declined' : 'removed' });
    this.deps.counters?.ring(outcome);
    // End before telling: whoever hears "ended" and acts on it must find the call gone, not half-ended.
    await this.deps.consultations.endNow(place.consultationId, 'host');
    await this.tell(place, outcome);
  }

  private async tell(place: ParticipantRow, outcome: CallOutcome): Promise<void> {
    const consultation = await this.deps.store.find(place.consultationId);
    const message = { type: 'call-ended' as const, callId: place.id, outcome };
    if (consultation) this.deps.presence.sendTo(consultation.hostAccountId, message);
    if (place.accountId) this.deps.presence.sendTo(place.accountId, message);
  }

  private stopRinging(callId: string): void {
    clearTimeout(this.ringTimers.get(callId));
    this.ringTimers.delete(callId);
  }

  /**
   * The ringing call as seen by one side. Someone else's call is not found; a call that was answered,
   * declined, cancelled or ran out is `call_not_ringing`.
   */
  private async ringingFor(actorId: string, callId: string, side: 'caller' | 'callee'): Promise<{ place: ParticipantRow }> {
    const place = await this.deps.store.findParticipant(callId);
    const consultation = place ? await this.deps.store.find(place.consultationId) : undefined;
    if (!place || !consultation || place.role !== 'member') throw callNotFound();
    const ownerId = side === 'callee' ? place.accountId : consultation.hostAccountId;
    if (ownerId !== actorId) throw callNotFound();
    const ringSince = place.createdAt.getTime();
    const stillRinging =
      place.status === 'invited' &&
      consultation.status === 'open' &&
      this.deps.clock.now().getTime() - ringSince < (this.deps.ringTimeoutMs ?? RING_TIMEOUT_MS);
    if (!stillRinging) throw new AppError('call_not_ringing', 'This call is no longer ringing.');
    return { place };
  }

  private async professional(accountId: string): Promise<AccountRow> {
    const actor = await this.deps.accounts.findById(accountId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    if (!colleagueRules.seesColleagues(actor)) {
      throw new AppError('forbidden', 'Colleague calls are for the professionals of an organisation.');
    }
    return actor;
  }
}
