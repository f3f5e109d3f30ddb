import type { FastifyInstance } from 'fastify';
import * as z from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ClusterTransport } from '../cluster/transport';
import type { Database } from '../db/database';

const status = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Ready when the database and, with several processes, Redis answer (each within its own timeout). */
export function registerHealthRoutes(app: FastifyInstance, database: Database, transport: ClusterTransport): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/healthz', {
    config: { access: 'public' },
    schema: { tags: ['operations'], summary: 'The process is alive', response: { 200: status } },
    handler: async () => ({ status: 'ok' as const }),
  });
  api.get('/readyz', {
    config: { access: 'public' },
    schema: { tags: ['operations'], summary: 'The database and Redis (when configured) answer', response: { 200: status, 503: status } },
    handler: async (_request, reply) => {
      try {
        await Promise.all([database.ping(), transport.ping()]);
        return { status: 'ok' as const };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const });
      }
    },
  });
}
