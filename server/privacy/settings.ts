import type { Config } from '../config/config';
import { currentInventory, currentRetentionRules, type RetentionRules } from './activities';
import type { PolicySources } from './policy-document';
import type { Recipient } from './vocabulary';

/** What the published texts take from the operator's configuration. */
export interface PrivacySettings {
  controller: { name: string; address: string; email: string | null };
  privacyContact: { name: string | null; email: string | null };
  /** Processors this installation actually uses, with the hosts it talks to; absent ones receive nothing. */
  processors: Partial<Record<Recipient, string[]>>;
  /** Decides the cookie names (`__Host-` prefix under https). */
  secureContext: boolean;
}

/** `turn:turn.example.org:3478?transport=udp` → `turn.example.org`. */
function iceHost(url: string): string {
  return url.replace(/^(stuns?|turns?):/, '').replace(/^\/\//, '').split(/[:?]/)[0] ?? url;
}

export function privacySettings(config: Config): PrivacySettings {
  const processors: PrivacySettings['processors'] = {};
  // Without SMTP, mail goes to the local outbox: nobody receives it.
  if (config.mail.smtpUrl) processors.smtp = [new URL(config.mail.smtpUrl).hostname];
  if (config.sms) processors.sms = [];
  const iceServers = [...config.ice.stunUrls, ...config.ice.turnUrls].map(iceHost);
  if (iceServers.length > 0) processors.turn = [...new Set(iceServers)];
  if (config.analytics) processors.analytics = [config.analytics.scriptUrl.host];
  return {
    controller: { name: config.operator.name, address: config.operator.address, email: config.operator.email ?? null },
    privacyContact: { name: config.privacyContact.name ?? null, email: config.privacyContact.email ?? null },
    processors,
    secureContext: config.secureContext,
  };
}

/** The retention rules with the periods only the operator knows (their analytics tool's) from the configuration. */
export function retentionRulesFor(config: Config): RetentionRules {
  const rules: RetentionRules = { ...currentRetentionRules };
  if (config.analytics) rules.analyticsData = { ...rules.analyticsData, after: { months: config.analytics.retentionMonths } };
  return rules;
}

/** Everything the privacy policy and the Art. 30 record of this installation are rendered from. */
export function policySources(config: Config): PolicySources {
  return { inventory: currentInventory(), rules: retentionRulesFor(config), settings: privacySettings(config) };
}
