import { errorName, withFields, type Logger } from './logger';
import { deriveSafetyCode, fingerprintKey, fingerprintsFromDescriptions, fingerprintsFromStats, type Digest, type LinkFingerprints } from './safetyCode';

/** What the call view shows for one connection. */
export interface SafetyCodeView {
  /** 16 hex digits (safetyCode.ts turns it into words or digits). */
  readonly code: string;
  /** The person confirmed that the other side read the same code (for this call only, never stored). */
  readonly verified: boolean;
  /** The certificates changed during the call (a reconnect that re-keyed): the old mark no longer holds. */
  readonly changed: boolean;
  readonly source: LinkFingerprints['source'];
}

interface Entry {
  key: string;
  view: SafetyCodeView;
}

export interface SafetyCodesOptions {
  onChange: () => void;
  logger: Logger;
  digest?: Digest;
}

/**
 * The safety code per peer link, recomputed whenever a stats sample shows other certificates, with
 * the "matches" mark cleared then. Kept in memory for the call only.
 */
export class SafetyCodes {
  private readonly entries = new Map<string, Entry>();
  /** The fingerprint key being derived per peer (derivation is asynchronous). */
  private readonly pending = new Map<string, string>();
  private readonly logger: Logger;

  constructor(private readonly options: SafetyCodesOptions) {
    this.logger = withFields(options.logger, { part: 'safety-code' });
  }

  /** One stats sample of the link, and its negotiated descriptions (for browsers without certificate stats). */
  observe(peerId: string, report: RTCStatsReport, descriptions: { local: string | null; remote: string | null }): void {
    const fingerprints = fingerprintsFromStats(report) ?? fingerprintsFromDescriptions(descriptions.local, descriptions.remote);
    if (!fingerprints) return;
    const key = fingerprintKey(fingerprints);
    if (this.entries.get(peerId)?.key === key || this.pending.get(peerId) === key) return;
    this.pending.set(peerId, key);
    deriveSafetyCode(fingerprints, this.options.digest).then(
      (code) => {
        if (this.pending.get(peerId) !== key) return;
        this.pending.delete(peerId);
        const previous = this.entries.get(peerId);
        this.entries.set(peerId, { key, view: { code, verified: false, changed: previous !== undefined, source: fingerprints.source } });
        if (previous) this.logger.info('safety code: certificates changed, mark cleared', { peer: peerId });
        this.options.onChange();
      },
      (error: unknown) => {
        this.pending.delete(peerId);
        this.logger.warn('safety code: derivation failed', { peer: peerId, error: errorName(error) });
      },
    );
  }

  /** The person says the codes match. Only for the code still shown (a code that changed meanwhile is not marked). */
  markVerified(peerId: string, code: string): boolean {
    const entry = this.entries.get(peerId);
    if (!entry || entry.view.code !== code) return false;
    if (!entry.view.verified) {
      entry.view = { ...entry.view, verified: true, changed: false };
      this.options.onChange();
    }
    return true;
  }

  view(peerId: string): SafetyCodeView | null {
    return this.entries.get(peerId)?.view ?? null;
  }

  /** Keeps codes only for these peers (a participant who left takes their code along). */
  sync(peerIds: Iterable<string>): void {
    const keep = new Set(peerIds);
    for (const id of [...this.entries.keys()]) if (!keep.has(id)) this.entries.delete(id);
    for (const id of [...this.pending.keys()]) if (!keep.has(id)) this.pending.delete(id);
  }
}
