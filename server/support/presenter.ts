import type { TicketDetail, TicketSummary } from '../../common/api/support';
import type { ReplyRow, TicketListRow, TicketRow } from './store';

/** Every field of a ticket shown to operator staff is named here. */
export function presentTicketSummary(row: TicketListRow): TicketSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    subject: row.subject,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    replies: row.replies,
  };
}

export function presentTicket(ticket: TicketRow, thread: ReplyRow[]): TicketDetail {
  return {
    ...presentTicketSummary({ ...ticket, replies: thread.length }),
    message: ticket.message,
    locale: ticket.locale,
    thread: thread.map((reply) => ({ id: reply.id, operatorName: reply.operatorName, text: reply.text, sentAt: reply.sentAt.toISOString() })),
  };
}
