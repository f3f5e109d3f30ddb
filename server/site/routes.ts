import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { siteResponse, type SiteInfo } from '../../common/api/site';
import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '../../common/legal';
import type { Config } from '../config/config';

export function registerSiteRoutes(app: FastifyInstance, config: Config, devOutbox: boolean): void {
  const site: SiteInfo = {
    operator: { name: config.operator.name, address: config.operator.address, email: config.operator.email ?? null },
    termsVersion: TERMS_VERSION,
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    devOutbox,
  };
  app.withTypeProvider<ZodTypeProvider>().get('/api/site', {
    config: { access: 'public' },
    schema: { tags: ['site'], summary: 'Operator details and text versions for the public pages', response: { 200: siteResponse } },
    handler: async () => site,
  });
}
