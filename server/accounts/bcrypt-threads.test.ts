import bcrypt from 'bcrypt';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { AppError } from '../http/errors';
import { MemoryAttemptCounter } from '../throttle/limiter';
import { Throttle } from '../throttle/throttle';
import { BcryptWorkers } from './bcrypt-threads';
import { HashingPool } from './hashing-pool';
import { PasswordHasher } from './passwords';

describe('bcrypt in worker threads of its own (issue 17: logins never hurt calls)', () => {
  const workers = new BcryptWorkers(2, 10);
  afterAll(() => workers.close());

  it('hashes and compares exactly as bcrypt on the thread pool does, both ways', async () => {
    const inWorker = await workers.hash('a password', 4);
    expect(inWorker).toMatch(/^\$2b\$04\$/);
    expect(await bcrypt.compare('a password', inWorker)).toBe(true);
    const onPool = await bcrypt.hash('another password', 4);
    const checks = await Promise.all([
      workers.compare('another password', onPool),
      workers.compare('another passworD', onPool),
      workers.compare('a password', inWorker),
      workers.compare('a password', onPool),
    ]);
    expect(checks).toEqual([true, false, true, false]);
  });

  it('fails a job with bcrypt’s own error, and the thread goes on with the next', async () => {
    await expect(workers.hash('a password', 'no cost' as unknown as number)).rejects.toThrow(/bcrypt: Invalid salt/);
    expect(await workers.compare('x', await workers.hash('x', 4))).toBe(true);
  });

  it('refuses work once closed', async () => {
    const closed = new BcryptWorkers(1, 0);
    await closed.close();
    await expect(closed.hash('a password', 4)).rejects.toThrow(/closed/);
  });
});

describe('the password hasher on worker threads keeps the bound (P-10)', () => {
  const throttle = new Throttle(new MemoryAttemptCounter(systemClock), Buffer.alloc(32, 1));
  let subject = 0;
  const attempt = () => throttle.reserve([{ limit: 'passwordChecksPerAccount', subject: `threads-test-${++subject}`, onSuccess: 'release' }]);

  it('runs one check, queues one, and answers 503 with Retry-After to the next', async () => {
    const hasher = new PasswordHasher(4, new HashingPool({ concurrency: 1, queueLength: 1, knownDeviceQueueLength: 0 }), new BcryptWorkers(1, 0));
    try {
      const hash = await hasher.hash('the right password');
      const [right, wrong, refused] = await Promise.allSettled([
        hasher.verify('the right password', hash, await attempt()),
        hasher.verify('a wrong password', hash, await attempt()),
        hasher.verify('the right password', hash, await attempt()),
      ]);
      expect(right).toEqual({ status: 'fulfilled', value: true });
      expect(wrong).toEqual({ status: 'fulfilled', value: false });
      expect(refused.status).toBe('rejected');
      const error = (refused as PromiseRejectedResult).reason as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('service_unavailable');
      expect(Number(error.headers?.['retry-after'])).toBeGreaterThanOrEqual(1);
    } finally {
      await hasher.close();
    }
  });
});
