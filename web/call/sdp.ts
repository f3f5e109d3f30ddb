/**
 * Opus with in-band FEC and DTX (audio has priority on a weak link). In SDP an `a=fmtp` line
 * states what its author wants to receive; every participant runs this on the descriptions it
 * sends, so the other side encodes its voice with forward error correction (a lost packet is
 * rebuilt from the next one) and sends almost nothing during silence (more room for the voice when
 * it matters). Chrome offers `useinbandfec=1` by default but not `usedtx`; Firefox neither.
 */

const OPUS_RTPMAP = /^a=rtpmap:(\d+) opus\/48000(?:\/2)?$/i;

function withParameters(fmtp: string, wanted: Record<string, string>): string {
  const space = fmtp.indexOf(' ');
  const head = space === -1 ? fmtp : fmtp.slice(0, space);
  const parameters =
    space === -1
      ? []
      : fmtp
          .slice(space + 1)
          .split(';')
          .map((p) => p.trim())
          .filter((p) => p.length > 0);
  const names = new Set(Object.keys(wanted));
  const kept = parameters.filter((p) => !names.has(p.split('=')[0]!.trim().toLowerCase()));
  return `${head} ${[...kept, ...Object.entries(wanted).map(([name, value]) => `${name}=${value}`)].join(';')}`;
}

/** The SDP with `useinbandfec=1;usedtx=1` on every Opus payload type (added or overriding). */
export function withOpusFecDtx(sdp: string): string {
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  const opus = new Set<string>();
  for (const line of lines) {
    const match = OPUS_RTPMAP.exec(line);
    if (match) opus.add(match[1]!);
  }
  if (opus.size === 0) return sdp;
  const wanted = { useinbandfec: '1', usedtx: '1' };
  const out: string[] = [];
  for (const line of lines) {
    const fmtp = /^a=fmtp:(\d+)(?: |$)/.exec(line);
    if (fmtp && opus.has(fmtp[1]!)) {
      out.push(withParameters(line, wanted));
      continue;
    }
    out.push(line);
    const rtpmap = OPUS_RTPMAP.exec(line);
    // An Opus payload type without any fmtp line gets one right after its rtpmap.
    if (rtpmap && !lines.some((other) => other.startsWith(`a=fmtp:${rtpmap[1]} `))) {
      out.push(`a=fmtp:${rtpmap[1]} useinbandfec=1;usedtx=1`);
    }
  }
  return out.join(eol);
}
