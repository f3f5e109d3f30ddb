import type * as z from 'zod';
import type { contactRequest, TicketDetail, ticketListQuery, TicketList } from '../../common/api/support';
import type { Client } from '../http/client';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import type { Mailer } from '../notify/mailer';
import type { Throttle } from '../throttle/throttle';
import type { ChallengeIssuer } from './challenge';
import { renderTicketReply } from './mail';
import { presentTicket, presentTicketSummary } from './presenter';
import type { SupportStore } from './store';

/**
 * The contact form (P-02) and the tickets it creates. No confirmation mail goes to the address a
 * visitor typed: the form would otherwise let anyone make us mail anybody; the answer is the
 * confirmation.
 */
export class SupportService {
  constructor(
    private readonly deps: {
      store: SupportStore;
      challenges: ChallengeIssuer;
      throttle: Throttle;
      mailer: Mailer;
      clock: Clock;
      /** Signs the answers (the operator's name from configuration). */
      operatorName: string;
    },
  ) {}

  async submit(input: z.output<typeof contactRequest>, client: Client): Promise<void> {
    await this.deps.throttle.consume('contactRequestsPerClient', client.address);
    await this.deps.challenges.redeem(input.proof.challenge, input.proof.nonce);
    // A filled honeypot gets the same answer as a person, so the bot learns nothing; nothing is kept.
    if (input.website) return;
    await this.deps.store.insert({
      name: input.name,
      email: input.email,
      subject: input.subject,
      message: input.message,
      locale: input.locale,
      createdAt: this.deps.clock.now(),
    });
  }

  async list(query: z.output<typeof ticketListQuery>): Promise<TicketList> {
    const { rows, total } = await this.deps.store.list(query.status, query.offset, query.limit);
    return { tickets: rows.map(presentTicketSummary), total };
  }

  async get(id: string): Promise<TicketDetail> {
    const found = await this.deps.store.find(id);
    if (!found) throw new AppError('not_found', 'No such ticket.');
    return presentTicket(found.ticket, found.thread);
  }

  /** Mails the answer, then adds it to the thread; a mail that fails is not recorded as sent. */
  async reply(id: string, text: string, operatorName: string): Promise<TicketDetail> {
    const found = await this.deps.store.find(id);
    if (!found) throw new AppError('not_found', 'No such ticket.');
    const { ticket } = found;
    if (ticket.status === 'closed') throw new AppError('ticket_closed', 'This ticket is closed.');
    await this.deps.mailer.send(
      renderTicketReply({
        to: ticket.email,
        locale: ticket.locale,
        requesterName: ticket.name,
        subject: ticket.subject,
        originalMessage: ticket.message,
        answer: text,
        signature: `${operatorName}, ${this.deps.operatorName}`,
      }),
    );
    await this.deps.store.addReply({ requestId: id, operatorName, text, sentAt: this.deps.clock.now() });
    return this.get(id);
  }

  async close(id: string): Promise<TicketDetail> {
    await this.get(id);
    await this.deps.store.close(id, this.deps.clock.now());
    return this.get(id);
  }
}
