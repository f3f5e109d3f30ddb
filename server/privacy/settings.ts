import type { Config } from '../config/config';
import type { NamedProcessor, ProcessorKind } from '../config/processors';
import { transferBasis } from './countries';
import { currentInventory, currentRetentionRules, type Inventory, type RetentionRules } from './activities';
import type { Recipient } from './vocabulary';

/**
 * Stripe's contracting entity for customers in the EEA (Stripe Services Agreement, "Stripe Entity"),
 * named where the operator does not set PROCESSOR_PAYMENT. Transfers onwards to Stripe, Inc. run under
 * Stripe's own safeguards (its DPA), which the operator's contract covers.
 */
export const stripeEeaEntity: NamedProcessor = {
  name: 'Stripe Payments Europe, Limited',
  address: '1 Grand Canal Street Lower, Grand Canal Dock, Dublin, D02 H210',
  country: 'IE',
  safeguard: null,
};

/** A processor this installation uses: the hosts it talks to, and the operator's name for it if given. */
interface ProcessorFacts {
  hosts: string[];
  named: NamedProcessor | null;
}

/** What the published texts take from the operator's configuration. */
export interface PrivacySettings {
  controller: { name: string; address: string; email: string | null };
  privacyContact: { name: string | null; email: string | null };
  /** Processors this installation actually uses; absent ones receive nothing. */
  processors: Partial<Record<Recipient, ProcessorFacts>>;
  /** The authority a complaint goes to (Art. 77 GDPR); null where not configured (development). */
  supervisoryAuthority: { name: string; address: string; url: string } | null;
  /** Decides the cookie names (`__Host-` prefix under https). */
  secureContext: boolean;
}

/** What the privacy policy, the Art. 30 record and the export's recipients are rendered from. */
export interface PolicySources {
  inventory: Inventory;
  rules: RetentionRules;
  settings: PrivacySettings;
}

/** `turn:turn.example.org:3478?transport=udp` → `turn.example.org`. */
function iceHost(url: string): string {
  return (
    url
      .replace(/^(stuns?|turns?):/, '')
      .replace(/^\/\//, '')
      .split(/[:?]/)[0] ?? url
  );
}

/** The operator's name for a processor; `self` (own machines) is none. */
function namedIn(config: Config, kind: ProcessorKind): NamedProcessor | null {
  const named = config.processors[kind];
  return named && named !== 'self' ? named : null;
}

export function privacySettings(config: Config): PrivacySettings {
  const processors: PrivacySettings['processors'] = {};
  const use = (recipient: Recipient, kind: ProcessorKind, hosts: string[]) => {
    processors[recipient] = { hosts, named: namedIn(config, kind) };
  };
  // Hosting and backups exist only as processors where named; `self` or unset: the operator's own machines.
  for (const kind of ['hosting', 'backup'] as const) if (namedIn(config, kind)) use(kind, kind, []);
  // Payments exist only with billing configured (P-22); Stripe is the processor, named by the operator or as its EEA entity.
  if (config.billing) processors.payment = { hosts: [], named: namedIn(config, 'payment') ?? stripeEeaEntity };
  // Without SMTP, mail goes to the local outbox: nobody receives it.
  if (config.mail.smtpUrl) use('smtp', 'email', [new URL(config.mail.smtpUrl).hostname]);
  if (config.sms) use('sms', 'sms', []);
  const iceServers = [...config.ice.stunUrls, ...config.ice.turnUrls, ...config.ice.testTurnUrls].map(iceHost);
  if (iceServers.length > 0) use('turn', 'turn', [...new Set(iceServers)]);
  if (config.analytics) use('analytics', 'analytics', [config.analytics.scriptUrl.host]);
  return {
    controller: { name: config.operator.name, address: config.operator.address, email: config.operator.email ?? null },
    privacyContact: { name: config.privacyContact.name ?? null, email: config.privacyContact.email ?? null },
    processors,
    supervisoryAuthority: config.supervisoryAuthority ?? null,
    secureContext: config.secureContext,
  };
}

const variableOf: Record<ProcessorKind, string> = {
  hosting: 'PROCESSOR_HOSTING',
  backup: 'PROCESSOR_BACKUP',
  email: 'PROCESSOR_EMAIL',
  sms: 'PROCESSOR_SMS',
  turn: 'PROCESSOR_TURN',
  payment: 'PROCESSOR_PAYMENT',
  analytics: 'PROCESSOR_ANALYTICS',
};

/**
 * What the start-up warns about (P-26): processors in a third country that rely on a safeguard
 * rather than the EU/EEA or an adequacy decision, and processors in use that are not named.
 */
export function processorWarnings(config: Config): { processor: string; message: string }[] {
  const warnings: { processor: string; message: string }[] = [];
  for (const [kind, named] of Object.entries(config.processors) as [ProcessorKind, NamedProcessor | 'self'][]) {
    if (named === 'self' || transferBasis(named.country) !== 'needsSafeguard') continue;
    warnings.push({
      processor: variableOf[kind],
      message: `${named.name} (${variableOf[kind]}) is in ${named.country}, outside the EU/EEA without a full adequacy decision: personal data goes there under ${named.safeguard}; the privacy policy says so. Keep the signed clauses and a transfer impact assessment on file.`,
    });
  }
  const used: [ProcessorKind, boolean][] = [
    ['email', Boolean(config.mail.smtpUrl)],
    ['sms', Boolean(config.sms)],
    ['turn', config.ice.turnUrls.length + config.ice.stunUrls.length + config.ice.testTurnUrls.length > 0],
    ['analytics', Boolean(config.analytics)],
  ];
  for (const [kind, inUse] of used) {
    if (inUse && !config.processors[kind]) {
      warnings.push({
        processor: variableOf[kind],
        message: `${variableOf[kind]} is unset: the privacy policy names this processor only by its role and host; set ${variableOf[kind]}="Name | postal address | country code"`,
      });
    }
  }
  return warnings;
}

/** The retention rules with the periods only the operator knows (their analytics tool's) from the configuration. */
function retentionRulesFor(config: Config): RetentionRules {
  const rules: RetentionRules = { ...currentRetentionRules };
  if (config.analytics) rules.analyticsData = { ...rules.analyticsData, after: { months: config.analytics.retentionMonths } };
  return rules;
}

/** Everything the privacy policy and the Art. 30 record of this installation are rendered from. */
export function policySources(config: Config): PolicySources {
  return { inventory: currentInventory(), rules: retentionRulesFor(config), settings: privacySettings(config) };
}
