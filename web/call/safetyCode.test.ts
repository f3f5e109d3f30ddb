import { describe, expect, it } from 'vitest';
import { silentLogger } from './logger';
import {
  codeFromWords,
  deriveSafetyCode,
  fingerprintOfDescription,
  fingerprintsFromDescriptions,
  fingerprintsFromStats,
  normalizeFingerprint,
  safetyDigits,
  safetyWords,
} from './safetyCode';
import { SafetyCodes } from './SafetyCodes';
import { SAFETY_WORDS_DE, SAFETY_WORDS_EN } from './safetyWords';

const HOST = `sha-256 ${Array(32).fill('AB').join(':')}`;
const GUEST = `sha-256 ${Array(32).fill('01').join(':')}`;
const ATTACKER = `sha-256 ${Array(32).fill('EE').join(':')}`;

/** A Chrome-shaped report: the transport names both certificates (fingerprints in lower case, as Chrome may give them). */
function chromeReport(local: string, remote: string, dtlsState = 'connected') {
  const [localAlg, localHex] = local.split(' ');
  const [remoteAlg, remoteHex] = remote.split(' ');
  const entries = [
    { id: 'T', type: 'transport', dtlsState, localCertificateId: 'CL', remoteCertificateId: 'CR' },
    { id: 'CL', type: 'certificate', fingerprint: localHex!.toLowerCase(), fingerprintAlgorithm: localAlg },
    { id: 'CR', type: 'certificate', fingerprint: remoteHex, fingerprintAlgorithm: remoteAlg },
  ];
  return new Map(entries.map((entry) => [entry.id, entry])) as unknown as RTCStatsReport;
}

const sdpWith = (fingerprint: string) =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', `a=fingerprint:${fingerprint}`, 'm=audio 9 UDP/TLS/RTP/SAVPF 111', ''].join('\r\n');

describe('safety code derivation', () => {
  it('matches the known vector (both sides and every version must agree on it)', async () => {
    expect(await deriveSafetyCode({ local: HOST, remote: GUEST, source: 'stats' })).toBe('e350b8b59e7bd7cb');
    expect(safetyDigits('e350b8b59e7bd7cb')).toBe('16379 79493 49340 01611');
  });

  it('gives both ends of a connection the same code, whatever their order', async () => {
    const host = await deriveSafetyCode({ local: HOST, remote: GUEST, source: 'stats' });
    const guest = await deriveSafetyCode({ local: GUEST, remote: HOST, source: 'description' });
    expect(guest).toBe(host);
  });

  it('differs on the two sides of a man in the middle', async () => {
    const host = await deriveSafetyCode({ local: HOST, remote: ATTACKER, source: 'stats' });
    const guest = await deriveSafetyCode({ local: GUEST, remote: ATTACKER, source: 'stats' });
    expect(guest).not.toBe(host);
  });

  it('spells one fingerprint one way, from stats and from descriptions, and refuses what is not one', () => {
    expect(normalizeFingerprint('SHA-256', 'ab:cd'.padEnd(47, ':ef'))).toBe(normalizeFingerprint('sha-256', 'AB:CD'.padEnd(47, ':EF')));
    expect(normalizeFingerprint('sha-256', 'zz:zz')).toBeNull();
    expect(normalizeFingerprint('sha-256', 'AB:CD')).toBeNull(); // too short to be a certificate digest
    expect(fingerprintsFromStats(chromeReport(HOST, GUEST))).toEqual({ local: HOST, remote: GUEST, source: 'stats' });
    expect(fingerprintOfDescription(sdpWith(HOST.replace('sha-256', 'SHA-256')))).toBe(HOST);
    expect(fingerprintsFromDescriptions(sdpWith(GUEST), sdpWith(HOST))).toEqual({ local: GUEST, remote: HOST, source: 'description' });
    expect(fingerprintsFromDescriptions(sdpWith(GUEST), null)).toBeNull();
    // Firefox reports no certificate stats: the descriptions are used instead.
    expect(fingerprintsFromStats(new Map() as unknown as RTCStatsReport)).toBeNull();
  });
});

