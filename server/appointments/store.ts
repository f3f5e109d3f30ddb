import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import { isUniqueViolation } from '../accounts/store';
import type { Db } from '../db/database';
import { absences, appointmentClaims, appointments, appointmentSettings, appointmentTypes, availabilityRanges, bookingPages } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';
import { DEFAULT_REMINDERS, reminderSentColumn, type ReminderKind } from './policy';
import { UNIT_MINUTES, type Interval } from './slots';

export type AppointmentRow = typeof appointments.$inferSelect;
export type NewAppointment = typeof appointments.$inferInsert;
export type AppointmentTypeRow = typeof appointmentTypes.$inferSelect;
export type SettingsRow = typeof appointmentSettings.$inferSelect;
export type RangeRow = typeof availabilityRanges.$inferSelect;
export type AbsenceRow = typeof absences.$inferSelect;
export type BookingPageRow = typeof bookingPages.$inferSelect;
export interface DueReminder {
  appointment: AppointmentRow;
  /** The practice's choice of reminders. */
  chosen: ReminderKind[];
  /** When that choice last changed, if ever. */
  changedAt: Date | null;
}

const UNIT_MS = UNIT_MINUTES * 60_000;

/** The rules of a professional who never saved any: what appointment_settings' defaults say. */
export function defaultSettings(professionalAccountId: string): SettingsRow {
  return {
    professionalAccountId,
    bufferMinutes: 0,
    minimumNoticeMinutes: 120,
    horizonDays: 56,
    cancelDeadlineMinutes: 1440,
    linkGraceMinutes: 30,
    practiceConfirms: false,
    reminderKinds: [...DEFAULT_REMINDERS],
    remindersChangedAt: null,
    updatedAt: new Date(0),
  };
}

/** Occupying states: a hold only until it lapses. */
function occupying(now: Date) {
  return or(inArray(appointments.status, ['booked', 'requested']), and(eq(appointments.status, 'held'), gt(appointments.holdExpiresAt, now)));
}

/** Lapsed holds of the professional give their claims up, inside the transaction that needs the units. */
export async function releaseLapsedHolds(tx: Db, professionalAccountId: string, now: Date): Promise<void> {
  const lapsed = await tx
    .update(appointments)
    .set({ status: 'lapsed', updatedAt: now })
    .where(and(eq(appointments.professionalAccountId, professionalAccountId), eq(appointments.status, 'held'), lte(appointments.holdExpiresAt, now)))
    .returning({ id: appointments.id });
  if (lapsed.length > 0)
    await tx.delete(appointmentClaims).where(
      inArray(
        appointmentClaims.appointmentId,
        lapsed.map((row) => row.id),
      ),
    );
}

/**
 * The only place with appointment SQL. Patient name, e-mail and phone are sealed on the way in and
 * opened on the way out (P-21). Bookings take their slot by inserting claims (one per 5-minute
 * unit) under the claims' primary key: the database, not a check before the insert, decides who wins.
 */
/**
 * What the practice's day and week view shows of an appointment (presentAppointment), and when a
 * hold lapses: the one personal field it needs is the patient's name, so only that is opened.
 */
const listColumns = {
  id: appointments.id,
  professionalAccountId: appointments.professionalAccountId,
  typeName: appointments.typeName,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  holdExpiresAt: appointments.holdExpiresAt,
  patientName: appointments.patientName,
  bookedBy: appointments.bookedBy,
  consultationId: appointments.consultationId,
};
export type AppointmentListRow = Pick<AppointmentRow, keyof typeof listColumns>;

