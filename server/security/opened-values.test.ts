import { describe, expect, it } from 'vitest';
import { OpenedValues } from './opened-values';

describe('plaintexts of recent openings (issue 17)', () => {
  it('opens a value once while it is kept, again after its time', () => {
    let now = 0;
    const opened = new OpenedValues({ entries: 10, ttlMs: 1_000, now: () => now });
    let openings = 0;
    const open = () => {
      openings += 1;
      return 'Erika';
    };
    expect(opened.get('accounts.first_name', 'v1.sealed', open)).toBe('Erika');
    now = 999;
    expect(opened.get('accounts.first_name', 'v1.sealed', open)).toBe('Erika');
    expect(openings).toBe(1);
    // A read does not extend an entry's time: it ends 1 s after the opening.
    now = 1_000;
    expect(opened.get('accounts.first_name', 'v1.sealed', open)).toBe('Erika');
    expect(openings).toBe(2);
  });

  it('keys by column and sealed text together', () => {
    const opened = new OpenedValues({ entries: 10, ttlMs: 1_000 });
    opened.sealed('accounts.first_name', 'v1.sealed', 'Erika');
    expect(opened.get('accounts.first_name', 'v1.sealed', () => 'not opened')).toBe('Erika');
    expect(() =>
      opened.get('accounts.last_name', 'v1.sealed', () => {
        throw new Error('failed authentication');
      }),
    ).toThrow(/failed authentication/);
  });

  it('keeps nothing that failed to open', () => {
    const opened = new OpenedValues({ entries: 10, ttlMs: 1_000 });
    const failing = () => {
      throw new Error('failed authentication');
    };
    expect(() => opened.get('accounts.email', 'v1.altered', failing)).toThrow();
    expect(opened.size).toBe(0);
    expect(() => opened.get('accounts.email', 'v1.altered', failing)).toThrow();
  });

  it('holds at most its number of entries, dropping the oldest', () => {
    const opened = new OpenedValues({ entries: 3, ttlMs: 60_000 });
    for (const name of ['a', 'b', 'c', 'd']) opened.sealed('accounts.first_name', `v1.${name}`, name);
    expect(opened.size).toBe(3);
    expect(opened.get('accounts.first_name', 'v1.a', () => 'opened again')).toBe('opened again');
    expect(opened.get('accounts.first_name', 'v1.d', () => 'opened again')).toBe('d');
  });

  it('keeps nothing when told to keep no entries', () => {
    const opened = new OpenedValues({ entries: 0, ttlMs: 60_000 });
    opened.sealed('accounts.first_name', 'v1.a', 'a');
    expect(opened.size).toBe(0);
  });
});