describe('safety code words and digits', () => {
  it('has two lists of 256 distinct words', () => {
    for (const words of [SAFETY_WORDS_DE, SAFETY_WORDS_EN]) {
      expect(words).toHaveLength(256);
      expect(new Set(words.map((word) => word.toLowerCase())).size).toBe(256);
    }
  });

  it('turns the code into eight words and back, in either language', () => {
    const code = 'e350b8b59e7bd7cb';
    for (const words of [SAFETY_WORDS_DE, SAFETY_WORDS_EN]) {
      const spoken = safetyWords(code, words);
      expect(spoken).toHaveLength(8);
      expect(codeFromWords(spoken, words)).toBe(code);
      expect(
        codeFromWords(
          spoken.map((word) => word.toUpperCase()),
          words,
        ),
      ).toBe(code);
    }
    expect(safetyWords('0000000000000000', SAFETY_WORDS_EN)).toEqual(Array(8).fill(SAFETY_WORDS_EN[0]));
    expect(codeFromWords(['no', 'such', 'words'], SAFETY_WORDS_EN)).toBeNull();
    expect(safetyDigits('ffffffffffffffff')).toBe('18446 74407 37095 51615');
    expect(() => safetyWords('xyz', SAFETY_WORDS_EN)).toThrow();
  });
});

describe('SafetyCodes (per link, in memory)', () => {
  const none = { local: null, remote: null };
  /** Derivation is asynchronous (WebCrypto); wait for its change notice rather than a fixed time, which a loaded CI machine overran. */
  function changeCounter() {
    let count = 0;
    const waiters: Array<{ atLeast: number; resolve: () => void }> = [];
    return {
      onChange: () => {
        count += 1;
        for (const waiter of waiters.filter((entry) => count >= entry.atLeast)) waiter.resolve();
      },
      get count() {
        return count;
      },
      reached: (atLeast: number) => (count >= atLeast ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ atLeast, resolve }))),
    };
  }

  it('derives once per certificate pair, marks a match, and clears the mark visibly when the certificates change', async () => {
    const changes = changeCounter();
    const codes = new SafetyCodes({ logger: silentLogger, onChange: changes.onChange });
    codes.observe('guest', chromeReport(HOST, GUEST), none);
    codes.observe('guest', chromeReport(HOST, GUEST), none);
    await changes.reached(1);
    const first = codes.view('guest')!;
    expect(first).toMatchObject({ verified: false, changed: false, source: 'stats' });

    expect(codes.markVerified('guest', 'ffffffffffffffff')).toBe(false);
    expect(codes.markVerified('guest', first.code)).toBe(true);
    expect(codes.view('guest')!.verified).toBe(true);
    // The repeated sample derived nothing a second time: one change for it, one for the mark.
    expect(changes.count).toBe(2);

    // A reconnect that re-keys: a new code, the mark gone, and said so.
    codes.observe('guest', chromeReport(HOST, ATTACKER), none);
    await changes.reached(3);
    expect(codes.view('guest')).toMatchObject({ verified: false, changed: true });
    expect(codes.view('guest')!.code).not.toBe(first.code);
    // The old code cannot be confirmed any more.
    expect(codes.markVerified('guest', first.code)).toBe(false);
  });

  it('falls back to the negotiated descriptions, and forgets a peer who left', async () => {
    const changes = changeCounter();
    const codes = new SafetyCodes({ logger: silentLogger, onChange: changes.onChange });
    codes.observe('host', new Map() as unknown as RTCStatsReport, { local: sdpWith(GUEST), remote: sdpWith(HOST) });
    await changes.reached(1);
    expect(codes.view('host')).toMatchObject({ source: 'description', code: await deriveSafetyCode({ local: HOST, remote: GUEST, source: 'stats' }) });
    codes.sync([]);
    expect(codes.view('host')).toBeNull();
  });
});
