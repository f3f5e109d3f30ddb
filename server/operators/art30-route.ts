import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { art30Query, art30Response } from '../../common/api/operator';
import type { Config } from '../config/config';
import { art30Markdown, art30Record } from '../privacy/art30';
import { policySources } from '../privacy/settings';

/** The record of processing activities (Art. 30), rendered from the data inventory like `npm run privacy:art30`. */
export function registerArt30Route(app: FastifyInstance, config: Config): void {
  app.withTypeProvider<ZodTypeProvider>().get('/api/operator/art30', {
    config: { access: 'operator' },
    schema: {
      tags: ['operator'],
      summary: 'The Art. 30 record of processing activities as Markdown and JSON',
      querystring: art30Query,
      response: { 200: art30Response },
    },
    handler: async (request) => {
      const record = art30Record(request.query.lang, policySources(config));
      return { markdown: art30Markdown(record, request.query.lang), record: record as unknown as Record<string, unknown> };
    },
  });
}
