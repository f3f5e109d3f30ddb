import type { ConnectionTestConfiguration } from '../../common/api/connection-test';
import type { CallMode } from '../../common/signaling';
import type { AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { GuestIdentity, GuestService } from '../consultations/guests';
import { AppError } from '../http/errors';
import { randomToken } from '../security/tokens';
import type { Throttle } from '../throttle/throttle';
import { connectionTestIce } from './ice';
import { testsConnection } from './policy';

/**
 * Hands out what a browser needs to test its connection before an appointment (issue 9 §5). Each
 * test costs relay time, so it is counted: per invitation for guests — whether they come with the
 * link before the window or with the guest cookie in it, it is one counter — and per account.
 */
export class ConnectionTestService {
  constructor(private readonly deps: { guests: GuestService; accounts: AccountStore; throttle: Throttle; clock: Clock; ice: Config['ice'] }) {}

  /** Whoever holds a usable invitation link, also before its window opens. */
  async forLink(token: string): Promise<ConnectionTestConfiguration> {
    const link = await this.deps.guests.connectionTestLink(token);
    await this.deps.throttle.consume('connectionTestsPerInvitation', link.invitationId);
    return this.configuration(link.mode);
  }

  /** The guest of this browser (guest cookie), e.g. on the device check. */
  async forGuest(identity: GuestIdentity): Promise<ConnectionTestConfiguration> {
    const { participant, consultation } = identity;
    await this.deps.throttle.consume('connectionTestsPerInvitation', participant.invitationId ?? participant.id);
    return this.configuration(consultation.callMode);
  }

  /** A professional on the dashboard (counted per account by the route). */
  async forMember(accountId: string): Promise<ConnectionTestConfiguration> {
    const actor = await this.deps.accounts.findById(accountId);
    if (!actor) throw new AppError('unauthenticated', 'Please log in.');
    if (!testsConnection(actor)) throw new AppError('forbidden', 'Practice staff do not take part in calls, so there is no connection to test.');
    return this.configuration('video');
  }

  private configuration(mode: CallMode): ConnectionTestConfiguration {
    const { iceServers, expiresAt } = connectionTestIce(this.deps.ice, this.deps.clock.now(), randomToken(9));
    return { iceServers, expiresAt: expiresAt.toISOString(), callsRelayOnly: this.deps.ice.relayOnly, mode };
  }
}
