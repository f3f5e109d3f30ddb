import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParams } from '../../common/api/consultations';
import { okResponse } from '../../common/api/accounts';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { requireSession } from '../http/auth';
import { AppError } from '../http/errors';
import { chatTranscriptMail, type Locale } from '../notify/invitation-messages';
import type { Mailer } from '../notify/mailer';
import type { Throttle } from '../throttle/throttle';
import type { ConsultationService } from './service';

/** A chat of a whole consultation with a few shared images stays far below this. */
export const TRANSCRIPT_MAX_BYTES = 10 * 1024 * 1024;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a raw application/pdf body instead of JSON. */
    acceptsPdf?: boolean;
  }
}

/**
 * P-11: the host may have the chat PDF (made in the browser) e-mailed to their own address. The
 * server relays it from memory to the mail server and keeps nothing: no file, no log of content.
 */
export function registerTranscriptRoute(
  app: FastifyInstance,
  deps: { consultations: ConsultationService; accounts: AccountStore; mailer: Mailer; throttle: Throttle; clock: Clock },
): void {
  app.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: TRANSCRIPT_MAX_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  app.withTypeProvider<ZodTypeProvider>().post('/api/consultations/:id/chat-transcript', {
    config: { access: 'customer', acceptsPdf: true },
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
      const pdf = request.body;
      if (!Buffer.isBuffer(pdf) || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
        throw new AppError(415, 'unsupported_media_type', 'Send the chat as a PDF document (application/pdf).');
      }
      await deps.consultations.owned(accountId, request.params.id);
      await deps.throttle.consume('transcriptMailsPerAccount', accountId);
      const host = await deps.accounts.findById(accountId);
      if (!host) throw new AppError(401, 'unauthenticated', 'Please log in.');
      await deps.mailer.send(
        chatTranscriptMail(host.email, host.locale as Locale, `${host.firstName} ${host.lastName}`, pdf, deps.clock.now()),
      );
      return reply.status(202).send({ ok: true as const });
    },
  });
}
