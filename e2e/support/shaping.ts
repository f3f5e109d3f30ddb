import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { ui, type AnyPage } from './engines';

/**
 * A weak link for tests: `tc tbf` on `lo` of the test's own network namespace (e2e/netns.sh; netem
 * is not available on these machines, tbf is). Everything on loopback shares the limit — media,
 * signaling, HTTP — as on a real weak uplink. Refuses to run outside the namespace: shaping the
 * machine's own `lo` would slow every other test on it.
 */

const run = promisify(execFile);

function insideNamespace(): void {
  if (process.env.SZ_NETNS !== '1') throw new Error('shaping lo only inside e2e/netns.sh (SZ_NETNS=1)');
}

/**
 * Limits loopback to `kbit` kbit/s (a 200 ms queue, then drops). `exceptPorts`: TCP ports of the
 * test's own remote control of a browser (Firefox's WebDriver BiDi socket runs over loopback and
 * closes when starved) stay unlimited; everything of the app — media, signaling, HTTP — shares the limit.
 */
export async function limitLoopback(kbit: number, options: { exceptPorts?: readonly number[] } = {}): Promise<void> {
  insideNamespace();
  const ports = options.exceptPorts ?? [];
  if (ports.length === 0) {
    await run('tc', ['qdisc', 'replace', 'dev', 'lo', 'root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '16kbit', 'latency', '200ms']);
    return;
  }
  await liftLoopbackLimit();
  // htb: everything in the limited class 1:10 but the excepted ports (class 1:20). Its queue holds
  // what the limit sends in 200 ms, as tbf's `latency 200ms` does.
  const queueBytes = Math.max(3_000, Math.round((kbit * 1000 * 0.2) / 8));
  await run('tc', ['qdisc', 'add', 'dev', 'lo', 'root', 'handle', '1:', 'htb', 'default', '10']);
  await run('tc', ['class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:10', 'htb', 'rate', `${kbit}kbit`, 'ceil', `${kbit}kbit`, 'burst', '16kbit']);
  await run('tc', ['qdisc', 'add', 'dev', 'lo', 'parent', '1:10', 'handle', '10:', 'bfifo', 'limit', `${queueBytes}`]);
  await run('tc', ['class', 'add', 'dev', 'lo', 'parent', '1:', 'classid', '1:20', 'htb', 'rate', '1000mbit']);
  for (const port of ports) {
    for (const direction of ['sport', 'dport']) {
      await run('tc', [
        'filter',
        'add',
        'dev',
        'lo',
        'parent',
        '1:',
        'protocol',
        'ip',
        'prio',
        '1',
        'u32',
        'match',
        'ip',
        direction,
        `${port}`,
        '0xffff',
        'flowid',
        '1:20',
      ]);
    }
  }
}

/** Removes the limit (no error when there is none). */
export async function liftLoopbackLimit(): Promise<void> {
  insideNamespace();
  const { stdout } = await run('tc', ['qdisc', 'show', 'dev', 'lo']);
  if (stdout.includes('tbf') || stdout.includes('htb')) await run('tc', ['qdisc', 'del', 'dev', 'lo', 'root']);
}

/** One in-page sample (the page samples itself: shaping slows every connection to the browser). */
export interface LinkSample {
  at: number;
  /** Inbound audio packets and decoded video frames over all peer connections. */
  audioPackets: number;
  framesDecoded: number;
  /** Our video to the (first) remote participant, from the session's adaptation snapshot. */
  sentLevel: string | null;
  networkLevel: string | null;
  available: number | null;
  /** What the engine's last stats sample said of the link (diagnostics for a failure message). */
  rttMs: number | null;
  loss: number | null;
  limitation: string | null;
  /** Bits per second our side sent on the selected candidate pair since the previous sample. */
  sendingBitrate: number | null;
  /** Text of the weak-link notice, '' when none is shown. */
  notice: string;
}

/** Starts sampling `getStats()` and the call snapshot inside the page every `everyMs`. */
export async function startLinkRecorder(page: AnyPage, everyMs = 250): Promise<void> {
  await ui(page).evaluateScript(`(() => {
    if (window.__szLinkLog) clearInterval(window.__szLinkLog.timer);
    const log = { samples: [], timer: 0, busy: false, lastPair: null };
    window.__szLinkLog = log;
    log.timer = setInterval(async () => {
      if (log.busy) return;
      log.busy = true;
      try {
        const inbound = await window.__szProbe.inbound();
        const session = window.__sprechzimmerCall;
        const link = session ? Object.values(session.getSnapshot().adaptation.links)[0] : undefined;
        const notice = document.querySelector('[data-testid="weak-link"]');
        let sendingBitrate = null;
        const remote = session ? session.getSnapshot().participants.find((p) => p.status === 'admitted') : undefined;
        const pc = remote ? session.peerConnection(remote.id) : null;
        if (pc) {
          const report = await pc.getStats();
          let pair = null;
          report.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId); });
          if (!pair) report.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
          if (pair && log.lastPair && pair.timestamp > log.lastPair.timestamp) {
            sendingBitrate = Math.round(((pair.bytesSent - log.lastPair.bytesSent) * 8 * 1000) / (pair.timestamp - log.lastPair.timestamp));
          }
          if (pair) log.lastPair = { bytesSent: pair.bytesSent, timestamp: pair.timestamp };
        }
        log.samples.push({
          at: Date.now(),
          audioPackets: inbound.filter((s) => s.kind === 'audio').reduce((sum, s) => sum + s.packetsReceived, 0),
          framesDecoded: inbound.filter((s) => s.kind === 'video').reduce((sum, s) => sum + s.framesDecoded, 0),
          sentLevel: link ? link.sentLevel : null,
          networkLevel: link ? link.networkLevel : null,
          available: link && link.signal ? link.signal.availableOutgoingBitrate : null,
          rttMs: link && link.signal ? link.signal.rttMs : null,
          loss: link && link.signal ? link.signal.loss : null,
          limitation: link && link.signal ? link.signal.qualityLimitationReason : null,
          sendingBitrate,
          notice: notice ? notice.textContent : '',
        });
        if (log.samples.length > 4000) log.samples.shift();
      } finally {
        log.busy = false;
      }
    }, ${everyMs});
  })()`);
}

/**
 * The samples recorded so far from `since` on (the recorder keeps running). Only those cross the
 * link to the test: on a shaped loopback the whole record (up to 4000 samples) would take seconds.
 */
export function readLinkRecorder(page: AnyPage, since = 0): Promise<LinkSample[]> {
  return ui(page).evaluateScript(`window.__szLinkLog ? window.__szLinkLog.samples.filter((s) => s.at >= ${Number(since)}) : []`) as Promise<LinkSample[]>;
}

/** Polls the page's own record until a sample after `since` satisfies `predicate`; returns it. */
export async function waitForSample(
  page: AnyPage,
  since: number,
  predicate: (sample: LinkSample) => boolean,
  timeoutMs: number,
  what: string,
): Promise<LinkSample> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const samples = await readLinkRecorder(page, Math.min(since, Date.now() - 40_000));
    const hit = samples.find((sample) => sample.at >= since && predicate(sample));
    if (hit) return hit;
    if (Date.now() > deadline) {
      throw new Error(
        `${what} not seen within ${timeoutMs} ms; last samples: ${JSON.stringify(samples.slice(-2))}\n${linkTimeline(samples, Date.now() - 40_000)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The first sample after `since` from which `predicate` held for `holdMs` without a break (a probe
 * that is undone two samples later does not count); it must start within `timeoutMs` of `since`.
 */
export async function waitForStretch(
  page: AnyPage,
  since: number,
  predicate: (sample: LinkSample) => boolean,
  holdMs: number,
  timeoutMs: number,
  what: string,
): Promise<LinkSample> {
  for (;;) {
    const samples = await readLinkRecorder(page, since);
    for (let i = 0; i < samples.length; i += 1) {
      const start = samples[i]!;
      if (start.at > since + timeoutMs) break;
      if (!predicate(start)) continue;
      const stretch = samples.filter((sample) => sample.at >= start.at && sample.at <= start.at + holdMs);
      const covered = samples.some((sample) => sample.at >= start.at + holdMs);
      if (covered && stretch.every(predicate)) return start;
    }
    if (Date.now() > since + timeoutMs + holdMs + 2_000) {
      throw new Error(`${what} not seen within ${timeoutMs} ms (held ${holdMs} ms)\n${linkTimeline(samples, since - 4_000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** One line per ~2 s from `from` on: what a failure message needs to tell a slow link from a stuck engine. */
export function linkTimeline(samples: LinkSample[], from: number): string {
  const lines: string[] = [];
  let next = from;
  for (const sample of samples) {
    if (sample.at < next) continue;
    next = sample.at + 2_000;
    const kbit = (value: number | null) => (value === null ? '-' : `${Math.round(value / 1000)}k`);
    lines.push(
      `${new Date(sample.at).toISOString().slice(11, 23)} ${sample.sentLevel}/${sample.networkLevel} est ${kbit(sample.available)} sent ${kbit(sample.sendingBitrate)} ` +
        `rtt ${sample.rttMs === null ? '-' : Math.round(sample.rttMs)} loss ${sample.loss ?? '-'} limit ${sample.limitation ?? '-'} frames ${sample.framesDecoded} audio ${sample.audioPackets}`,
    );
  }
  return lines.join('\n');
}

/** The longest time (ms) between two samples in [from, to] in which inbound audio packets did not grow. */
export function longestAudioGap(samples: LinkSample[], from: number, to: number): number {
  const window = samples.filter((sample) => sample.at >= from && sample.at <= to);
  let longest = 0;
  let lastRise = window[0]?.at ?? from;
  for (let i = 1; i < window.length; i += 1) {
    if (window[i]!.audioPackets > window[i - 1]!.audioPackets) lastRise = window[i]!.at;
    longest = Math.max(longest, window[i]!.at - lastRise);
  }
  return longest;
}

/** Inbound audio packets counted between `from` and `to` (0 with fewer than two samples there). */
export function audioPacketsBetween(samples: LinkSample[], from: number, to: number): number {
  const window = samples.filter((s) => s.at >= from && s.at <= to);
  return window.length > 1 ? window.at(-1)!.audioPackets - window[0]!.audioPackets : 0;
}

/**
 * The voice arrived steadily over [from, to]: sampled throughout, at least the 2.5 packets/s Opus
 * sends in DTX silence (50/s while the fake microphone beeps), and no gap over 2 s.
 */
export function expectSteadyAudio(samples: LinkSample[], from: number, to: number, who = 'page'): void {
  expect(samples.filter((s) => s.at >= from && s.at <= to).length, who).toBeGreaterThan(20);
  expect(audioPacketsBetween(samples, from, to), who).toBeGreaterThan(((to - from) / 1000) * 2.5);
  expect(longestAudioGap(samples, from, to), who).toBeLessThanOrEqual(2_000);
}
