import type { LightMyRequestResponse } from 'fastify';
import { totpCodeAt } from '../second-factor/totp';
import type { ApiClient, TestApp } from './app';

export interface OperatorFactor {
  /** The authenticator app's secret, so a later sign-in can compute its code. */
  secret: string;
  recoveryCodes: string[];
}

function expectOk(response: LightMyRequestResponse, step: string): void {
  if (response.statusCode !== 200) throw new Error(`operator ${step}: ${response.statusCode} ${response.body}`);
}

/**
 * Operator staff sign in as the web page does (issue 12): the password, then at the first sign-in the
 * authenticator app set up and confirmed with a code at the test clock's time, else its code. A later
 * sign-in passes `factor` (and a clock moved past the step of the last code: codes work once).
 */
export async function signInOperator(testApp: TestApp, client: ApiClient, email: string, password: string, factor?: OperatorFactor): Promise<OperatorFactor> {
  const login = await client.post('/api/operator/session', { email, password });
  expectOk(login, 'password');
  const { secondFactor } = login.json<{ secondFactor: 'enrol' | 'code' }>();
  if (secondFactor === 'code') {
    if (!factor) throw new Error('operator code step: the test did not keep the secret of the first sign-in');
    expectOk(await client.post('/api/operator/session/second-factor', { code: totpCodeAt(factor.secret, testApp.clock.now()) }), 'code');
    return factor;
  }
  const setup = await client.post('/api/operator/session/totp');
  expectOk(setup, 'set-up');
  const { secret } = setup.json<{ secret: string }>();
  const confirmed = await client.post('/api/operator/session/totp/confirm', { code: totpCodeAt(secret, testApp.clock.now()) });
  expectOk(confirmed, 'confirmation');
  return { secret, recoveryCodes: confirmed.json<{ recoveryCodes: string[] }>().recoveryCodes };
}
