import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Clock } from '../clock';
import type { ConsultationService } from '../consultations/service';
import type { ConsultationStore } from '../consultations/store';
import type { Db } from '../db/database';
import type { SessionService } from '../sessions/service';
import { consultations } from '../db/schema';
import { cutoffFor, retentionRules } from './policy';

/** Rows per statement: a large backlog is deleted in many short transactions, never one long lock. */
const BATCH_SIZE = 500;

export interface RetentionJob {
  name: keyof typeof retentionRules;
  /** Deletes what the rule says is due; returns how many rows went. Idempotent. */
  run(): Promise<number>;
}

/** Login data lives only as long as the session (P-18); the timeouts themselves are session policy. */
export function loginSessionJob(sessions: SessionService): RetentionJob {
  return { name: 'loginSessions', run: () => sessions.purgeExpired() };
}

/** Call metadata (activity entries) older than 3 months after the end (P-15, Anlage 31b). */
export function callMetadataJob(db: Db, clock: Clock): RetentionJob {
  return {
    name: 'callMetadata',
    async run() {
      const cutoff = cutoffFor(retentionRules.callMetadata, clock.now());
      let total = 0;
      for (;;) {
        const due = await db
          .select({ id: consultations.id })
          .from(consultations)
          .where(and(eq(consultations.status, 'ended'), lt(consultations.endedAt, cutoff)))
          .limit(BATCH_SIZE);
        if (due.length === 0) return total;
        await db.delete(consultations).where(inArray(consultations.id, due.map((row) => row.id)));
        total += due.length;
      }
    },
  };
}

/**
 * Consultations nobody ended: once the window has been closed for a while they are ended like by
 * the host, which deletes the guests' contact data (P-09) and leaves the activity entry.
 */
export function abandonedConsultationJob(store: ConsultationStore, service: ConsultationService, clock: Clock): RetentionJob {
  return {
    name: 'abandonedConsultation',
    async run() {
      const cutoff = cutoffFor(retentionRules.abandonedConsultation, clock.now());
      let total = 0;
      for (;;) {
        const due = await store.openEndedBefore(cutoff, BATCH_SIZE);
        if (due.length === 0) return total;
        for (const consultation of due) await service.endNow(consultation.id, 'expired');
        total += due.length;
      }
    },
  };
}

/** Runs every job now and then periodically, so that downtime is caught up at the next start. */
export class RetentionScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly jobs: RetentionJob[],
    private readonly onError: (job: string, error: unknown) => void,
    private readonly intervalMs = 60 * 60 * 1000,
  ) {}

  start(): void {
    void this.runAll();
    this.timer = setInterval(() => void this.runAll(), this.intervalMs);
    this.timer.unref();
  }

  async runAll(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      for (const job of this.jobs) {
        try {
          await job.run();
        } catch (error) {
          this.onError(job.name, error);
        }
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
