import { createHmac } from 'node:crypto';
import type { IceConfiguration } from '../../common/api/consultations';
import type { Config } from '../config/config';

/**
 * ICE servers for one participant. With TURN_SECRET, credentials follow the TURN REST scheme coturn
 * checks with `use-auth-secret`: username `<expiry>:<participant>`, password
 * base64(HMAC-SHA1(secret, username)). They are issued only to admitted participants and expire.
 */
export function iceConfigurationFor(ice: Config['ice'], participantId: string, now: Date): IceConfiguration {
  const iceServers: IceConfiguration['iceServers'] = [];
  if (ice.stunUrls.length > 0) iceServers.push({ urls: ice.stunUrls });
  if (ice.turnUrls.length > 0) {
    if (ice.turnSecret) {
      const expiry = Math.floor(now.getTime() / 1000) + ice.turnCredentialTtlSeconds;
      const username = `${expiry}:${participantId}`;
      const credential = createHmac('sha1', ice.turnSecret).update(username).digest('base64');
      iceServers.push({ urls: ice.turnUrls, username, credential });
    } else {
      iceServers.push({ urls: ice.turnUrls });
    }
  }
  return { iceServers, iceTransportPolicy: ice.relayOnly ? 'relay' : 'all' };
}
