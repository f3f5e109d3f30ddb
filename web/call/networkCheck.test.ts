import { describe, expect, it } from 'vitest';
import { assessNetwork, isGloballyReachable, parseCandidate, type GatheredCandidate, type NetworkObservation, type RelayOutcome } from './networkCheck';

const host = (address: string, protocol: 'udp' | 'tcp' = 'udp'): GatheredCandidate => ({ type: 'host', protocol, address });
const srflx: GatheredCandidate = { type: 'srflx', protocol: 'udp', address: '84.12.3.4' };
const relayCandidate: GatheredCandidate = { type: 'relay', protocol: 'udp', address: '157.90.1.2' };
const relayWorks: RelayOutcome = { ok: true, roundTripMs: 42, messages: 5 };
const relayFails: RelayOutcome = { ok: false, reason: 'no-relay-candidate' };

function observe(overrides: Partial<NetworkObservation>): NetworkObservation {
  return { candidates: [], stunConfigured: true, turnConfigured: true, relay: relayWorks, callsRelayOnly: false, ...overrides };
}
const verdictOf = (overrides: Partial<NetworkObservation>) => assessNetwork(observe(overrides)).verdict;

describe('parseCandidate', () => {
  it('reads type, protocol and address from Chrome’s and Firefox’s candidate lines', () => {
    expect(parseCandidate('candidate:842163049 1 udp 1677729535 84.12.3.4 41234 typ srflx raddr 192.168.1.5 rport 41234 generation 0')).toEqual(srflx);
    expect(parseCandidate('a=candidate:1 1 UDP 2122252543 192.168.1.5 50000 typ host')).toEqual(host('192.168.1.5'));
    expect(parseCandidate('candidate:3 1 tcp 1518280447 2a01:4f8::1 9 typ host tcptype active')).toEqual(host('2a01:4f8::1', 'tcp'));
    expect(parseCandidate('candidate:5 1 udp 41885439 157.90.1.2 50123 typ relay raddr 0.0.0.0 rport 0')).toEqual(relayCandidate);
    expect(parseCandidate('candidate:7 1 udp 2113937151 3f1c9a2e-8b1d-4c51-9d3c-1b2f3a4b5c6d.local 52001 typ host')).toEqual(
      host('3f1c9a2e-8b1d-4c51-9d3c-1b2f3a4b5c6d.local'),
    );
  });

  it('ignores the end-of-candidates marker and lines it cannot read', () => {
    expect(parseCandidate('')).toBeNull();
    expect(parseCandidate('candidate:1 1 sctp 1 1.2.3.4 5 typ host')).toBeNull();
    expect(parseCandidate('candidate:1 1 udp 1 1.2.3.4 5 typ unknown')).toBeNull();
  });
});

describe('isGloballyReachable', () => {
  it.each(['84.12.3.4', '157.90.1.2', '2a01:4f8:c0c:1234::1', '::ffff:84.12.3.4'])('%s is reachable from the internet', (address) => {
    expect(isGloballyReachable(address)).toBe(true);
  });

  it.each([
    '10.1.2.3',
    '172.20.0.4',
    '192.168.178.20',
    '100.72.1.1', // carrier-grade NAT (mobile networks)
    '127.0.0.1',
    '169.254.10.10',
    '192.0.2.1', // documentation range, used by the e2e namespace
    '0.0.0.0',
    'fd00::1',
    'fe80::1',
    '::1',
    '2001:db8::1',
    '::ffff:192.168.1.1',
    'abc.local',
    '300.1.1.1',
  ])('%s is not', (address) => {
    expect(isGloballyReachable(address)).toBe(false);
  });
});

describe('assessNetwork: candidates and relay → verdict', () => {
  it('works: STUN answered through the NAT and the relay works', () => {
    expect(verdictOf({ candidates: [host('192.168.1.5'), srflx, relayCandidate] })).toBe('works');
  });

  it('works: a public host address (no NAT) and the relay works', () => {
    expect(verdictOf({ candidates: [host('84.12.3.4'), relayCandidate] })).toBe('works');
  });

  it('works only through our relay: private host addresses, no server-reflexive candidate', () => {
    expect(verdictOf({ candidates: [host('192.168.1.5'), host('fd00::5'), relayCandidate] })).toBe('relay-only');
    // Chrome's hidden host addresses count as private.
    expect(verdictOf({ candidates: [host('abc.local'), relayCandidate] })).toBe('relay-only');
  });

  it('a public address over TCP alone is no direct path for calls (they use UDP)', () => {
    expect(verdictOf({ candidates: [host('84.12.3.4', 'tcp'), relayCandidate] })).toBe('relay-only');
  });

  it('blocked: neither a direct path nor the relay', () => {
    expect(verdictOf({ candidates: [host('10.0.0.8')], relay: relayFails })).toBe('blocked');
    expect(verdictOf({ candidates: [], relay: { ok: false, reason: 'no-connection' } })).toBe('blocked');
    expect(verdictOf({ candidates: [host('10.0.0.8')], relay: { ok: false, reason: 'no-echo' } })).toBe('blocked');
  });

  it('direct only: the relay cannot be reached, but STUN answered', () => {
    expect(verdictOf({ candidates: [host('10.0.0.8'), srflx], relay: relayFails })).toBe('direct-only');
  });

  it('without any TURN server, a direct path is all there is to test', () => {
    expect(verdictOf({ turnConfigured: false, relay: null, candidates: [srflx] })).toBe('works');
    expect(verdictOf({ turnConfigured: false, relay: null, candidates: [host('192.168.1.5')] })).toBe('blocked');
  });

  it('untested: no STUN and no TURN server configured, and nothing reachable to judge by', () => {
    expect(verdictOf({ stunConfigured: false, turnConfigured: false, relay: null, candidates: [host('192.168.1.5')] })).toBe('untested');
  });

  it('where every call is relayed, only the relay decides', () => {
    expect(verdictOf({ callsRelayOnly: true, candidates: [host('192.168.1.5'), relayCandidate] })).toBe('works');
    expect(verdictOf({ callsRelayOnly: true, candidates: [host('192.168.1.5'), srflx], relay: relayFails })).toBe('blocked');
  });

  it('reports what it saw beside the verdict', () => {
    expect(assessNetwork(observe({ candidates: [srflx], relay: relayFails }))).toEqual({ verdict: 'direct-only', direct: true, relayWorks: false });
  });
});
