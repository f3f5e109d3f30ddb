import type { LinkSignal, LevelEncoding } from './adaptation';

/**
 * The WebRTC side of adaptation: what a stats report says about our sending on one link, and
 * applying a level to a sender. setParameters() rules (webrtc-pc): the object must come from
 * getParameters() of the same sender, unchanged but for the writable encoding fields (its
 * `transactionId` ties it to that call; reusing it or calling twice concurrently is refused), the
 * number of encodings must stay the same, and before negotiation there may be no encoding yet.
 * `degradationPreference` stays the browser's ('balanced'): our levels set resolution and frame
 * rate explicitly, within a level the browser balances the two.
 */

type StatsEntry = Record<string, unknown> & { type?: string; id?: string };

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/** What this side had sent on the selected candidate pair at a moment (for the sending rate). */
export interface SentCounter {
  bytesSent: number;
  /** The stats timestamp, ms. */
  timestamp: number;
}

function entriesOf(report: RTCStatsReport | ReadonlyMap<string, StatsEntry>): StatsEntry[] {
  const entries: StatsEntry[] = [];
  report.forEach((value: unknown) => entries.push(value as StatsEntry));
  return entries;
}

function selectedPair(entries: StatsEntry[], byId: ReadonlyMap<unknown, StatsEntry>): StatsEntry | undefined {
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
  return (
    (transport ? byId.get(transport.selectedCandidatePairId as string) : undefined) ??
    entries.find((entry) => entry.type === 'candidate-pair' && (entry.selected === true || (entry.nominated === true && entry.state === 'succeeded')))
  );
}

/**
 * What one sample's report counted so far, kept for the next sample: rates and shares are
 * differences, and a remote report is only news when it is newer than the one seen before.
 */
export interface LinkCounters {
  sent: SentCounter | null;
  /** The camera's outbound-rtp: bytes sent, and of them resent (answers to the receiver's NACKs). */
  camera: { bytesSent: number; retransmittedBytesSent: number } | null;
  /** remote-inbound-rtp id → timestamp of the receiver report it shows. */
  remoteReports: Readonly<Record<string, number>>;
}

type Report = RTCStatsReport | ReadonlyMap<string, StatsEntry>;

/** The selected pair's byte counter, or null where the browser reports none. */
export function readSentCounter(report: Report): SentCounter | null {
  const entries = entriesOf(report);
  const pair = selectedPair(entries, new Map(entries.map((entry) => [entry.id, entry])));
  const bytesSent = num(pair?.bytesSent);
  const timestamp = num(pair?.timestamp);
  return bytesSent === null || timestamp === null ? null : { bytesSent, timestamp };
}

/** The camera's outbound-rtp (a screen share has its own), or the first video one. */
function cameraOutbound(entries: StatsEntry[], byId: ReadonlyMap<unknown, StatsEntry>, cameraTrackId: string | null): StatsEntry | undefined {
  const videoOut = entries.filter((entry) => entry.type === 'outbound-rtp' && (entry.kind ?? entry.mediaType) === 'video');
  return videoOut.find((entry) => cameraTrackId !== null && byId.get(entry.mediaSourceId as string)?.trackIdentifier === cameraTrackId) ?? videoOut[0];
}

/** The counters of this report that the next sample's signal is measured against. */
export function readLinkCounters(report: Report, cameraTrackId: string | null = null): LinkCounters {
  const entries = entriesOf(report);
  const camera = cameraOutbound(entries, new Map(entries.map((entry) => [entry.id, entry])), cameraTrackId);
  const bytesSent = num(camera?.bytesSent);
  const retransmittedBytesSent = num(camera?.retransmittedBytesSent);
  const remoteReports: Record<string, number> = {};
  for (const entry of entries) {
    const timestamp = num(entry.timestamp);
    if (entry.type === 'remote-inbound-rtp' && typeof entry.id === 'string' && timestamp !== null) remoteReports[entry.id] = timestamp;
  }
  return {
    sent: readSentCounter(report),
    camera: bytesSent === null || retransmittedBytesSent === null ? null : { bytesSent, retransmittedBytesSent },
    remoteReports,
  };
}

