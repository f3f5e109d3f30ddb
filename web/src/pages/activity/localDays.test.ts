import { afterEach, describe, expect, it, vi } from 'vitest';
import { activityQuery } from '../../../../common/api/consultations';
import { isLocalDay, localDayRange } from './localDays';

describe('activity range in the user’s local days', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('starts at local midnight, not at UTC midnight, and ends at the next local midnight', () => {
    vi.stubEnv('TZ', 'Europe/Berlin');
    expect(localDayRange('2026-03-12', '2026-03-13')).toEqual({ from: '2026-03-11T23:00:00.000Z', to: '2026-03-13T23:00:00.000Z' });
    vi.stubEnv('TZ', 'America/New_York');
    expect(localDayRange('2026-03-12', '2026-03-12')).toEqual({ from: '2026-03-12T04:00:00.000Z', to: '2026-03-13T04:00:00.000Z' });
  });

  it('follows the clock change: the day the clocks go forward has 23 hours, the day they go back 25', () => {
    vi.stubEnv('TZ', 'Europe/Berlin');
    const spring = localDayRange('2026-03-29', '2026-03-29');
    expect(spring).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    const autumn = localDayRange('2026-10-25', '2026-10-25');
    expect(Date.parse(autumn.to ?? '') - Date.parse(autumn.from ?? '')).toBe(25 * 3_600_000);
  });

  it('leaves out an empty or impossible end and passes the server’s schema', () => {
    vi.stubEnv('TZ', 'Asia/Kolkata');
    expect(localDayRange('', '2026-01-31')).toEqual({ to: '2026-01-31T18:30:00.000Z' });
    expect(localDayRange('2026-02-31', '')).toEqual({});
    expect(localDayRange('12.03.2026', 'yesterday')).toEqual({});
    expect(activityQuery.safeParse(localDayRange('2026-03-01', '2026-03-31')).success).toBe(true);
    expect(isLocalDay('2026-02-29')).toBe(false);
    expect(isLocalDay('2028-02-29')).toBe(true);
  });
});
