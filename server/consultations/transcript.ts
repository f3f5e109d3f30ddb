import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CHAT_TICKET_HEADER, guestTranscriptAfterEndResponse, guestTranscriptQuery, guestTranscriptTarget, idParams } from '../../common/api/consultations';
import { okResponse } from '../../common/api/accounts';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { requireGuest, requireSession } from '../http/auth';
import { AppError } from '../http/errors';
import { chatTranscriptMail, type Locale } from '../notify/invitation-messages';
import type { Mailer } from '../notify/mailer';
import { tooManyRequests, type Throttle } from '../throttle/throttle';
import type { ChatTickets } from './chat-ticket';
import type { GuestService } from './guests';
import { maskedAddress } from './policy';
import type { ConsultationService } from './service';
import { limitPer } from '../throttle/route-limits';
import { displayNameOf } from '../accounts/display-name';

/** A chat of a whole consultation with a few shared images stays far below this. */
const TRANSCRIPT_MAX_BYTES = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a raw application/pdf body instead of JSON. */
    acceptsPdf?: boolean;
  }
}

function requirePdf(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppError('unsupported_media_type', 'Send the chat as a PDF document (application/pdf).');
  }
  return body;
}

/**
 * P-11: the host may have the chat PDF (made in the browser) e-mailed to their own address. The
 * server relays it from memory to the mail server and keeps nothing: no file, no log of content.
 */
export function registerTranscriptRoute(
  app: FastifyInstance,
  deps: {
    consultations: ConsultationService;
    guests: GuestService;
    accounts: AccountStore;
    mailer: Mailer;
    throttle: Throttle;
    clock: Clock;
    chatTickets: ChatTickets;
  },
): void {
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: TRANSCRIPT_MAX_BYTES }, (_request, body, done) => done(null, body));
  app.withTypeProvider<ZodTypeProvider>().post('/api/consultations/:id/chat-transcript', {
    config: { access: 'customer', limits: [limitPer('transcriptMailsPerAccount', 'service')], acceptsPdf: true },
    bodyLimit: TRANSCRIPT_MAX_BYTES,
    schema: {
      tags: ['consultations'],
      summary: 'E-mail the chat PDF to the host’s own address; relayed, never stored',
      description: 'Body: the PDF itself, Content-Type application/pdf, at most 10 MB.',
      params: idParams,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      const { accountId } = requireSession(request);
      const pdf = requirePdf(request.body);
      await deps.consultations.owned(accountId, request.params.id);
      await deps.throttle.consume('transcriptMailsPerAccount', accountId);
      const host = await deps.accounts.findById(accountId);
      if (!host) throw new AppError('unauthenticated', 'Please log in.');
      await deps.mailer.send(chatTranscriptMail(host.email, host.locale as Locale, displayNameOf(host), pdf, deps.clock.now()));
      return reply.status(202).send({ ok: true as const });
    },
  });

  registerGuestTranscriptRoutes(app, deps);
  registerAfterEndRoute(app, deps);
}

/**
 * P-11 for guests: the chat PDF goes only to the address the guest's invitation was sent to
 * (policy.ts, `mailsChatToInvitation`); the client never names an address. Relayed like the host's.
 */
function registerGuestTranscriptRoutes(app: FastifyInstance, deps: { guests: GuestService; mailer: Mailer; throttle: Throttle; clock: Clock }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/join/chat-transcript', {
    config: { access: 'guest' },
    schema: {
      tags: ['guests'],
      summary: 'Whether the guest may have the chat PDF mailed, and to which address (masked)',
      response: { 200: guestTranscriptTarget },
    },
    handler: async (request) => {
      const target = await deps.guests.transcriptMail(requireGuest(request));
      return { mail: target.mail, to: target.address === null ? null : maskedAddress(target.address) };
    },
  });
  api.post('/api/join/chat-transcript', {
    config: { access: 'guest', limits: [limitPer('transcriptMailsPerInvitation', 'service')], acceptsPdf: true },
    bodyLimit: TRANSCRIPT_MAX_BYTES,
    schema: {
      tags: ['guests'],
      summary: 'E-mail the chat PDF to the address the guest’s invitation was sent to; relayed, never stored',
      description: 'Body: the PDF itself, Content-Type application/pdf, at most 10 MB. There is no way to name another address.',
      querystring: guestTranscriptQuery,
      response: { 202: okResponse },
    },
    handler: async (request, reply) => {
      const identity = requireGuest(request);
      const pdf = requirePdf(request.body);
      const target = await deps.guests.transcriptMail(identity);
      if (target.mail === 'notAdmitted') throw new AppError('forbidden', 'Available once the practice has let you in.');
      if (target.mail === 'smsOnly') {
        throw new AppError(
          'invitation_without_email',
          'Your invitation came by SMS only, so there is no address to send the chat to. Please save it as a PDF.',
        );
      }
      await deps.throttle.consume('transcriptMailsPerInvitation', identity.participant.invitationId ?? identity.participant.id);
      await deps.mailer.send(chatTranscriptMail(target.address, request.query.lang, target.name, pdf, deps.clock.now()));
      return reply.status(202).send({ ok: true as const });
    },
  });
}

/**
 * P-11 after the end: the invitation and its address are deleted, so the guest's cookie no longer
 * names anyone. The ticket handed over with the end (chat-ticket.ts) says where the chat may go; it
 * comes in a header (never the URL, which proxies log). Every mail counts against the same
 * per-invitation limit as during the call, so neither the end nor a replayed ticket resets it.
 */
function registerAfterEndRoute(app: FastifyInstance, deps: { mailer: Mailer; throttle: Throttle; clock: Clock; chatTickets: ChatTickets }): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/join/chat-transcript/after-end', {
    config: { access: 'public', limits: [limitPer('transcriptMailsPerInvitation', 'service')], acceptsPdf: true },
    bodyLimit: TRANSCRIPT_MAX_BYTES,
    schema: {
      tags: ['guests'],
      summary: 'After the end: e-mail the chat PDF to the invitation address the guest’s ticket names; relayed, never stored',
      description: `Body: the PDF, Content-Type application/pdf, at most 10 MB. Header ${CHAT_TICKET_HEADER}: the ticket the guest received when the consultation ended (valid 30 minutes). 400 chat_ticket_invalid, 410 chat_ticket_expired, 429 once the invitation's limit is reached.`,
      querystring: guestTranscriptQuery,
      response: { 202: guestTranscriptAfterEndResponse },
    },
    handler: async (request, reply) => {
      const header = request.headers[CHAT_TICKET_HEADER];
      const ticket = deps.chatTickets.open(typeof header === 'string' ? header : undefined);
      const pdf = requirePdf(request.body);
      if (ticket.remaining <= 0) {
        throw tooManyRequests((await deps.throttle.remaining('transcriptMailsPerInvitation', ticket.invitationId)).resetInMs);
      }
      await deps.throttle.consume('transcriptMailsPerInvitation', ticket.invitationId);
      await deps.mailer.send(chatTranscriptMail(ticket.address, request.query.lang, ticket.name, pdf, deps.clock.now()));
      const { remaining } = await deps.throttle.remaining('transcriptMailsPerInvitation', ticket.invitationId);
      return reply.status(202).send({ ok: true as const, chatMail: deps.chatTickets.spent(ticket, remaining) });
    },
  });
}
