import type { AppointmentStore } from '../appointments/store';
import type { BillingStore } from '../billing/store';
import type { ChallengeStore } from '../passkeys/challenges';
import type { ConsultationService } from '../consultations/service';
import type { ConsultationStore } from '../consultations/store';
import type { KnownBrowserStore } from '../sessions/known-browser-store';
import type { SessionService } from '../sessions/service';
import type { SupportStore } from '../support/store';
import type { JobRuleName } from './policy';
import type { ReceiptStore } from './receipts';
import type { RetentionStore } from './store';

/** Rows per statement: a large backlog is deleted in many short transactions, never one long lock. */
const BATCH_SIZE = 500;

interface JobRun {
  /** Computed by the scheduler from the rule and `now`; recorded in the receipt. */
  cutoff: Date;
  now: Date;
  /** Called after every batch, so a run that fails half-way still reports what it deleted. */
  deleted(rows: number): void;
}

export interface RetentionJob {
  /** The rule it enforces; one job per rule. */
  rule: JobRuleName;
  /** Deletes what the rule says is due. Idempotent: a second run right after deletes nothing. */
  run(run: JobRun): Promise<void>;
}

/** Repeats a batch until it comes back short. */
async function inBatches(run: JobRun, batch: () => Promise<number>): Promise<void> {
  for (;;) {
    const rows = await batch();
    if (rows > 0) run.deleted(rows);
    if (rows < BATCH_SIZE) return;
  }
}

/**
 * Login data lives only as long as the session (P-18); the timeouts themselves are session policy.
 * Customers' and operator staff's sessions alike.
 */
export function loginSessionJob(...kinds: SessionService[]): RetentionJob {
  return {
    rule: 'loginSessions',
    async run(run) {
      for (const sessions of kinds) await inBatches(run, () => sessions.purgeExpired(run.cutoff, BATCH_SIZE));
    },
  };
}

/** Contact requests 2 years after they were closed, with the answers sent (P-02, P-20). */
export function contactRequestJob(store: SupportStore): RetentionJob {
  return { rule: 'contactRequests', run: (run) => inBatches(run, () => store.deleteClosedBefore(run.cutoff, BATCH_SIZE)) };
}

/** Call metadata (activity entries) 3 months after the end (P-15, Anlage 31b). */
export function callMetadataJob(store: RetentionStore): RetentionJob {
  return { rule: 'callMetadata', run: (run) => inBatches(run, () => store.deleteEndedConsultations(run.cutoff, BATCH_SIZE)) };
}

/**
 * Consultations nobody ended: once the window has been closed for a while they are ended like by
 * the host, which deletes the guests' contact data (P-09) and leaves the activity entry. Counts
 * consultations ended.
 */
export function abandonedConsultationJob(store: ConsultationStore, service: ConsultationService): RetentionJob {
  return {
    rule: 'abandonedConsultation',
    run: (run) =>
      inBatches(run, async () => {
        const due = await store.openEndedBefore(run.cutoff, BATCH_SIZE);
        for (const consultation of due) await service.endNow(consultation.id, 'expired');
        return due.length;
      }),
  };
}

/** Registrations and invitations never confirmed (P-19: no contract came about); counts accounts and organisations. */
export function unconfirmedRegistrationJob(store: RetentionStore): RetentionJob {
  return {
    rule: 'unconfirmedRegistrations',
    async run(run) {
      await inBatches(run, () => store.deleteUnconfirmedAccounts(run.cutoff, run.now, BATCH_SIZE));
      await inBatches(run, () => store.deleteUnconfirmedOrganizations(run.cutoff, BATCH_SIZE));
    },
  };
}

export function emailLinkJob(store: RetentionStore): RetentionJob {
  return { rule: 'emailLinks', run: (run) => inBatches(run, () => store.deleteSpentEmailTokens(run.cutoff, BATCH_SIZE)) };
}

/** Passkey challenges never answered, once expired (answered ones are deleted as they are used). */
export function passkeyChallengeJob(challenges: ChallengeStore): RetentionJob {
  return { rule: 'passkeyChallenges', run: (run) => inBatches(run, () => challenges.deleteExpired(run.cutoff, BATCH_SIZE)) };
}

/** Browsers in which an account has not signed in for the rule's period. */
export function knownBrowserJob(store: KnownBrowserStore): RetentionJob {
  return { rule: 'knownBrowsers', run: (run) => inBatches(run, () => store.deleteUnusedSince(run.cutoff, BATCH_SIZE)) };
}

/** Receipts themselves, oldest first so the chain stays whole from its new start. */
export function receiptJob(receipts: ReceiptStore): RetentionJob {
  return { rule: 'deletionReceipts', run: (run) => inBatches(run, () => receipts.deleteOldest(run.cutoff, BATCH_SIZE)) };
}

/** P-17: appointment records (time, professional, type, patient name, status) 10 years after the appointment. */
export function appointmentJob(store: AppointmentStore): RetentionJob {
  return { rule: 'appointments', run: (run) => inBatches(run, () => store.deleteEndedBefore(run.cutoff, BATCH_SIZE)) };
}

/**
 * P-09: the patient's e-mail and phone once the appointment is over (they served the messages); the
 * record stays under its 10-year rule. Counts appointments whose contact data went.
 */
export function appointmentContactJob(store: AppointmentStore): RetentionJob {
  return { rule: 'appointmentContacts', run: (run) => inBatches(run, () => store.eraseContactsEndedBefore(run.cutoff, run.now, BATCH_SIZE)) };
}

/** Online bookings never confirmed, a day after their hold lapsed: no appointment came about. */
export function lapsedHoldJob(store: AppointmentStore): RetentionJob {
  return { rule: 'lapsedHolds', run: (run) => inBatches(run, () => store.deleteLapsedHoldsBefore(run.cutoff, BATCH_SIZE)) };
}

/**
 * § 147 Abs. 3, 4 AO, § 14b Abs. 1 UStG: invoice references 8 years after the end of the calendar year
 * of the invoice, so a reference goes only once its whole year lies before the cutoff.
 */
export function invoiceJob(store: BillingStore): RetentionJob {
  return {
    rule: 'invoices',
    run: (run) => inBatches(run, () => store.deleteInvoicesIssuedBefore(new Date(Date.UTC(run.cutoff.getUTCFullYear(), 0, 1)), BATCH_SIZE)),
  };
}

/** Handled Stripe event ids, once Stripe can no longer retry them. */
export function billingEventJob(store: BillingStore): RetentionJob {
  return { rule: 'billingEvents', run: (run) => inBatches(run, () => store.deleteEventsBefore(run.cutoff, BATCH_SIZE)) };
}
