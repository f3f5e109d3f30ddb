import { existsSync } from 'node:fs';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { renderPrivacyPolicy } from '../privacy/policy-document';
import { policySources, processorWarnings } from '../privacy/settings';
import type { JobRuleName } from '../retention/policy';
import type { ReceiptStore } from '../retention/receipts';
import { KEY_FILE_NAME } from '../security/data-key';
import { overall, runChecks, type Finding, type SelfCheckFacts, type Status } from './checks';
import type { SelfCheckStore } from './store';

export type HstsProbe = (url: URL) => Promise<SelfCheckFacts['hsts']>;

const PROBE_TIMEOUT_MS = 5000;

/**
 * Asks PUBLIC_URL — through the proxy, as a browser would — for its Strict-Transport-Security header.
 * The installation's own address, never a third party.
 */
export const probeHsts: HstsProbe = async (url) => {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return { reachable: true, header: response.headers.get('strict-transport-security') };
  } catch (error) {
    const cause = (error as Error & { cause?: NodeJS.ErrnoException }).cause;
    return { reachable: false, reason: cause?.code ?? (error as Error).name };
  }
};

export interface SelfCheckReport {
  status: Status;
  checkedAt: Date;
  version: string;
  findings: Finding[];
}

export class SelfCheckService {
  constructor(
    private readonly deps: {
      config: Config;
      store: SelfCheckStore;
      receipts: ReceiptStore;
      clock: Clock;
      probe: HstsProbe;
    },
  ) {}

  async gatherFacts(): Promise<SelfCheckFacts> {
    const { config, store, receipts, clock, probe } = this.deps;
    const sources = policySources(config);
    const [lastRuns, chain, hsts] = await Promise.all([
      store.lastRunPerJob(),
      receipts.verify(),
      config.publicUrl.protocol === 'https:' ? probe(config.publicUrl) : Promise.resolve('not-probed' as const),
    ]);
    return {
      now: clock.now(),
      version: packageJson.version,
      nodeVersion: process.versions.node,
      hsts,
      lastRuns: Object.fromEntries(lastRuns) as Partial<Record<JobRuleName, SelfCheckFacts['lastRuns'][JobRuleName]>>,
      chain,
      keyFileInDataDir: existsSync(path.join(config.dataDir, KEY_FILE_NAME)),
      policyText: JSON.stringify([renderPrivacyPolicy('de', sources), renderPrivacyPolicy('en', sources)]),
    };
  }

  async run(): Promise<SelfCheckReport> {
    const facts = await this.gatherFacts();
    const findings = runChecks(this.deps.config, facts, processorWarnings(this.deps.config));
    return { status: overall(findings), checkedAt: facts.now, version: facts.version, findings };
  }
}
