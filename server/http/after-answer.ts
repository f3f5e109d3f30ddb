import type { FastifyBaseLogger } from 'fastify';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Work a request causes but its answer need not wait for (the new-browser mail after a login, issue
 * 17): queued, run one task at a time once the answer has gone out. It still runs on the main thread,
 * but no longer between a person and their answer, and a burst of logins does not start a burst of
 * mails at once. A failure is logged under what the task was (with the request's log, so its id
 * comes along) and never reaches the request, which was answered. The app waits for what is queued
 * before it closes, so nothing queued is lost at a shutdown.
 */
export class AfterAnswer {
  private last: Promise<void> = Promise.resolve();

  constructor(private readonly log: FastifyBaseLogger) {}

  queue(failure: string, task: () => Promise<void>, log: FastifyBaseLogger = this.log): void {
    this.last = this.last.then(async () => {
      // A turn of the event loop first: the answer is written before the task starts.
      await nextTurn();
      try {
        await task();
      } catch (error) {
        log.warn({ err: error }, failure);
      }
    });
  }

  /** Resolves once everything queued so far, and whatever that queued in turn, has run. */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.last;
      await seen;
    } while (seen !== this.last);
  }
}
