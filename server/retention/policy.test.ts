import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { cutoffFor, periodText, retentionRules, type RetentionRule } from './policy';

describe('retention policy', () => {
  it('computes cutoffs from the rules, so a changed rule changes every job', () => {
    expect(cutoffFor(retentionRules.callMetadata, new Date('2026-05-31T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(cutoffFor(retentionRules.callMetadata, new Date('2026-04-15T08:00:00Z')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(cutoffFor(retentionRules.abandonedConsultation, new Date('2026-05-31T12:00:00Z')).toISOString()).toBe('2026-05-31T00:00:00.000Z');
    expect(cutoffFor(retentionRules.unconfirmedRegistrations, new Date('2026-03-08T12:00:00Z')).toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(cutoffFor(retentionRules.deletionReceipts, new Date('2036-02-29T12:00:00Z')).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });

  it('names periods as ISO 8601 durations for the receipts', () => {
    expect(periodText(retentionRules.callMetadata.after)).toBe('P3M');
    expect(periodText(retentionRules.abandonedConsultation.after)).toBe('PT12H');
    expect(periodText(retentionRules.unconfirmedRegistrations.after)).toBe('P7D');
    expect(periodText(retentionRules.appointments.after)).toBe('P10Y');
  });

  it('gives every job a valid schedule, and the 3-month rule runs at least daily (Anlage 31b)', () => {
    const rules: [string, RetentionRule][] = Object.entries(retentionRules);
    for (const [name, rule] of rules) {
      if (rule.enforcement.kind !== 'job') {
        expect(rule.enforcement.how, name).not.toBe('');
        continue;
      }
      const cron = new Cron(rule.enforcement.schedule, { timezone: 'UTC', paused: true });
      expect(cron.nextRun(), name).toBeInstanceOf(Date);
      cron.stop();
    }
    const daily = new Cron(retentionRules.callMetadata.enforcement.schedule, { timezone: 'UTC', paused: true });
    const [first, second] = daily.nextRuns(2, new Date('2026-01-01T00:00:00Z'));
    expect(second!.getTime() - first!.getTime()).toBeLessThanOrEqual(24 * 60 * 60 * 1000);
    daily.stop();
  });
});
