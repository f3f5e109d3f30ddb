import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { evidencePackResponse, selfCheckQuery, selfCheckResponse } from '../../common/api/operator';
import type { Config } from '../config/config';
import { limitPer } from '../throttle/route-limits';
import { evidenceMarkdown, evidencePack } from './evidence';
import { presentSelfCheck } from './presenter';
import type { SelfCheckService } from './service';

const tags = ['operator'];
// Each run walks the whole receipt chain and asks PUBLIC_URL: counted per operator.
const limits = [limitPer('selfChecksPerOperator', 'operator')];

export function registerSelfCheckRoutes(app: FastifyInstance, deps: { config: Config; selfCheck: SelfCheckService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/operator/self-check', {
    config: { access: 'operator', limits },
    schema: {
      tags,
      summary: 'The live Anlage 31b / GDPR self-check: pass, warn or fail per item, with what to do',
      querystring: selfCheckQuery,
      response: { 200: selfCheckResponse },
    },
    handler: async (request) => presentSelfCheck(await deps.selfCheck.run(), request.query.lang),
  });

  api.get('/api/operator/self-check/evidence', {
    config: { access: 'operator', limits },
    schema: {
      tags,
      summary: 'The evidence pack for a certification audit: self-check, measures, Art. 30 record, compliance map',
      querystring: selfCheckQuery,
      response: { 200: evidencePackResponse },
    },
    handler: async (request) => {
      const pack = await evidencePack(deps.config, await deps.selfCheck.run(), request.query.lang);
      return { markdown: evidenceMarkdown(pack), pack: pack as unknown as Record<string, unknown> };
    },
  });
}
