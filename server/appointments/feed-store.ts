import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { appointments, calendarFeeds } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import type { AppointmentRow } from './store';

export type CalendarFeedRow = typeof calendarFeeds.$inferSelect;

/** Appointments a feed shows: the firm ones, including those the patient missed. */
const FEED_STATUSES = ['booked', 'no_show'] as const;

/** The only place with calendar-feed SQL (issue 10). */
export class CalendarFeedStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async of(professionalAccountId: string): Promise<CalendarFeedRow | undefined> {
    const [row] = await this.db.select().from(calendarFeeds).where(eq(calendarFeeds.professionalAccountId, professionalAccountId)).limit(1);
    return row;
  }

  async byTokenHash(tokenHash: string): Promise<CalendarFeedRow | undefined> {
    const [row] = await this.db.select().from(calendarFeeds).where(eq(calendarFeeds.tokenHash, tokenHash)).limit(1);
    return row;
  }

  /** A new token replaces the old one in the same statement: the old URL stops working at once. */
  async replaceToken(professionalAccountId: string, tokenHash: string, now: Date): Promise<CalendarFeedRow> {
    const [row] = await this.db
      .insert(calendarFeeds)
      .values({ professionalAccountId, tokenHash, tokenCreatedAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.professionalAccountId, set: { tokenHash, tokenCreatedAt: now, updatedAt: now } })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  }

  async revoke(professionalAccountId: string, now: Date): Promise<void> {
    await this.db
      .update(calendarFeeds)
      .set({ tokenHash: null, tokenCreatedAt: null, updatedAt: now })
      .where(eq(calendarFeeds.professionalAccountId, professionalAccountId));
  }

  async saveShowInitials(professionalAccountId: string, showInitials: boolean, now: Date): Promise<CalendarFeedRow> {
    const [row] = await this.db
      .insert(calendarFeeds)
      .values({ professionalAccountId, showInitials, updatedAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.professionalAccountId, set: { showInitials, updatedAt: now } })
      .returning();
    if (!row) throw new Error('upsert returned no row');
    return row;
  }

  /** The professional's firm appointments starting in [from, to); the patient's name opened only when asked for. */
  async firmAppointments(professionalAccountId: string, from: Date, to: Date, withNames: boolean): Promise<AppointmentRow[]> {
    const rows = await this.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.professionalAccountId, professionalAccountId),
          inArray(appointments.status, [...FEED_STATUSES]),
          gte(appointments.startsAt, from),
          lt(appointments.startsAt, to),
        ),
      )
      .orderBy(asc(appointments.startsAt));
    if (withNames) return this.sealer.openAll('appointments', rows);
    // Never opened, so never in memory in clear: the sealed value is blanked before anything can use it.
    return rows.map((row) => ({ ...row, patientName: '', patientEmail: null, patientPhone: null }));
  }
}
