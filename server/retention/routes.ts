import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { operatorReceiptPage } from '../../common/api/operator';
import { deletionReceiptQuery } from '../../common/api/retention';
import type { RetentionService } from './service';

export function registerReceiptRoutes(app: FastifyInstance, receipts: RetentionService): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/operator/receipts', {
    config: { access: 'operator' },
    schema: {
      tags: ['operator'],
      summary: 'Deletion receipts, newest first, with whether their hash chain is whole',
      querystring: deletionReceiptQuery,
      response: { 200: operatorReceiptPage },
    },
    handler: async (request) => {
      const page = await receipts.listReceipts(request.query);
      // The whole chain is read to verify it: once per visit (the first page), not for every page after.
      if (request.query.before !== undefined) return { ...page, chain: null };
      const report = await receipts.verifyReceipts();
      return {
        ...page,
        chain: report.intact
          ? { intact: true, checked: report.receipts, brokenAt: null, reason: null }
          : { intact: false, checked: report.receipts, brokenAt: report.brokenAt, reason: report.reason },
      };
    },
  });
}
