import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from '../db/database';

const status = z.object({ status: z.enum(['ok', 'unavailable']) });

export function registerHealthRoutes(app: FastifyInstance, database: Database): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: status } },
    handler: async () => ({ status: 'ok' as const }),
  });
  api.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['operations'], summary: 'The database answers', response: { 200: status, 503: status } },
    handler: async (_request, reply) => {
      try {
        await database.ping();
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });
}
