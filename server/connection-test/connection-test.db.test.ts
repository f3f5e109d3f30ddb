import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionTestConfiguration } from '../../common/api/connection-test';
import { limits } from '../throttle/policy';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { hostWithConsultation } from '../test-support/consultations';

const HOUR = 3_600_000;
const TURN_SECRET = 'call relay secret of some length';

/** The TURN entry of a test configuration, with its expiry in Unix seconds. */
function relayOf(configuration: ConnectionTestConfiguration) {
  const relay = configuration.iceServers.find((server) => server.urls.some((url) => url.startsWith('turn:')));
  if (!relay?.username || !relay.credential) throw new Error(`no TURN credentials in ${JSON.stringify(configuration)}`);
  return { ...relay, username: relay.username, credential: relay.credential, expiry: Number(relay.username.split(':')[0]) };
}

describe('connection test credentials (issue 9 §5)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({
      mailer,
      clock,
      env: { STUN_URLS: 'stun:stun.example.net:3478', TURN_URLS: 'turn:turn.example.net:3478?transport=udp', TURN_SECRET },
    });
  });
  afterAll(async () => testApp.close());

  /** A consultation whose window opens in two hours, and a browser that holds the guest's link. */
  async function laterAppointment(body: Record<string, unknown> = {}) {
    const startsAt = new Date(clock.now().getTime() + 2 * HOUR).toISOString();
    const setup = await hostWithConsultation(testApp, mailer, ['Frieda Früh'], { startsAt, windowMinutes: 30, ...body });
    const guest = await new ApiClient(testApp).init();
    return { ...setup, guest, token: setup.tokenFor(setup.guests[0]!.email) };
  }

  it('gives a link holder TURN credentials of at most two minutes before the window opens, where joining is refused', async () => {
    const { guest, token } = await laterAppointment();
    expect((await guest.post('/api/join', { token })).json().error.code).toBe('link_not_yet_valid');

    const response = await guest.post('/api/connection-test/link', { token });
    expect(response.statusCode).toBe(200);
    const configuration = response.json<ConnectionTestConfiguration>();
    const nowSeconds = clock.now().getTime() / 1000;
    const relay = relayOf(configuration);
    expect(relay.urls).toEqual(['turn:turn.example.net:3478?transport=udp']);
    expect(relay.expiry - nowSeconds).toBeGreaterThan(0);
    expect(relay.expiry - nowSeconds).toBeLessThanOrEqual(120);
    expect(new Date(configuration.expiresAt).getTime()).toBe(relay.expiry * 1000);
    // coturn's REST scheme with the configured secret, and a random name that is not the token.
    expect(relay.credential).toBe(createHmac('sha1', TURN_SECRET).update(relay.username).digest('base64'));
    expect(relay.username).toMatch(/^\d+:test-[\w-]+$/);
    expect(relay.username).not.toContain(token.slice(0, 8));
    expect(configuration.iceServers).toContainEqual({ urls: ['stun:stun.example.net:3478'] });
    expect(configuration).toMatchObject({ callsRelayOnly: false, mode: 'video' });
    // Calls keep their own, longer credentials, still only after admission.
    expect(testApp.config.ice.turnCredentialTtlSeconds).toBe(3600);
  });

  it('tells an audio-only consultation, so the test never opens the camera', async () => {
    const { guest, token } = await laterAppointment({ mode: 'audio' });
    expect((await guest.post('/api/connection-test/link', { token })).json().mode).toBe('audio');
  });

  it('refuses links that cannot be used with 410 link_invalid, and malformed ones with 422', async () => {
    const { host, consultation, guest, token } = await laterAppointment();
    const unknown = await guest.post('/api/connection-test/link', { token: 'A'.repeat(43) });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([410, 'link_invalid']);
    expect((await guest.post('/api/connection-test/link', { token: 'short' })).statusCode).toBe(422);
    expect((await guest.post('/api/connection-test/link', {})).statusCode).toBe(422);

    const revoked = await host.client.delete(`/api/consultations/${consultation.id}/invitations/${consultation.invitations[0]!.id}`);
    expect(revoked.statusCode).toBe(200);
    const afterRevoke = await guest.post('/api/connection-test/link', { token });
    expect([afterRevoke.statusCode, afterRevoke.json().error.code]).toEqual([410, 'link_invalid']);
    expect(afterRevoke.body).not.toContain('turn:');
  });

  it('refuses a link whose window has closed and one of an ended consultation', async () => {
    const expired = await laterAppointment();
    const ended = await laterAppointment();
    expect((await ended.host.client.post(`/api/consultations/${ended.consultation.id}/end`)).statusCode).toBe(200);
    expect((await ended.guest.post('/api/connection-test/link', { token: ended.token })).json().error.code).toBe('link_invalid');

    expect((await expired.guest.post('/api/connection-test/link', { token: expired.token })).statusCode).toBe(200);
    clock.advance(2 * HOUR + 30 * 60_000);
    const late = await expired.guest.post('/api/connection-test/link', { token: expired.token });
    expect([late.statusCode, late.json().error.code]).toEqual([410, 'link_invalid']);
  });

  it('counts tests per invitation, with the link and with the guest cookie alike', async () => {
    const { max } = limits.connectionTestsPerInvitation;
    const { guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Anna Anfang', 'Bert Bleibt']);
    const token = tokenFor(guests[0]!.email);
    const browser = await new ApiClient(testApp).init();
    expect((await browser.post('/api/join', { token })).statusCode).toBe(200);

    const statuses: number[] = [];
    for (let test = 0; test < max; test++) {
      const response = test % 2 === 0 ? await browser.post('/api/connection-test/link', { token }) : await browser.post('/api/join/connection-test');
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual(new Array(max).fill(200));
    for (const over of [await browser.post('/api/join/connection-test'), await browser.post('/api/connection-test/link', { token })]) {
      expect([over.statusCode, over.json().error.code]).toEqual([429, 'too_many_requests']);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.body).not.toContain('turn:');
    }

    // The other guest of the same consultation has tests of their own.
    const other = await new ApiClient(testApp).init();
    expect((await other.post('/api/connection-test/link', { token: tokenFor(guests[1]!.email) })).statusCode).toBe(200);
  });

  it('needs the guest cookie on the guest route and a login on the dashboard route', async () => {
    const stranger = await new ApiClient(testApp).init();
    expect((await stranger.post('/api/join/connection-test')).statusCode).toBe(401);
    expect((await stranger.post('/api/connection-test')).statusCode).toBe(401);

    const professional = await activeCustomer(testApp, mailer);
    const response = await professional.client.post('/api/connection-test');
    expect(response.statusCode).toBe(200);
    const configuration = response.json<ConnectionTestConfiguration>();
    expect(relayOf(configuration).expiry - clock.now().getTime() / 1000).toBeLessThanOrEqual(120);
    expect(configuration.mode).toBe('video');
  });

  it('counts a professional’s tests per account', async () => {
    const professional = await activeCustomer(testApp, mailer);
    for (let test = 0; test < limits.connectionTestsPerAccount.max; test++) {
      expect((await professional.client.post('/api/connection-test')).statusCode).toBe(200);
    }
    expect((await professional.client.post('/api/connection-test')).statusCode).toBe(429);
  });
});