function professionalListQuery(db: Db) {
  return db
    .select(listColumns)
    .from(appointments)
    .where(
      and(
        eq(appointments.professionalAccountId, sql.placeholder('professionalId')),
        gte(appointments.startsAt, sql`${sql.placeholder('from')}::timestamptz`),
        lt(appointments.startsAt, sql`${sql.placeholder('to')}::timestamptz`),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .prepare('appointments_professional_list');
}

export class AppointmentStore {
  /** The day view polls it: prepared once. */
  private readonly professionalList;

  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {
    this.professionalList = professionalListQuery(db);
  }

  async pageBySlug(slug: string): Promise<BookingPageRow | undefined> {
    const [row] = await this.db.select().from(bookingPages).where(eq(bookingPages.slug, slug)).limit(1);
    return row;
  }

  /** One page per owner: choosing a new slug replaces the old one (which stops working at once). */
  async savePage(owner: { organizationId: string } | { professionalAccountId: string }, slug: string, enabled: boolean): Promise<BookingPageRow> {
    return this.db.transaction(async (tx) => {
      const ownerCondition =
        'organizationId' in owner ? eq(bookingPages.organizationId, owner.organizationId) : eq(bookingPages.professionalAccountId, owner.professionalAccountId);
      await tx.delete(bookingPages).where(ownerCondition);
      const [row] = await tx
        .insert(bookingPages)
        .values({ slug, enabled, ...owner })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return row;
    });
  }

  async pageOf(owner: { organizationId: string } | { professionalAccountId: string }): Promise<BookingPageRow | undefined> {
    const condition =
      'organizationId' in owner ? eq(bookingPages.organizationId, owner.organizationId) : eq(bookingPages.professionalAccountId, owner.professionalAccountId);
    const [row] = await this.db.select().from(bookingPages).where(condition).limit(1);
    return row;
  }

  async settingsOf(professionalAccountId: string): Promise<SettingsRow> {
    const [row] = await this.db.select().from(appointmentSettings).where(eq(appointmentSettings.professionalAccountId, professionalAccountId)).limit(1);
    return row ?? defaultSettings(professionalAccountId);
  }

  async rangesOf(professionalAccountIds: string[]): Promise<RangeRow[]> {
    if (professionalAccountIds.length === 0) return [];
    return this.db
      .select()
      .from(availabilityRanges)
      .where(inArray(availabilityRanges.professionalAccountId, professionalAccountIds))
      .orderBy(asc(availabilityRanges.weekday), asc(availabilityRanges.startMinute));
  }

  /** Settings and weekly hours together, so a half-saved week never offers slots. */
  async saveHours(
    professionalAccountId: string,
    settings: Omit<SettingsRow, 'professionalAccountId' | 'updatedAt'>,
    ranges: { weekday: number; startMinute: number; endMinute: number }[],
    now: Date,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .insert(appointmentSettings)
        .values({ professionalAccountId, ...settings, updatedAt: now })
        .onConflictDoUpdate({ target: appointmentSettings.professionalAccountId, set: { ...settings, updatedAt: now } });
      await tx.delete(availabilityRanges).where(eq(availabilityRanges.professionalAccountId, professionalAccountId));
      if (ranges.length > 0) await tx.insert(availabilityRanges).values(ranges.map((range) => ({ professionalAccountId, ...range })));
    });
  }

  async absencesOf(professionalAccountId: string, from: Date): Promise<AbsenceRow[]> {
    return this.db
      .select()
      .from(absences)
      .where(and(eq(absences.professionalAccountId, professionalAccountId), gt(absences.endsAt, from)))
      .orderBy(asc(absences.startsAt));
  }

  async addAbsence(row: typeof absences.$inferInsert): Promise<AbsenceRow> {
    const [absence] = await this.db.insert(absences).values(row).returning();
    if (!absence) throw new Error('insert returned no row');
    return absence;
  }

  async deleteAbsence(professionalAccountId: string, id: string): Promise<boolean> {
    const removed = await this.db
      .delete(absences)
      .where(and(eq(absences.id, id), eq(absences.professionalAccountId, professionalAccountId)))
      .returning({ id: absences.id });
    return removed.length > 0;
  }

  async addType(row: typeof appointmentTypes.$inferInsert): Promise<AppointmentTypeRow> {
    const [type] = await this.db.insert(appointmentTypes).values(row).returning();
    if (!type) throw new Error('insert returned no row');
    return type;
  }

  /** Switched off, not deleted: appointments keep their type's name, and nobody can book it again. */
  async deactivateType(id: string): Promise<void> {
    await this.db.update(appointmentTypes).set({ active: false }).where(eq(appointmentTypes.id, id));
  }

  async findType(id: string): Promise<AppointmentTypeRow | undefined> {
    const [row] = await this.db.select().from(appointmentTypes).where(eq(appointmentTypes.id, id)).limit(1);
    return row;
  }

  /** Active types a professional offers: their own and, in an organisation, those for everyone. */
  async typesOffered(professional: { id: string; organizationId: string | null }): Promise<AppointmentTypeRow[]> {
    const own = eq(appointmentTypes.professionalAccountId, professional.id);
    const everyone = professional.organizationId
      ? and(eq(appointmentTypes.organizationId, professional.organizationId), isNull(appointmentTypes.professionalAccountId))
      : undefined;
    return this.db
      .select()
      .from(appointmentTypes)
      .where(and(eq(appointmentTypes.active, true), everyone ? or(own, everyone) : own))
      .orderBy(asc(appointmentTypes.durationMinutes), asc(appointmentTypes.name));
  }

  /**
   * What a professional's appointments occupy in [from, to), with buffers: their claims, merged into
   * intervals. Lapsed holds no longer count (their claims go when the next booking needs the units).
   */
  async busy(professionalAccountId: string, from: Date, to: Date, now: Date, exceptAppointmentId?: string): Promise<Interval[]> {
    const rows = await this.db
      .select({ unitStart: appointmentClaims.unitStart })
      .from(appointmentClaims)
      .innerJoin(appointments, eq(appointments.id, appointmentClaims.appointmentId))
      .where(
        and(
          eq(appointmentClaims.professionalAccountId, professionalAccountId),
          gte(appointmentClaims.unitStart, new Date(from.getTime() - UNIT_MS)),
          lt(appointmentClaims.unitStart, to),
          occupying(now),
          // Moving an appointment: its own units are not in its way.
          exceptAppointmentId ? ne(appointmentClaims.appointmentId, exceptAppointmentId) : undefined,
        ),
      )
      .orderBy(asc(appointmentClaims.unitStart));
    const intervals: Interval[] = [];
    for (const { unitStart } of rows) {
      const last = intervals.at(-1);
      if (last && last.endsAt.getTime() === unitStart.getTime()) last.endsAt = new Date(unitStart.getTime() + UNIT_MS);
      else intervals.push({ startsAt: unitStart, endsAt: new Date(unitStart.getTime() + UNIT_MS) });
    }
    return intervals;
  }

  /**
   * Inserts the appointment and its claims in one transaction; `taken` when another appointment holds
   * any of the units (the unique violation rolls everything back: nothing is stored). Lapsed holds of
   * the professional give their claims up first, in the same transaction.
   */
  async book(row: NewAppointment & { professionalAccountId: string }, units: Date[], now: Date): Promise<{ booked: AppointmentRow } | { taken: true }> {
    try {
      const booked = await this.db.transaction(async (tx) => {
        await releaseLapsedHolds(tx, row.professionalAccountId, now);
        const [appointment] = await tx.insert(appointments).values(this.sealer.seal('appointments', row)).returning();
        if (!appointment) throw new Error('insert returned no row');
        await tx
          .insert(appointmentClaims)
          .values(units.map((unitStart) => ({ professionalAccountId: row.professionalAccountId, unitStart, appointmentId: appointment.id })));
        return appointment;
      });
      return { booked: this.sealer.open('appointments', booked) };
    } catch (error) {
      if (isUniqueViolation(error)) return { taken: true };
      throw error;
    }
  }

  async find(id: string): Promise<AppointmentRow | undefined> {
    const [row] = await this.db.select().from(appointments).where(eq(appointments.id, id)).limit(1);
    return row && this.sealer.open('appointments', row);
  }

  async findByConfirmToken(tokenHash: string): Promise<AppointmentRow | undefined> {
    const [row] = await this.db.select().from(appointments).where(eq(appointments.confirmTokenHash, tokenHash)).limit(1);
    return row && this.sealer.open('appointments', row);
  }

  async findByManageToken(tokenHash: string): Promise<AppointmentRow | undefined> {
    const [row] = await this.db.select().from(appointments).where(eq(appointments.manageTokenHash, tokenHash)).limit(1);
    return row && this.sealer.open('appointments', row);
  }

  /**
   * Makes a held booking firm, once: only the request that still finds it held with this token wins
   * (a double click, or a click after the hold lapsed, changes nothing).
   */
  async confirmHeld(id: string, tokenHash: string, changes: Partial<NewAppointment>, now: Date): Promise<AppointmentRow | undefined> {
    const [row] = await this.db
      .update(appointments)
      .set(this.sealer.seal('appointments', { ...changes, confirmTokenHash: null, updatedAt: now }))
      .where(and(eq(appointments.id, id), eq(appointments.status, 'held'), eq(appointments.confirmTokenHash, tokenHash), gt(appointments.holdExpiresAt, now)))
      .returning();
    return row && this.sealer.open('appointments', row);
  }

  async update(id: string, changes: Partial<NewAppointment>): Promise<void> {
    await this.db.update(appointments).set(this.sealer.seal('appointments', changes)).where(eq(appointments.id, id));
  }

  /** Cancels and frees the slot in one transaction; only an appointment that still occupies it. */
  async cancel(
    id: string,
    changes: Pick<NewAppointment, 'cancelledAt' | 'cancelledBy' | 'sequence' | 'manageTokenHash'>,
    now: Date,
  ): Promise<AppointmentRow | undefined> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(appointments)
        .set({ ...changes, status: 'cancelled', confirmTokenHash: null, updatedAt: now })
        .where(and(eq(appointments.id, id), occupying(now)))
        .returning();
      if (!row) return undefined;
      await tx.delete(appointmentClaims).where(eq(appointmentClaims.appointmentId, id));
      return this.sealer.open('appointments', row);
    });
  }

  /**
   * Firm appointments whose `kind` reminder the practice chose and is due at `now` (its window opened)
   * and not yet handled, with the practice's choice (a professional without settings has the default).
   */
  async dueReminders(kind: ReminderKind, beforeMinutes: number, now: Date, limit: number): Promise<DueReminder[]> {
    const sentColumn = appointments[reminderSentColumn[kind]];
    const chosen = sql<ReminderKind[]>`coalesce(${appointmentSettings.reminderKinds}, ${sql.raw(`'{${DEFAULT_REMINDERS.join(',')}}'::text[]`)})`;
    const rows = await this.db
      .select({ appointment: appointments, chosen, changedAt: appointmentSettings.remindersChangedAt })
      .from(appointments)
      .leftJoin(appointmentSettings, eq(appointmentSettings.professionalAccountId, appointments.professionalAccountId))
      .where(
        and(
          eq(appointments.status, 'booked'),
          isNull(sentColumn),
          lte(appointments.startsAt, new Date(now.getTime() + beforeMinutes * 60_000)),
          sql`${chosen} @> array[${kind}]::text[]`,
        ),
      )
      .orderBy(asc(appointments.startsAt))
      .limit(limit);
    return rows.map((row) => ({ appointment: this.sealer.open('appointments', row.appointment), chosen: row.chosen, changedAt: row.changedAt }));
  }

  /**
   * Takes the reminder for this process: only the update that still finds it unhandled wins, so with
   * several processes (or a retry after a crash between claim and send) it is claimed exactly once.
   */
  async claimReminder(id: string, kind: ReminderKind, now: Date, manageTokenHash: string | null): Promise<boolean> {
    const sentColumn = appointments[reminderSentColumn[kind]];
    const claimed = await this.db
      .update(appointments)
      .set({ [reminderSentColumn[kind]]: now, ...(manageTokenHash ? { manageTokenHash } : {}) })
      .where(and(eq(appointments.id, id), isNull(sentColumn), eq(appointments.status, 'booked')))
      .returning({ id: appointments.id });
    return claimed.length > 0;
  }

  /** A professional's appointments starting in [from, to), for the practice's day and week. */
  /** A professional's appointments starting in [from, to), in order (listColumns). */
  async listOf(professionalAccountId: string, from: Date, to: Date): Promise<AppointmentListRow[]> {
    const rows = await this.professionalList.execute({ professionalId: professionalAccountId, from: from.toISOString(), to: to.toISOString() });
    return this.sealer.openAll('appointments', rows);
  }

  // Retention (server/retention/jobs.ts): each deletes at most `limit` rows and says how many.

  /** P-17: the record, 10 years after the appointment. */
  async deleteEndedBefore(cutoff: Date, limit: number): Promise<number> {
    const due = lt(appointments.endsAt, cutoff);
    const removed = await this.db
      .delete(appointments)
      .where(and(due, inArray(appointments.id, this.db.select({ id: appointments.id }).from(appointments).where(due).limit(limit))))
      .returning({ id: appointments.id });
    return removed.length;
  }

  /** P-09: the patient's e-mail and phone served the messages; they go once the appointment is over. */
  async eraseContactsEndedBefore(cutoff: Date, now: Date, limit: number): Promise<number> {
    const due = and(lte(appointments.endsAt, cutoff), isNull(appointments.contactErasedAt));
    const erased = await this.db
      .update(appointments)
      .set({ patientEmail: null, patientPhone: null, joinToken: null, contactErasedAt: now })
      .where(and(due, inArray(appointments.id, this.db.select({ id: appointments.id }).from(appointments).where(due).limit(limit))))
      .returning({ id: appointments.id });
    return erased.length;
  }

  /** Bookings never confirmed, with the patient's data, once their hold lapsed before `cutoff`. */
  async deleteLapsedHoldsBefore(cutoff: Date, limit: number): Promise<number> {
    const due = and(inArray(appointments.status, ['held', 'lapsed']), lt(appointments.holdExpiresAt, cutoff));
    const removed = await this.db
      .delete(appointments)
      .where(and(due, inArray(appointments.id, this.db.select({ id: appointments.id }).from(appointments).where(due).limit(limit))))
      .returning({ id: appointments.id });
    return removed.length;
  }

  /** For tests and the day view: how many claims an appointment holds. */
  async claimCount(appointmentId: string): Promise<number> {
    const [row] = await this.db
      .select({ count: sql<number>`count(*)::int` })
      .from(appointmentClaims)
      .where(eq(appointmentClaims.appointmentId, appointmentId));
    return row?.count ?? 0;
  }
}

