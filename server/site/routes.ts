import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { privacyPolicyQuery, privacyPolicyResponse } from '../../common/api/privacy';
import { siteResponse, type SiteInfo } from '../../common/api/site';
import { PRIVACY_POLICY_VERSION, TERMS_VERSION } from '../../common/legal';
import type { Config } from '../config/config';
import { renderPrivacyPolicy } from '../privacy/policy-document';
import { policySources } from '../privacy/settings';

export function registerSiteRoutes(app: FastifyInstance, config: Config, features: { devOutbox: boolean; smsInvitations: boolean }): void {
  const site: SiteInfo = {
    operator: { name: config.operator.name, address: config.operator.address, email: config.operator.email ?? null },
    termsVersion: TERMS_VERSION,
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    devOutbox: features.devOutbox,
    smsInvitations: features.smsInvitations,
    billing: config.billing !== undefined,
    analyticsUrl: config.analytics?.scriptUrl.href ?? null,
    accessibilityEnforcementBody: config.accessibilityEnforcementBody ?? null,
  };
  // Registry, rules and configuration are fixed while the process runs: render each language once.
  const sources = policySources(config);
  const privacyPolicies = { de: renderPrivacyPolicy('de', sources), en: renderPrivacyPolicy('en', sources) };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/site', {
    config: { access: 'public' },
    schema: { tags: ['site'], summary: 'Operator details and text versions for the public pages', response: { 200: siteResponse } },
    handler: async () => site,
  });
  typed.get('/api/site/privacy', {
    config: { access: 'public' },
    schema: {
      tags: ['site'],
      summary: 'The privacy policy, rendered from the data inventory, the retention rules and the operator settings',
      querystring: privacyPolicyQuery,
      response: { 200: privacyPolicyResponse },
    },
    handler: async (request) => privacyPolicies[request.query.lang],
  });
}
