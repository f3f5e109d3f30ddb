/**
 * What the connection test (issue 9 §5) concludes from what it saw, in one of a few plain verdicts.
 * Pure: the browser part that gathers candidates and relays messages is networkProbe.ts.
 *
 * - `works`: a direct path is likely (a server-reflexive candidate, i.e. STUN answered through the
 *   NAT, or a host address that is reachable from the internet) and, where the installation has a
 *   relay, the relay works as well; or every call is relayed anyway and the relay works.
 * - `relay-only`: no direct path, but our relay works: calls will run through it.
 * - `direct-only`: a direct path is likely but our relay could not be reached: most calls work,
 *   those with someone behind a strict firewall may not.
 * - `blocked`: neither: calls will not connect from this network.
 * - `untested`: the installation has neither STUN nor TURN, so there is nothing to test against.
 */
type NetworkVerdict = 'works' | 'relay-only' | 'direct-only' | 'blocked' | 'untested';

type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

export interface GatheredCandidate {
  type: CandidateType;
  protocol: 'udp' | 'tcp';
  /** An IP address, or an mDNS name (`….local`) where the browser hides the address. */
  address: string;
}

export type RelayOutcome = { ok: true; roundTripMs: number; messages: number } | { ok: false; reason: 'no-relay-candidate' | 'no-connection' | 'no-echo' };

export interface NetworkObservation {
  /** Candidates gathered with the server's STUN and TURN servers (policy `all`). */
  candidates: readonly GatheredCandidate[];
  stunConfigured: boolean;
  turnConfigured: boolean;
  /** The relay-only loopback through TURN; null where there is no TURN server to try. */
  relay: RelayOutcome | null;
  /** The installation relays every call (ICE_RELAY_ONLY): only the relay matters. */
  callsRelayOnly: boolean;
}

export interface NetworkAssessment {
  verdict: NetworkVerdict;
  /** A direct (peer-to-peer) path is likely from this network. */
  direct: boolean;
  /** The relay loopback worked. */
  relayWorks: boolean;
}

/** `candidate:<foundation> <component> <protocol> <priority> <address> <port> typ <type> …`, with or without `a=`. */
export function parseCandidate(line: string): GatheredCandidate | null {
  const parts = line
    .trim()
    .replace(/^a=/, '')
    .replace(/^candidate:/, '')
    .split(/\s+/);
  const protocol = parts[2]?.toLowerCase();
  const address = parts[4];
  const typeIndex = parts.indexOf('typ');
  const type = typeIndex >= 0 ? parts[typeIndex + 1] : undefined;
  if ((protocol !== 'udp' && protocol !== 'tcp') || !address) return null;
  if (type !== 'host' && type !== 'srflx' && type !== 'prflx' && type !== 'relay') return null;
  return { type, protocol, address };
}

const ipv4Pattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * IPv4 ranges that are not reachable from the internet (IANA special-purpose registry): a host
 * candidate there means the device sits behind a NAT or on a closed network.
 */
const specialIpv4: readonly [string, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 3],
];

function ipv4Number(address: string): number | null {
  const match = ipv4Pattern.exec(address);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return null;
  return octets.reduce((value, octet) => value * 256 + octet, 0);
}

function inIpv4Range(value: number, [base, bits]: readonly [string, number]): boolean {
  const size = 2 ** (32 - bits);
  const start = ipv4Number(base) ?? 0;
  return value >= start && value < start + size;
}

/** Whether a host candidate's address could be reached from the internet without a NAT in between. */
export function isGloballyReachable(address: string): boolean {
  const v4 = ipv4Number(address);
  if (v4 !== null) return !specialIpv4.some((range) => inIpv4Range(v4, range));
  const v6 = address.toLowerCase().replace(/^\[|\]$/g, '');
  // mDNS names (Chrome hides host addresses behind `<uuid>.local`) and anything that is not IPv6.
  if (!v6.includes(':')) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
  if (mapped?.[1]) return isGloballyReachable(mapped[1]);
  const firstGroup = Number.parseInt(v6.split(':')[0] || '0', 16);
  // Global unicast is 2000::/3, minus the documentation prefix 2001:db8::/32.
  if (firstGroup < 0x2000 || firstGroup > 0x3fff) return false;
  return !v6.startsWith('2001:db8:') && !v6.startsWith('2001:0db8:');
}

/** True where the candidates promise a direct path (over UDP, which calls use). */
function hasDirectPath(candidates: readonly GatheredCandidate[]): boolean {
  return candidates.some(
    (candidate) =>
      candidate.protocol === 'udp' &&
      (candidate.type === 'srflx' || candidate.type === 'prflx' || (candidate.type === 'host' && isGloballyReachable(candidate.address))),
  );
}

export function assessNetwork(observation: NetworkObservation): NetworkAssessment {
  const direct = hasDirectPath(observation.candidates);
  const relayWorks = observation.relay?.ok === true;
  const assessment = (verdict: NetworkVerdict): NetworkAssessment => ({ verdict, direct, relayWorks });
  if (observation.callsRelayOnly && observation.turnConfigured) return assessment(relayWorks ? 'works' : 'blocked');
  if (relayWorks) return assessment(direct ? 'works' : 'relay-only');
  if (direct) return assessment(observation.turnConfigured ? 'direct-only' : 'works');
  if (!observation.stunConfigured && !observation.turnConfigured) return assessment('untested');
  return assessment('blocked');
}
