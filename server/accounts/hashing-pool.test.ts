import { describe, expect, it } from 'vitest';
import { HashingPool, PoolFull } from './hashing-pool';

/** A job the test finishes by hand, so the pool's state is known at every step. */
function controlledJob(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    job: () => {
      log.push(`start ${name}`);
      return done;
    },
    finish: () => finish(name),
    fail: (error: Error) => fail(error),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('bounded hashing pool (P-10, a login flood must not queue without end)', () => {
  it('runs at most `concurrency` jobs, queues up to `queueLength`, refuses the rest at once with a wait', async () => {
    const log: string[] = [];
    const pool = new HashingPool({ concurrency: 2, queueLength: 2, knownDeviceQueueLength: 1 });
    const jobs = ['a', 'b', 'c', 'd'].map((name) => controlledJob(log, name));
    const results = jobs.map((job) => pool.run(job.job));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    const refused = await pool.run(controlledJob(log, 'e').job).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PoolFull);
    expect((refused as PoolFull).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(log).not.toContain('start e');

    jobs[0]!.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    jobs[1]!.finish();
    jobs[2]!.finish();
    jobs[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(pool.jobsStarted).toBe(4);
  });

  it('frees the place of a job that failed, and takes new work once drained', async () => {
    const log: string[] = [];
    const pool = new HashingPool({ concurrency: 1, queueLength: 0, knownDeviceQueueLength: 0 });
    const failing = controlledJob(log, 'fails');
    const first = pool.run(failing.job);
    await expect(pool.run(controlledJob(log, 'refused').job)).rejects.toBeInstanceOf(PoolFull);
    failing.fail(new Error('bcrypt failed'));
    await expect(first).rejects.toThrow('bcrypt failed');
    const next = controlledJob(log, 'next');
    const result = pool.run(next.job);
    next.finish();
    expect(await result).toBe('next');
    expect(log).toEqual(['start fails', 'start next']);
  });

  it('starts waiting jobs in the order they came', async () => {
    const log: string[] = [];
    const pool = new HashingPool({ concurrency: 1, queueLength: 3, knownDeviceQueueLength: 0 });
    const jobs = ['1', '2', '3', '4'].map((name) => controlledJob(log, name));
    const results = jobs.map((job) => pool.run(job.job));
    for (const job of jobs) {
      job.finish();
      await settle();
    }
    await Promise.all(results);
    expect(log).toEqual(['start 1', 'start 2', 'start 3', 'start 4']);
  });
});

describe('the known-device lane (issue #16: a flood must not lock out people the server knows)', () => {
  /** One worker busy and the shared queue full, as during a flood. */
  async function floodedPool(log: string[]) {
    const pool = new HashingPool({ concurrency: 1, queueLength: 2, knownDeviceQueueLength: 2 });
    const flood = ['flood 1', 'flood 2', 'flood 3'].map((name) => controlledJob(log, name));
    const results = flood.map((job) => pool.run(job.job));
    await settle();
    await expect(pool.run(controlledJob(log, 'flood 4').job)).rejects.toBeInstanceOf(PoolFull);
    expect(() => pool.ensureRoom()).toThrow(PoolFull);
    return { pool, flood, results };
  }

  it('queues a known device while the shared queue is full, and starts it before the waiting flood', async () => {
    const log: string[] = [];
    const { pool, flood, results } = await floodedPool(log);
    expect(() => pool.ensureRoom('knownDevice')).not.toThrow();
    const person = controlledJob(log, 'person');
    const login = pool.run(person.job, 'knownDevice');
    await settle();
    expect(log).toEqual(['start flood 1']);

    flood[0]!.finish();
    await settle();
    expect(log).toEqual(['start flood 1', 'start person']);
    person.finish();
    expect(await login).toBe('person');
    await settle();
    expect(log).toEqual(['start flood 1', 'start person', 'start flood 2']);
    flood[1]!.finish();
    flood[2]!.finish();
    await Promise.all(results);
  });

  it('bounds the lane by its own queue, and known devices never take a place in the shared one', async () => {
    const log: string[] = [];
    const { pool, flood, results } = await floodedPool(log);
    const people = ['person 1', 'person 2'].map((name) => controlledJob(log, name));
    const logins = people.map((person) => pool.run(person.job, 'knownDevice'));
    await settle();
    expect(() => pool.ensureRoom('knownDevice')).toThrow(PoolFull);
    const refused = await pool.run(controlledJob(log, 'person 3').job, 'knownDevice').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PoolFull);
    expect((refused as PoolFull).retryAfterSeconds).toBeGreaterThanOrEqual(1);

    // Both people first, then the shared queue in its order: each lane kept its own places.
    flood[0]!.finish();
    await settle();
    people[0]!.finish();
    await settle();
    people[1]!.finish();
    await settle();
    flood[1]!.finish();
    await settle();
    flood[2]!.finish();
    await Promise.all([...results, ...logins]);
    expect(log).toEqual(['start flood 1', 'start person 1', 'start person 2', 'start flood 2', 'start flood 3']);
    expect(pool.jobsStarted).toBe(5);
  });

  it('runs a known device at once when a worker is free, as any job', async () => {
    const log: string[] = [];
    const pool = new HashingPool({ concurrency: 2, queueLength: 0, knownDeviceQueueLength: 0 });
    const person = controlledJob(log, 'person');
    const login = pool.run(person.job, 'knownDevice');
    const other = controlledJob(log, 'other');
    const anonymous = pool.run(other.job);
    await settle();
    expect(log).toEqual(['start person', 'start other']);
    await expect(pool.run(controlledJob(log, 'third').job, 'knownDevice')).rejects.toBeInstanceOf(PoolFull);
    person.finish();
    other.finish();
    expect(await Promise.all([login, anonymous])).toEqual(['person', 'other']);
  });
});
