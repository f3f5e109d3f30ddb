import type { FastifyInstance } from 'fastify';
import { AppError } from '../http/errors';
import { requireSession } from '../http/auth';
import type { Clock } from '../clock';
import { FRESH_CHECK_LIFETIME_MS } from '../passkeys/policy';
import type { SecondFactorService } from './service';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A sensitive action (issue 12): the body carries the current password, which the service
     * checks, and — when the account has a second factor — `secondFactorCode`, which this guard
     * checks first. The route-table test requires it on every route whose body asks for
     * `currentPassword`, so a new sensitive route cannot skip the second factor.
     */
    freshCheck?: true;
  }
}

/**
 * The named policy: a sensitive action asks again for the password and, when set, the second
 * factor. Runs after validation and the route's limits; the code is used up even if the password
 * then turns out wrong (a code is single-use either way).
 */
/** The passkey checked for this session just before the action (server/passkeys/routes.ts), used up once. */
export interface PasskeyChecks {
  usePasskeyCheck(idHash: string, since: Date): Promise<boolean>;
}

export function registerFreshCheck(app: FastifyInstance, secondFactor: SecondFactorService, passkeyChecks: PasskeyChecks, clock: Clock): void {
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config.freshCheck) return;
    const { accountId, idHash } = requireSession(request);
    const status = await secondFactor.status(accountId);
    if (status.totp !== 'on' && status.passkeys === 0) return;
    const code = (request.body as { secondFactorCode?: string } | undefined)?.secondFactorCode;
    // A passkey, checked moments ago in this session, stands in for the code (and is used up here).
    if (!code && status.passkeys > 0 && (await passkeyChecks.usePasskeyCheck(idHash, new Date(clock.now().getTime() - FRESH_CHECK_LIFETIME_MS)))) return;
    if (!code || status.totp !== 'on') {
      const message =
        status.totp === 'on'
          ? 'Please enter a current code of your authenticator app or a recovery code.'
          : 'Please confirm this with one of your passkeys first.';
      throw new AppError('second_factor_required', message, { fields: { secondFactorCode: { code: 'required', message } } });
    }
    await secondFactor.verifyCode(accountId, code, 'secondFactorCode');
  });
}