/**
 * Erasure of professionals whose appointment records the 10-year rule still keeps (P-17): inside the
 * erasure transaction, before the accounts go, their records are detached from the accounts and
 * restricted; the patients' e-mail and phone go (no message will follow) and appointments still
 * ahead are cancelled (their consultations were ended before). Returns how many were kept.
 */
export async function restrictForErasure(tx: Db, subject: { accountIds: string[]; organizationId: string | null }, at: Date): Promise<number> {
  const ofSubject = or(
    subject.accountIds.length > 0 ? inArray(appointments.professionalAccountId, subject.accountIds) : undefined,
    subject.organizationId ? eq(appointments.organizationId, subject.organizationId) : undefined,
  );
  if (!ofSubject) return 0;
  const ahead = sql`${appointments.endsAt} > ${at} and ${appointments.status} in ('held', 'requested', 'booked')`;
  const kept = await tx
    .update(appointments)
    .set({
      professionalAccountId: null,
      organizationId: null,
      bookedByAccountId: null,
      restrictedAt: at,
      patientEmail: null,
      patientPhone: null,
      joinToken: null,
      contactErasedAt: sql`coalesce(${appointments.contactErasedAt}, ${at})`,
      confirmTokenHash: null,
      confirmCodeHash: null,
      manageTokenHash: null,
      status: sql`case when ${ahead} then 'cancelled' else ${appointments.status} end`,
      cancelledAt: sql`case when ${ahead} then ${at} else ${appointments.cancelledAt} end`,
      cancelledBy: sql`case when ${ahead} then 'practice' else ${appointments.cancelledBy} end`,
      updatedAt: at,
    })
    .where(ofSubject)
    .returning({ id: appointments.id });
  return kept.length;
}
