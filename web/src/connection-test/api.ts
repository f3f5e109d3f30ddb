import type { ConnectionTestConfiguration } from '../../../common/api/connection-test';
import { request } from '../api/client';

/**
 * ICE servers for one connection test (server/connection-test/routes.ts): TURN credentials of at
 * most two minutes, so every run asks again. POST: the server counts each run.
 */
export type ConnectionTestLoader = () => Promise<ConnectionTestConfiguration>;

/** With the invitation link's token, also before the appointment's window opens. */
export const linkConnectionTest =
  (token: string): ConnectionTestLoader =>
  () =>
    request<ConnectionTestConfiguration>('POST', '/api/connection-test/link', { token });

/** The guest of this browser (guest cookie), on the device check. */
export const guestConnectionTest: ConnectionTestLoader = () => request<ConnectionTestConfiguration>('POST', '/api/join/connection-test');

/** A professional on the dashboard. */
export const memberConnectionTest: ConnectionTestLoader = () => request<ConnectionTestConfiguration>('POST', '/api/connection-test');
