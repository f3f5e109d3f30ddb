import type { IceConfiguration } from '../../common/api/consultations';
import type { Config } from '../config/config';
import { turnRestCredential } from '../consultations/ice';
import { CONNECTION_TEST_TTL_SECONDS } from './policy';

/**
 * ICE servers for one connection test: the STUN servers calls use, and the connection-test relay
 * (`TURN_TEST_URLS`, a coturn that relays only between its own allocations, see the README) or,
 * without one, the call relay — with credentials of at most two minutes either way. `testId` is
 * random, so coturn's log cannot tie a test to an invitation or a person.
 */
export function connectionTestIce(ice: Config['ice'], now: Date, testId: string): { iceServers: IceConfiguration['iceServers']; expiresAt: Date } {
  const ttlSeconds = Math.min(CONNECTION_TEST_TTL_SECONDS, ice.turnCredentialTtlSeconds);
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const iceServers: IceConfiguration['iceServers'] = [];
  if (ice.stunUrls.length > 0) iceServers.push({ urls: ice.stunUrls });
  const relay = ice.testTurnUrls.length > 0 ? { urls: ice.testTurnUrls, secret: ice.testTurnSecret } : { urls: ice.turnUrls, secret: ice.turnSecret };
  if (relay.urls.length > 0) {
    iceServers.push(relay.secret ? { urls: relay.urls, ...turnRestCredential(relay.secret, `test-${testId}`, expiry) } : { urls: relay.urls });
  }
  return { iceServers, expiresAt: new Date(expiry * 1000) };
}
