import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Config } from '../config/config';
import { connectionTestIce } from './ice';

const now = new Date('2026-03-02T09:00:00.000Z');
const nowSeconds = now.getTime() / 1000;
const callRelay: Config['ice'] = {
  stunUrls: ['stun:stun.example.net:3478'],
  turnUrls: ['turn:turn.example.net:3478?transport=udp'],
  turnSecret: 'call relay secret of some length',
  turnCredentialTtlSeconds: 3600,
  relayOnly: false,
  testTurnUrls: [],
  testTurnSecret: undefined,
};
const sign = (secret: string, username: string) => createHmac('sha1', secret).update(username).digest('base64');

describe('connectionTestIce', () => {
  it('signs two-minute credentials for the call relay when no test relay is configured', () => {
    const { iceServers, expiresAt } = connectionTestIce(callRelay, now, 'abc');
    expect(expiresAt.getTime()).toBe(now.getTime() + 120_000);
    expect(iceServers).toEqual([
      { urls: ['stun:stun.example.net:3478'] },
      { urls: callRelay.turnUrls, username: `${nowSeconds + 120}:test-abc`, credential: sign(callRelay.turnSecret!, `${nowSeconds + 120}:test-abc`) },
    ]);
  });

  it('uses the self-only test relay and its own secret when configured, so the credentials open nothing else', () => {
    const ice = { ...callRelay, testTurnUrls: ['turn:turn.example.net:3479?transport=udp'], testTurnSecret: 'test relay secret of some length' };
    const relay = connectionTestIce(ice, now, 'abc').iceServers[1];
    expect(relay?.urls).toEqual(['turn:turn.example.net:3479?transport=udp']);
    expect(relay?.credential).toBe(sign('test relay secret of some length', relay?.username ?? ''));
    expect(relay?.credential).not.toBe(sign(callRelay.turnSecret!, relay?.username ?? ''));
  });

  it('never outlives the call credentials, and gives STUN only where there is no relay', () => {
    expect(connectionTestIce({ ...callRelay, turnCredentialTtlSeconds: 60 }, now, 'abc').expiresAt.getTime()).toBe(now.getTime() + 60_000);
    expect(connectionTestIce({ ...callRelay, turnUrls: [], turnSecret: undefined }, now, 'abc').iceServers).toEqual([{ urls: ['stun:stun.example.net:3478'] }]);
  });
});
