import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import bcrypt from 'bcrypt';

/** Where bcrypt's work runs: the only two operations the password hasher needs. */
export interface BcryptRunner {
  hash(data: string, cost: number): Promise<string>;
  compare(data: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
}

/** bcrypt's own asynchronous functions: the work runs on libuv's thread pool. */
export const libuvBcrypt: BcryptRunner = {
  hash: (data, cost) => bcrypt.hash(data, cost),
  compare: (data, hash) => bcrypt.compare(data, hash),
  close: async () => undefined,
};

/**
 * The worker's code, evaluated rather than loaded from a file so that it runs the same under tsx,
 * vitest and the bundled server. bcrypt's synchronous functions block this thread only. On Linux the
 * nice value is a per-thread attribute: the thread lowers its own (by its thread id), so the
 * scheduler lets the event loop run first whenever both want a core.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readlinkSync } = require('node:fs');
const { setPriority } = require('node:os');
const bcrypt = require(workerData.bcryptPath);
if (workerData.nice > 0 && process.platform === 'linux') {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(threadId, workerData.nice);
}
parentPort.on('message', ({ id, operation, data, argument }) => {
  try {
    const result = operation === 'hash' ? bcrypt.hashSync(data, argument) : bcrypt.compareSync(data, argument);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
`;

interface Job {
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  jobs: Map<number, Job>;
}

type Answer = { id: number; result: string | boolean } | { id: number; error: string };

/**
 * bcrypt in worker threads of its own, so that hashing never holds one of libuv's pool threads,
 * which the event loop needs for file reads, DNS and asynchronous crypto, and (on Linux) at a lower
 * scheduling priority than the event loop. How many jobs run at once is the HashingPool's bound;
 * this class spreads them over its threads. Created at app build, closed with the app.
 */
export class BcryptWorkers implements BcryptRunner {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private closing = false;

  constructor(
    count: number,
    private readonly nice: number,
  ) {
    if (count < 1) throw new Error('BcryptWorkers needs at least one thread');
    for (let index = 0; index < count; index += 1) this.threads.push(this.start());
  }

  hash(data: string, cost: number): Promise<string> {
    return this.run('hash', data, cost) as Promise<string>;
  }

  compare(data: string, hash: string): Promise<boolean> {
    return this.run('compare', data, hash) as Promise<boolean>;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.threads.map((thread) => thread.worker.terminate()));
  }

  private start(): Thread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { bcryptPath: createRequire(import.meta.url).resolve('bcrypt'), nice: this.nice },
    });
    const thread: Thread = { worker, jobs: new Map() };
    worker.on('message', (answer: Answer) => {
      const job = thread.jobs.get(answer.id);
      thread.jobs.delete(answer.id);
      if ('error' in answer) job?.reject(new Error(`bcrypt: ${answer.error}`));
      else job?.resolve(answer.result);
    });
    // A thread that died takes its jobs with it: they fail with its error, and a new thread takes its place.
    const failAll = (error: Error) => {
      for (const job of thread.jobs.values()) job.reject(error);
      thread.jobs.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      failAll(new Error(`bcrypt worker stopped (exit code ${code})`));
      if (this.closing) return;
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads[index] = this.start();
    });
    return thread;
  }

  private run(operation: 'hash' | 'compare', data: string, argument: string | number): Promise<string | boolean> {
    if (this.closing) return Promise.reject(new Error('bcrypt workers are closed'));
    // The least busy thread; with the pool's bound at the thread count, an idle one.
    const thread = this.threads.reduce((best, candidate) => (candidate.jobs.size < best.jobs.size ? candidate : best));
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      thread.jobs.set(id, { resolve, reject });
      thread.worker.postMessage({ id, operation, data, argument });
    });
  }
}

/** The runner the configuration asks for: as many worker threads as bcrypt jobs may run at once. */
export function bcryptRunner(config: { hashing: { concurrency: number }; bcryptThreads: { kind: 'libuv' | 'worker'; nice: number } }): BcryptRunner {
  return config.bcryptThreads.kind === 'worker' ? new BcryptWorkers(config.hashing.concurrency, config.bcryptThreads.nice) : libuvBcrypt;
}
