import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../accounts/store';
import type { Db } from '../db/database';
import { appointmentClaims, appointments, consultations } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import { releaseLapsedHolds, type AppointmentRow } from './store';

export interface MoveChange {
  startsAt: Date;
  endsAt: Date;
  /** The new cancel/move link; the previous one stops working. */
  manageTokenHash: string;
  reminderDaySentAt: Date | null;
  reminderHourSentAt: Date | null;
}

export type MoveOutcome = { moved: AppointmentRow } | { taken: true } | { changed: true };

/** What the activity list (P-14) shows of an appointment: its record and whether its consultation took place. */
export interface AppointmentActivityRow {
  appointment: AppointmentRow;
  consultationStartedAt: Date | null;
}

/**
 * Changes to firm appointments (issue 10) and their activity entries. A move gives up the old claims
 * and takes the new ones in one transaction, so the claims' primary key keeps double booking
 * impossible for moves exactly as for bookings.
 */
export class AppointmentChangeStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  /**
   * Moves a booked appointment whose SEQUENCE is still `expectedSequence` (raising it by one):
   * `changed` when another change came first, `taken` when another appointment holds any of the new
   * units (everything rolls back: the appointment keeps its time and its claims).
   */
  async move(id: string, professionalAccountId: string, expectedSequence: number, change: MoveChange, units: Date[], now: Date): Promise<MoveOutcome> {
    try {
      const moved = await this.db.transaction(async (tx) => {
        await releaseLapsedHolds(tx, professionalAccountId, now);
        const [row] = await tx
          .update(appointments)
          .set({ ...change, sequence: sql`${appointments.sequence} + 1`, updatedAt: now })
          .where(and(eq(appointments.id, id), eq(appointments.status, 'booked'), eq(appointments.sequence, expectedSequence)))
          .returning();
        if (!row) return undefined;
        await tx.delete(appointmentClaims).where(eq(appointmentClaims.appointmentId, id));
        await tx.insert(appointmentClaims).values(units.map((unitStart) => ({ professionalAccountId, unitStart, appointmentId: id })));
        return row;
      });
      return moved ? { moved: this.sealer.open('appointments', moved) } : { changed: true };
    } catch (error) {
      if (isUniqueViolation(error)) return { taken: true };
      throw error;
    }
  }

  /**
   * Firm, cancelled and missed appointments of these professionals starting in [from, to), newest
   * first; holds never confirmed are no activity.
   */
  async activityOf(professionalAccountIds: string[], from: Date | undefined, to: Date | undefined): Promise<AppointmentActivityRow[]> {
    if (professionalAccountIds.length === 0) return [];
    const rows = await this.db
      .select({ appointment: appointments, consultationStartedAt: consultations.startedAt })
      .from(appointments)
      .leftJoin(consultations, eq(consultations.id, appointments.consultationId))
      .where(
        and(
          inArray(appointments.professionalAccountId, professionalAccountIds),
          inArray(appointments.status, ['booked', 'cancelled', 'no_show']),
          // A cancelled hold was never an appointment the practice had.
          isNotNull(appointments.confirmedAt),
          from ? gte(appointments.startsAt, from) : undefined,
          to ? lt(appointments.startsAt, to) : undefined,
        ),
      )
      .orderBy(desc(appointments.startsAt));
    return rows.map((row) => ({ appointment: this.sealer.open('appointments', row.appointment), consultationStartedAt: row.consultationStartedAt }));
  }
}
