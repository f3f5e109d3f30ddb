import { describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { MemoryAttemptCounter } from '../throttle/limiter';
import { Throttle } from '../throttle/throttle';
import { isCommonPassword, PasswordHasher } from './passwords';

describe('password hashing (P-10)', () => {
  const hasher = new PasswordHasher(4);
  const throttle = new Throttle(new MemoryAttemptCounter(systemClock), Buffer.alloc(32, 1));
  let subject = 0;
  const attempt = () => throttle.reserve([{ limit: 'passwordChecksPerAccount', subject: `hasher-test-${++subject}`, onSuccess: 'release' }]);

  it('distinguishes passwords that differ only after byte 72, where plain bcrypt stops reading', async () => {
    const common = 'ä'.repeat(40); // 80 bytes in UTF-8, 40 characters
    const hash = await hasher.hash(`${common}first`);
    expect(await hasher.verify(`${common}first`, hash, await attempt())).toBe(true);
    expect(await hasher.verify(`${common}other`, hash, await attempt())).toBe(false);
  });

  it('uses the configured bcrypt cost', async () => {
    expect(await new PasswordHasher(12).hash('a long enough password')).toMatch(/^\$2[aby]\$12\$/);
  });

  it('treats a missing account like a wrong password', async () => {
    expect(await hasher.verify('anything at all', undefined, await attempt())).toBe(false);
  });

  it('treats the two Unicode forms of one character as the same password', async () => {
    const hash = await hasher.hash('Müller-Lüdenscheidt');
    expect(await hasher.verify('Mu\u0308ller-Lu\u0308denscheidt', hash, await attempt())).toBe(true);
  });

  it('checks a password only once per reserved attempt', async () => {
    const hash = await hasher.hash('one attempt, one check');
    const reserved = await attempt();
    expect(await hasher.verify('wrong guess number one', hash, reserved)).toBe(false);
    await expect(hasher.verify('wrong guess number two', hash, reserved)).rejects.toThrow(/already checked/);
  });
});

describe('common passwords', () => {
  it.each(['password123', 'Passwort123', '1234567890', 'qwertyuiop', 'aaaaaaaaaaaa', 'sprechzimmer'])('refuses %s', async (password) => {
    expect(await isCommonPassword(password)).toBe(true);
  });

  it.each(['correct horse battery staple', 'Tannenbaum im Juli 7', 'xk3-vm9-qq2'])('accepts %s', async (password) => {
    expect(await isCommonPassword(password)).toBe(false);
  });
});