/** Share of the camera's bytes in the interval that were resent (null: no interval or nothing sent). */
function retransmitShare(previous: LinkCounters['camera'] | undefined, current: LinkCounters['camera']): number | null {
  if (!previous || !current) return null;
  const sent = current.bytesSent - previous.bytesSent;
  const resent = current.retransmittedBytesSent - previous.retransmittedBytesSent;
  if (sent <= 0 || resent < 0) return null;
  return Math.min(1, resent / sent);
}

/** Bits per second sent between two counters (null when they do not make an interval). */
export function sendingBitrate(previous: SentCounter | null, current: SentCounter | null): number | null {
  if (!previous || !current || current.timestamp <= previous.timestamp || current.bytesSent < previous.bytesSent) return null;
  return Math.round(((current.bytesSent - previous.bytesSent) * 8 * 1000) / (current.timestamp - previous.timestamp));
}

/**
 * `cameraTrackId`: the camera's track (a screen share has its own video outbound-rtp).
 * `previous`: the counters of the sample before (null: rates unknown). Firefox repeats the last
 * receiver report in every getStats() until the next arrives (seconds apart for audio on a
 * saturated link), so a report no newer than the one seen before is not counted again: one lossy
 * interval must not step the video down twice.
 */
export function readLinkSignal(report: Report, cameraTrackId: string | null = null, previous: LinkCounters | null = null): LinkSignal {
  const entries = entriesOf(report);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const pair = selectedPair(entries, byId);
  let loss: number | null = null;
  let remoteRtt: number | null = null;
  for (const entry of entries) {
    if (entry.type !== 'remote-inbound-rtp') continue;
    const seenAt = previous?.remoteReports[entry.id as string];
    const timestamp = num(entry.timestamp);
    const stale = seenAt !== undefined && timestamp !== null && timestamp <= seenAt;
    const fraction = num(entry.fractionLost);
    if (fraction !== null && !stale) loss = Math.max(loss ?? 0, fraction);
    remoteRtt ??= num(entry.roundTripTime);
  }
  const camera = cameraOutbound(entries, byId, cameraTrackId);
  const rtt = num(pair?.currentRoundTripTime) ?? remoteRtt;
  return {
    availableOutgoingBitrate: num(pair?.availableOutgoingBitrate),
    sendingBitrate: sendingBitrate(previous?.sent ?? null, readSentCounter(report)),
    loss,
    rttMs: rtt === null ? null : rtt * 1000,
    qualityLimitationReason: typeof camera?.qualityLimitationReason === 'string' ? camera.qualityLimitationReason : null,
    retransmitShare: retransmitShare(previous?.camera, readLinkCounters(report, cameraTrackId).camera),
  };
}

/** Sets a level's encoding on the camera sender; false when there is nothing to set yet. */
export async function applyVideoEncoding(sender: RTCRtpSender, level: LevelEncoding): Promise<boolean> {
  const parameters = sender.getParameters();
  const encoding = parameters.encodings?.[0];
  if (!encoding) return false;
  const same =
    encoding.active === level.active &&
    (encoding.scaleResolutionDownBy ?? 1) === level.scaleResolutionDownBy &&
    encoding.maxBitrate === level.maxBitrate &&
    encoding.maxFramerate === level.maxFramerate;
  if (same) return true;
  encoding.active = level.active;
  encoding.scaleResolutionDownBy = level.scaleResolutionDownBy;
  if (level.maxBitrate === undefined) delete encoding.maxBitrate;
  else encoding.maxBitrate = level.maxBitrate;
  if (level.maxFramerate === undefined) delete encoding.maxFramerate;
  else encoding.maxFramerate = level.maxFramerate;
  await sender.setParameters(parameters);
  return true;
}

/** Voice first: the audio encoding gets the highest priority for bandwidth and for the network. */
export async function applyAudioPriority(sender: RTCRtpSender): Promise<boolean> {
  const parameters = sender.getParameters();
  const encoding = parameters.encodings?.[0];
  if (!encoding) return false;
  if (encoding.priority === 'high' && encoding.networkPriority === 'high') return true;
  encoding.priority = 'high';
  encoding.networkPriority = 'high';
  await sender.setParameters(parameters);
  return true;
}
