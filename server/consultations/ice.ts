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
      iceServers.push({ urls: ice.turnUrls, ...turnRestCredential(ice.turnSecret, participantId, expiry) });
    } else {
      iceServers.push({ urls: ice.turnUrls });
    }
  }
  return { iceServers, iceTransportPolicy: ice.relayOnly ? 'relay' : 'all' };
}

/** coturn's TURN REST scheme: valid until `expiry` (Unix seconds); `id` names whose it is in coturn's log. */
export function turnRestCredential(secret: string, id: string, expiry: number): { username: string; credential: string } {
  const username = `${expiry}:${id}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}
