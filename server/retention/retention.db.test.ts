import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultations, invitations } from '../db/schema';
import { ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { hostWithConsultation } from '../test-support/consultations';
import { ConsultationStore } from '../consultations/store';
import { abandonedConsultationJob, callMetadataJob } from './jobs';
import { cutoffFor, retentionRules } from './policy';

const SECOND = 1000;

describe('retention jobs', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock('2026-01-15T12:00:00Z');

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  const statusOf = async (id: string) =>
    (await testApp.database.db.select({ status: consultations.status }).from(consultations).where(eq(consultations.id, id)))[0]?.status;

  it('deletes call metadata 3 months after the end, not a second earlier (P-15)', async () => {
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Meta Data']);
    await host.client.post(`/api/consultations/${consultation.id}/end`);
    const endedAt = clock.now();
    const job = callMetadataJob(testApp.database.db, clock);
    const deadline = new Date(endedAt);
    deadline.setUTCMonth(deadline.getUTCMonth() + 3);
    clock.advance(deadline.getTime() - endedAt.getTime() - SECOND);
    expect(await job.run()).toBe(0);
    expect(await statusOf(consultation.id)).toBe('ended');
    clock.advance(2 * SECOND);
    expect(await job.run()).toBe(1);
    expect(await statusOf(consultation.id)).toBeUndefined();
    expect(await job.run()).toBe(0);
  });

  it('ends a consultation nobody ended 12 hours after its window and deletes the guests’ data (P-09)', async () => {
    const { consultation } = await hostWithConsultation(testApp, mailer, ['Forgotten Guest'], { windowMinutes: 60 });
    const job = abandonedConsultationJob(new ConsultationStore(testApp.database.db), testApp.app.consultations, clock);
    const [row] = await testApp.database.db.select().from(consultations).where(eq(consultations.id, consultation.id));
    const windowEnd = row!.validUntil;
    clock.advance(windowEnd.getTime() + 12 * 3600 * SECOND - clock.now().getTime() - SECOND);
    expect(await job.run()).toBe(0);
    expect(await statusOf(consultation.id)).toBe('open');
    clock.advance(2 * SECOND);
    expect(await job.run()).toBe(1);
    expect(await statusOf(consultation.id)).toBe('ended');
    expect(await testApp.database.db.select().from(invitations).where(eq(invitations.consultationId, consultation.id))).toEqual([]);
  });

  it('computes cutoffs from the rules, so a changed rule changes every job', () => {
    expect(cutoffFor(retentionRules.callMetadata, new Date('2026-05-31T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(cutoffFor(retentionRules.callMetadata, new Date('2026-04-15T08:00:00Z')).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(cutoffFor(retentionRules.abandonedConsultation, new Date('2026-05-31T12:00:00Z')).toISOString()).toBe('2026-05-31T00:00:00.000Z');
  });
});
