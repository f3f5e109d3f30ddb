import { and, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database';
import { contactReplies, contactRequests } from '../db/schema';
import type { Sealer } from '../security/sealed-columns';

export type TicketRow = typeof contactRequests.$inferSelect;
export type ReplyRow = typeof contactReplies.$inferSelect;
export type TicketListRow = TicketRow & { replies: number };

/** What people wrote and the answers are sealed (P-21); only state and times are plain. */
export class SupportStore {
  constructor(
    private readonly db: Db,
    private readonly sealer: Sealer,
  ) {}

  async insert(row: Pick<TicketRow, 'name' | 'email' | 'subject' | 'message' | 'locale' | 'createdAt'>): Promise<TicketRow> {
    const [inserted] = await this.db.insert(contactRequests).values(this.sealer.seal('contactRequests', row)).returning();
    return this.sealer.open('contactRequests', inserted!);
  }

  /** Newest first. */
  async list(status: TicketRow['status'], offset: number, limit: number): Promise<{ rows: TicketListRow[]; total: number }> {
    const rows = await this.db
      .select({ ticket: contactRequests, replies: count(contactReplies.id) })
      .from(contactRequests)
      .leftJoin(contactReplies, eq(contactReplies.requestId, contactRequests.id))
      .where(eq(contactRequests.status, status))
      .groupBy(contactRequests.id)
      .orderBy(desc(contactRequests.createdAt), desc(contactRequests.id))
      .offset(offset)
      .limit(limit);
    const [total] = await this.db.select({ n: count() }).from(contactRequests).where(eq(contactRequests.status, status));
    return {
      rows: rows.map((row) => ({ ...this.sealer.open('contactRequests', row.ticket), replies: Number(row.replies) })),
      total: Number(total?.n ?? 0),
    };
  }

  async find(id: string): Promise<{ ticket: TicketRow; thread: ReplyRow[] } | undefined> {
    const [ticket] = await this.db.select().from(contactRequests).where(eq(contactRequests.id, id)).limit(1);
    if (!ticket) return undefined;
    const thread = await this.db.select().from(contactReplies).where(eq(contactReplies.requestId, id)).orderBy(contactReplies.sentAt);
    return { ticket: this.sealer.open('contactRequests', ticket), thread: this.sealer.openAll('contactReplies', thread) };
  }

  async addReply(row: Omit<ReplyRow, 'id'>): Promise<void> {
    await this.db.insert(contactReplies).values(this.sealer.seal('contactReplies', row));
  }

  /** Closing twice keeps the first closing time (the retention clock does not restart). */
  async close(id: string, at: Date): Promise<void> {
    await this.db
      .update(contactRequests)
      .set({ status: 'closed', closedAt: at })
      .where(and(eq(contactRequests.id, id), eq(contactRequests.status, 'open')));
  }

  /** Retention: tickets closed before `cutoff`, with their thread (cascade); returns how many went. */
  async deleteClosedBefore(cutoff: Date, limit: number): Promise<number> {
    const due = and(eq(contactRequests.status, 'closed'), lt(contactRequests.closedAt, cutoff));
    const candidates = this.db.select({ id: contactRequests.id }).from(contactRequests).where(due).limit(limit);
    const removed = await this.db
      .delete(contactRequests)
      .where(and(due, inArray(contactRequests.id, candidates)))
      .returning({ id: contactRequests.id });
    return removed.length;
  }
}
