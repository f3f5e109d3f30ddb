import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import type { Clock } from '../clock';
import type { AdvisoryKey, Database } from '../db/database';
import type { RetentionCounters } from '../metrics/metrics';
import type { RetentionJob } from './jobs';
import { cutoffFor, periodText, retentionRules, scheduleOf, type JobRuleName } from './policy';
import { JOB_LOCK_NAMESPACE, type ReceiptRow, type ReceiptStore } from './receipts';

export interface SchedulerDeps {
  database: Database;
  receipts: ReceiptStore;
  clock: Clock;
  jobs: RetentionJob[];
  onError: (job: string, error: unknown) => void;
  /** Counts runs and deleted rows when metrics are on. */
  counters?: RetentionCounters;
}

/** A stable per-job key: every process derives the same one from the rule name. */
function jobLockKey(rule: JobRuleName): AdvisoryKey {
  return [JOB_LOCK_NAMESPACE, createHash('sha256').update(rule).digest().readInt32BE(0)];
}

/**
 * One cron entry per job, in-process. Several server processes may run it: each run takes the job's
 * advisory lock without waiting, so exactly one process runs a job at a time and the others skip.
 */
export class RetentionScheduler {
  private readonly crons: Cron[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private readonly jobs: Map<JobRuleName, RetentionJob>;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.jobs = new Map(deps.jobs.map((job) => [job.rule, job]));
    if (this.jobs.size !== deps.jobs.length) throw new Error('one job per retention rule');
  }

  /**
   * Schedules every job, then runs each once at once: cutoffs are computed from now, so whatever a
   * missed night left is deleted at start-up. Resolves when that catch-up run has finished.
   */
  start(): Promise<void> {
    for (const rule of this.jobs.keys()) {
      this.crons.push(new Cron(scheduleOf(rule), { timezone: 'UTC', protect: true, unref: true }, () => this.track(this.runJob(rule))));
    }
    return this.track(this.runAll());
  }

  /** Every job once, one after the other; a failing job does not keep the others from running. */
  async runAll(): Promise<void> {
    for (const rule of this.jobs.keys()) await this.runJob(rule).catch((error: unknown) => this.deps.onError(rule, error));
  }

  /** Runs one job and returns its receipt, or undefined when another holder ran it (or we are stopping). */
  async runJob(rule: JobRuleName): Promise<ReceiptRow | undefined> {
    const job = this.jobs.get(rule);
    if (!job) throw new Error(`no job for rule ${rule}`);
    if (this.stopped) return undefined;
    const outcome = await this.deps.database.tryWithLock(jobLockKey(rule), () => this.execute(job));
    return outcome.acquired ? outcome.value : undefined;
  }

  /** Stops the crons and waits for a job that is running, so the database can close after it. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const cron of this.crons) cron.stop();
    this.crons.length = 0;
    await Promise.allSettled([...this.running]);
  }

  private async execute(job: RetentionJob): Promise<ReceiptRow> {
    const { clock, receipts } = this.deps;
    const rule = retentionRules[job.rule];
    const startedAt = clock.now();
    const cutoff = cutoffFor(rule, startedAt);
    let rowsDeleted = 0;
    let outcome: ReceiptRow['outcome'] = 'completed';
    try {
      await job.run({ cutoff, now: startedAt, deleted: (rows) => (rowsDeleted += rows) });
    } catch (error) {
      outcome = 'failed';
      this.deps.onError(job.rule, error);
    }
    this.deps.counters?.retentionRun(job.rule, outcome, rowsDeleted);
    return receipts.append({
      job: job.rule,
      rule: rule.description,
      period: periodText(rule.after),
      cutoff,
      rowsDeleted,
      outcome,
      startedAt,
      finishedAt: clock.now(),
    });
  }

  private track(work: Promise<unknown>): Promise<void> {
    const settled = work.then(
      () => undefined,
      (error: unknown) => this.deps.onError('retention', error),
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
    return settled;
  }
}
