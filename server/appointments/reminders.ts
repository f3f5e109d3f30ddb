import { createHash } from 'node:crypto';
import { Cron } from 'croner';
import type { Clock } from '../clock';
import type { AdvisoryKey, Database } from '../db/database';
import { REMINDER_SCHEDULE, reminderBeforeMinutes, reminderKinds, usefulUntilMinutesBefore } from './policy';
import type { AppointmentService } from './service';
import type { AppointmentStore } from './store';

export interface ReminderDeps {
  database: Database;
  store: AppointmentStore;
  appointments: AppointmentService;
  clock: Clock;
  onError: (error: unknown) => void;
}

export interface ReminderRun {
  sent: number;
  /** Missed while no server ran and no longer useful (counted, never sent late). */
  dropped: number;
  /** Booked inside the reminder's window: the confirmation has just gone out. */
  skipped: number;
}

const BATCH = 200;
const MINUTE = 60_000;
/** Its own namespace, apart from the retention jobs' (server/retention/receipts.ts). */
const REMINDER_LOCK: AdvisoryKey = [0x5a_5a_03, createHash('sha256').update('appointment-reminders').digest().readInt32BE(0)];

/**
 * Sends the reminders the practice chose (by default a day and an hour before) for each firm
 * appointment (issue 10). Every server process
 * runs it each minute; the advisory lock lets one process at a time work, and each reminder is claimed
 * in the database before it is sent, so it goes out once even across processes and restarts. At
 * start-up a run catches up with what was missed while no server ran.
 */
export class ReminderScheduler {
  private cron: Cron | undefined;
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly deps: ReminderDeps) {}

  start(): void {
    this.cron = new Cron(REMINDER_SCHEDULE, { timezone: 'UTC', protect: true, unref: true }, () => this.track(this.runOnce()));
    this.track(this.runOnce());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cron?.stop();
    await Promise.allSettled([...this.running]);
  }

  /** One pass; undefined when another process holds the lock (it is doing this pass). */
  async runOnce(): Promise<ReminderRun | undefined> {
    if (this.stopped) return undefined;
    const outcome = await this.deps.database.tryWithLock(REMINDER_LOCK, () => this.pass());
    return outcome.acquired ? outcome.value : undefined;
  }

  private async pass(): Promise<ReminderRun> {
    const run: ReminderRun = { sent: 0, dropped: 0, skipped: 0 };
    const now = this.deps.clock.now();
    for (const kind of reminderKinds) {
      const beforeMinutes = reminderBeforeMinutes[kind];
      for (const { appointment, chosen, changedAt } of await this.deps.store.dueReminders(kind, beforeMinutes, now, BATCH)) {
        const windowOpened = appointment.startsAt.getTime() - beforeMinutes * MINUTE;
        const usefulUntil = appointment.startsAt.getTime() - usefulUntilMinutesBefore(kind, chosen) * MINUTE;
        // A change of the practice's choice applies to reminders still ahead, never to one already due.
        const settledAt = Math.max((appointment.confirmedAt ?? appointment.createdAt).getTime(), changedAt?.getTime() ?? 0);
        if (settledAt > windowOpened) {
          if (await this.deps.appointments.dropReminder(appointment, kind)) run.skipped += 1;
        } else if (now.getTime() >= usefulUntil) {
          if (await this.deps.appointments.dropReminder(appointment, kind)) run.dropped += 1;
        } else {
          try {
            if (await this.deps.appointments.sendReminder(appointment, kind)) run.sent += 1;
          } catch (error) {
            // Claimed but not delivered: reported, never retried (a retry could send it twice).
            this.deps.onError(error);
          }
        }
      }
    }
    return run;
  }

  private track(task: Promise<unknown>): void {
    const tracked = task.catch((error: unknown) => this.deps.onError(error)).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }
}
