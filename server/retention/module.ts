import type { Identity } from '../accounts/module';
import type { buildAppointments } from '../appointments/module';
import type { BillingStore } from '../billing/store';
import type { Calls } from '../consultations/module';
import type { AppCore } from '../http/core';
import type { buildOperatorArea } from '../operators/module';
import type { buildSignIn } from '../second-factor/module';
import {
  abandonedConsultationJob,
  appointmentContactJob,
  appointmentJob,
  billingEventJob,
  callMetadataJob,
  contactRequestJob,
  emailLinkJob,
  invoiceJob,
  knownBrowserJob,
  lapsedHoldJob,
  loginSessionJob,
  passkeyChallengeJob,
  receiptJob,
  unconfirmedRegistrationJob,
} from './jobs';
import { RetentionScheduler } from './scheduler';
import { RetentionStore } from './store';

/** What the retention jobs delete from: every feature that keeps data with a deadline. */
interface RetentionSources {
  identity: Identity;
  calls: Calls;
  signIn: ReturnType<typeof buildSignIn>;
  operatorArea: ReturnType<typeof buildOperatorArea>;
  appointments: ReturnType<typeof buildAppointments>;
  billingStore: BillingStore;
}

/**
 * The retention scheduler (P-23) with one job per retention rule of the data inventory; each run
 * leaves a hash-chained receipt in the operator area. A new stored dataset with a deadline adds its
 * job here.
 */
export function buildRetention(core: AppCore, sources: RetentionSources): RetentionScheduler {
  const { database, clock, http, metrics } = core;
  const { identity, calls, signIn, operatorArea, appointments, billingStore } = sources;
  const store = new RetentionStore(database.db);
  return new RetentionScheduler({
    database,
    receipts: operatorArea.receiptStore,
    clock,
    jobs: [
      loginSessionJob(identity.sessions, operatorArea.operatorSessions),
      abandonedConsultationJob(calls.consultationStore, calls.consultations),
      callMetadataJob(store),
      unconfirmedRegistrationJob(store),
      emailLinkJob(store),
      contactRequestJob(operatorArea.supportStore),
      receiptJob(operatorArea.receiptStore),
      appointmentJob(appointments.store),
      appointmentContactJob(appointments.store),
      lapsedHoldJob(appointments.store),
      passkeyChallengeJob(signIn.passkeyChallenges),
      knownBrowserJob(identity.knownBrowserStore),
      invoiceJob(billingStore),
      billingEventJob(billingStore),
    ],
    onError: (job, error) => http.log.error({ err: error, job }, 'retention job failed'),
    ...(metrics ? { counters: metrics } : {}),
  });
}
