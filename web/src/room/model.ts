import type { CallError, CallSnapshot, EndReason, FileTransfer, MediaErrorKind, ParticipantView, Quality } from '../../call';
import type { ChatMessage } from '../../call';

/**
 * Pure helpers of the call UI: which screen to show for a call state, texts keys for states and
 * errors, number formatting, grouping of chat and file transfers. No React, no DOM (unit-tested in Node).
 */

// --- browsers (for "how to allow the camera again") --------------------------------------------------

export type BrowserFamily = 'chrome' | 'edge' | 'firefox' | 'safari' | 'ios' | 'android' | 'other';

/**
 * The browser family whose settings the permission help explains. Every browser on iOS/iPadOS is
 * WebKit with the same settings (iPadOS reports itself as a Mac with a touch screen).
 */
export function detectBrowser(userAgent: string, maxTouchPoints = 0): BrowserFamily {
  const ua = userAgent;
  if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && maxTouchPoints > 1)) return 'ios';
  if (/Edg(e|A|iOS)?\//.test(ua)) return 'edge';
  if (/Firefox\//.test(ua)) return 'firefox';
  if (/Android/.test(ua)) return 'android';
  if (/Chrome\/|Chromium\//.test(ua)) return 'chrome';
  if (/Safari\//.test(ua)) return 'safari';
  return 'other';
}

/** The order in which the permission help lists browsers: the detected one first. */
export type HelpBrowser = Exclude<BrowserFamily, 'other'>;

export function browserHelpOrder(detected: BrowserFamily): HelpBrowser[] {
  const all: HelpBrowser[] = ['chrome', 'edge', 'firefox', 'safari', 'ios', 'android'];
  return detected === 'other' ? all : [detected, ...all.filter((family) => family !== detected)];
}

// --- device problems ------------------------------------------------------------------------------

/** Which explanation a device problem gets (keys under `room.deviceProblem.*`). */
export function deviceProblemKey(kind: MediaErrorKind): 'denied' | 'missing' | 'busy' | 'gone' | 'insecure' | 'unsupported' | 'other' {
  switch (kind) {
    case 'permission-denied':
      return 'denied';
    case 'no-device':
      return 'missing';
    case 'device-busy':
      return 'busy';
    case 'overconstrained':
      return 'gone';
    case 'blocked':
      return 'insecure';
    case 'unsupported':
      return 'unsupported';
    default:
      return 'other';
  }
}

/** What the device check says about camera and microphone together. */
export type DeviceSummary = 'checking' | 'ok' | 'audio-only' | 'video-only' | 'none';

export function deviceSummary(local: {
  acquiring: boolean;
  audioTrack: unknown;
  videoTrack: unknown;
  audioError: MediaErrorKind | null;
  videoError: MediaErrorKind | null;
}): DeviceSummary {
  const audio = Boolean(local.audioTrack);
  const video = Boolean(local.videoTrack);
  if (local.acquiring && !audio && !video && !local.audioError && !local.videoError) return 'checking';
  if (audio && video) return 'ok';
  if (audio) return 'audio-only';
  if (video) return 'video-only';
  return local.acquiring ? 'checking' : 'none';
}

// --- which screen a participant sees ----------------------------------------------------------------

export type RoomScreen = 'connecting' | 'waiting' | 'call' | 'ended' | 'failed';

export function roomScreen(snapshot: Pick<CallSnapshot, 'state' | 'self'>): RoomScreen {
  switch (snapshot.state) {
    case 'idle':
    case 'joining':
      return snapshot.self?.status === 'admitted' ? 'call' : 'connecting';
    case 'waiting':
      return 'waiting';
    case 'connected':
      return 'call';
    case 'reconnecting':
      return snapshot.self?.status === 'admitted' ? 'call' : snapshot.self ? 'waiting' : 'connecting';
    case 'ended':
      return 'ended';
    case 'failed':
      // A call whose links all failed stays on screen (with a banner); it may recover by itself.
      return snapshot.self?.status === 'admitted' ? 'call' : 'failed';
  }
}

/** The heading/text pair (keys under `room.end.*`) for a finished call. */
export type EndKind = 'ended' | 'left' | 'declined' | 'removed' | 'revoked' | 'replaced' | 'roomFull' | 'unauthenticated' | 'iceFailed' | 'connectionFailed';

export function endKind(reason: EndReason | null, error: CallError | null): EndKind {
  if (reason) {
    const byReason: Record<EndReason, EndKind> = {
      ended: 'ended',
      left: 'left',
      declined: 'declined',
      removed: 'removed',
      revoked: 'revoked',
      replaced: 'replaced',
    };
    return byReason[reason];
  }
  switch (error) {
    case 'room_full':
      return 'roomFull';
    case 'unauthenticated':
      return 'unauthenticated';
    case 'ice_configuration_failed':
      return 'iceFailed';
    default:
      return 'connectionFailed';
  }
}

/** Text key (under `room.status.*`) of a live status line for the overall call state. */
export function statusKey(snapshot: Pick<CallSnapshot, 'state' | 'self' | 'participants'>): string {
  const others = snapshot.participants.filter((p) => p.status === 'admitted');
  switch (snapshot.state) {
    case 'idle':
    case 'joining':
      return snapshot.self?.status === 'admitted' ? 'connectingPeers' : 'connecting';
    case 'waiting':
      return 'waiting';
    case 'connected':
      return others.length === 0 ? 'alone' : 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'failed':
      return 'failed';
    case 'ended':
      return 'ended';
  }
}

// --- participants -----------------------------------------------------------------------------------

/** Up to two initials of a name, for the tile of someone whose camera is off. */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return '?';
  const first = [...(words[0] as string)].find((char) => /\p{L}/u.test(char)) ?? '';
  const last = words.length > 1 ? ([...(words[words.length - 1] as string)].find((char) => /\p{L}/u.test(char)) ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** Admitted remote participants in a stable order (host first, then by name). */
/**
 * The name the host invited a guest under, when the guest typed another ("Alice Tester (Praxis)"):
 * shown next to the typed name so that a guest cannot pass for someone else. The server sends it to
 * the host only.
 */
export function invitedNameNote(participant: Pick<ParticipantView, 'displayName' | 'invitedName'>): string | undefined {
  const invited = participant.invitedName?.trim();
  return invited && invited !== participant.displayName.trim() ? invited : undefined;
}

export function inCall(participants: readonly ParticipantView[]): ParticipantView[] {
  return participants
    .filter((p) => p.status === 'admitted')
    .sort((a, b) => (a.role === 'host' ? -1 : 0) - (b.role === 'host' ? -1 : 0) || a.displayName.localeCompare(b.displayName) || a.id.localeCompare(b.id));
}

export function waitingRoom(participants: readonly ParticipantView[]): ParticipantView[] {
  return participants.filter((p) => p.status === 'waiting');
}

/** Ids that are waiting now but were not before: someone arrived (the host hears a chime). */
export function newArrivals(before: ReadonlySet<string>, participants: readonly ParticipantView[]): string[] {
  return waitingRoom(participants)
    .map((p) => p.id)
    .filter((id) => !before.has(id));
}

/** The participant whose screen share fills the stage, if any (the first one sharing). */
export function screenSharer(participants: readonly ParticipantView[]): ParticipantView | null {
  return inCall(participants).find((p) => p.screenStream !== null) ?? null;
}

// --- connection quality --------------------------------------------------------------------------------

export function qualityKey(quality: Quality | null | undefined): 'good' | 'fair' | 'poor' | 'unknown' {
  return quality ?? 'unknown';
}

// --- numbers ----------------------------------------------------------------------------------------------

const KB = 1024;

/**
 * File sizes in binary units with the customary names ("1,5 MB" in German), as Windows shows them;
 * the 100 MiB limit of the engine reads "100 MB".
 */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'] as const;
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= KB && unit < units.length - 1) {
    value /= KB;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${units[unit]}`;
}

/** Bits per second as kbit/s or Mbit/s. */
export function formatBitrate(bitsPerSecond: number | null, locale: string): string | null {
  if (bitsPerSecond === null || !Number.isFinite(bitsPerSecond)) return null;
  const format = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bitsPerSecond >= 1_000_000) return `${format(bitsPerSecond / 1_000_000, 1)} Mbit/s`;
  return `${format(Math.round(bitsPerSecond / 1000), 0)} kbit/s`;
}

export function formatPercent(fraction: number | null, locale: string): string | null {
  if (fraction === null || !Number.isFinite(fraction)) return null;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

export function formatRtt(rttMs: number | null, locale: string): string | null {
  if (rttMs === null || !Number.isFinite(rttMs)) return null;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(rttMs)} ms`;
}

/** Elapsed call time as m:ss or h:mm:ss. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (value: number) => String(value).padStart(2, '0');
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** Whole percent of a transfer (0–100). */
export function transferPercent(transfer: Pick<FileTransfer, 'bytes' | 'size' | 'state'>): number {
  if (transfer.state === 'done' || transfer.size === 0) return transfer.state === 'done' ? 100 : 0;
  return Math.min(100, Math.max(0, Math.floor((transfer.bytes / transfer.size) * 100)));
}

export function transferActive(transfer: Pick<FileTransfer, 'state'>): boolean {
  return transfer.state === 'hashing' || transfer.state === 'queued' || transfer.state === 'transferring' || transfer.state === 'verifying';
}

// --- chat timeline --------------------------------------------------------------------------------------

/** One file as the chat shows it: an outgoing file is one entry with a row per recipient. */
export interface FileEntry {
  kind: 'file';
  key: string;
  direction: 'outgoing' | 'incoming';
  at: number;
  transfers: FileTransfer[];
}

export type TimelineEntry = { kind: 'message'; key: string; at: number; message: ChatMessage } | FileEntry;

export function timeline(messages: readonly ChatMessage[], transfers: readonly FileTransfer[]): TimelineEntry[] {
  const entries: TimelineEntry[] = messages.map((message) => ({ kind: 'message', key: `m:${message.from}:${message.id}`, at: message.sentAt, message }));
  const outgoing = new Map<string, FileEntry>();
  for (const transfer of transfers) {
    if (transfer.direction === 'incoming') {
      entries.push({ kind: 'file', key: `in:${transfer.id}`, direction: 'incoming', at: transfer.startedAt, transfers: [transfer] });
      continue;
    }
    const existing = outgoing.get(transfer.fileId);
    if (existing) existing.transfers.push(transfer);
    else {
      const entry: FileEntry = { kind: 'file', key: `out:${transfer.fileId}`, direction: 'outgoing', at: transfer.startedAt, transfers: [transfer] };
      outgoing.set(transfer.fileId, entry);
      entries.push(entry);
    }
  }
  return entries.sort((a, b) => a.at - b.at);
}

/** Safe name for a downloaded file and the chat PDF (no path, no control characters). */
export function pdfFileName(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `Sprechzimmer-Chat-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}.pdf`;
}

/** Images we show as a small preview: the engine keeps their type (SVG and HTML never are). */
export function isPreviewableImage(blob: Blob | null): boolean {
  return blob !== null && ['image/png', 'image/jpeg', 'image/gif', 'image/webp'].includes(blob.type);
}

// --- waiting room -----------------------------------------------------------------------------------------

/** Seconds until a link opens, for the "opens at" page (null when the time is unknown or past). */
export function millisecondsUntil(isoTime: string | undefined, now: number): number | null {
  if (!isoTime) return null;
  const at = Date.parse(isoTime);
  if (!Number.isFinite(at)) return null;
  return Math.max(0, at - now);
}

/** Formats the opening time in the viewer's time zone, with the date when it is not today. */
export function formatOpensAt(isoTime: string, locale: string, now: Date): string {
  const at = new Date(isoTime);
  const sameDay = at.toDateString() === now.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'full', timeStyle: 'short' }).format(at);
}
