import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import { connectPresence } from '../test-support/presence';
import type { TestSocket } from '../test-support/signaling';
import { organization } from '../test-support/world';
import { AppMetrics, countedMailer, startMetricsListener } from './metrics';

const ORIGIN = 'http://localhost:3000';
const GUEST = 'Waltraud Wartezimmer';
const GUEST_ADDRESS = '203.0.113.77';

describe('Prometheus metrics', () => {
  const mailer = new MemoryMailer();
  let testApp: TestApp;
  let listener: { port: number; close(): Promise<void> };
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, env: { METRICS_PORT: '9464' } });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    // The port of the configuration is taken by nobody here; the test listens where it can.
    listener = await startMetricsListener(testApp.app.metrics!, { host: '127.0.0.1', port: 0 }, testApp.app.http.log);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await listener?.close();
    await testApp?.close();
  });

  const scrape = async (path = '/metrics') => fetch(`http://127.0.0.1:${listener.port}${path}`);

  it('counts requests, mail, rooms and waiting guests, and names no one', async () => {
    const port = (testApp.app.http.server.address() as { port: number }).port;
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, [GUEST]);
    expect((await host.client.get(`/api/consultations/${consultation.id}`)).statusCode).toBe(200);
    const guest = await readyGuest(testApp, tokenFor(guests[0]!.email), GUEST, GUEST_ADDRESS);
    const socket = await connect(port, guest.client, ORIGIN);
    sockets.push(socket);
    expect((await socket.hello()).status).toBe('waiting');

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^sprechzimmer_http_requests_total\{method="POST",route="\/api\/consultations",status="201"\} 1$/m);
    // The route pattern, never the path with the consultation's id.
    expect(text).toMatch(/^sprechzimmer_http_requests_total\{method="GET",route="\/api\/consultations\/:id",status="200"\} 1$/m);
    expect(text).toMatch(/^sprechzimmer_http_request_duration_seconds_count\{method="POST",route="\/api\/session"\} 1$/m);
    // The registration's confirmation and the invitation. The host signs in where they confirmed their
    // address, which makes that browser known to the account: no "new sign-in" mail.
    expect(text).toMatch(/^sprechzimmer_messages_total\{channel="mail",outcome="sent"\} 2$/m);
    expect(text).toMatch(/^sprechzimmer_rooms 1$/m);
    expect(text).toMatch(/^sprechzimmer_signaling_connections 1$/m);
    expect(text).toMatch(/^sprechzimmer_waiting_guests 1$/m);
    expect(text).toMatch(/^sprechzimmer_presence_sockets 0$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);

    const personal = [GUEST, 'Wartezimmer', host.email, guests[0]!.email, consultation.id, consultation.invitations[0]!.id, guest.participantId, GUEST_ADDRESS];
    for (const value of personal) expect(text, value).not.toContain(value);
    // No label value looks like an e-mail address, a name with a space or an id.
    const labelValues = [...text.matchAll(/\w+="([^"]*)"/g)].map((match) => match[1]!);
    expect(labelValues.length).toBeGreaterThan(20);
    for (const value of labelValues) expect(value).not.toMatch(/@|\s|[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('counts call set-ups, colleague rings by outcome and retention runs, by closed labels only', async () => {
    const port = (testApp.app.http.server.address() as { port: number }).port;
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Gerda Gast']);
    const hostSocket = await connect(port, host.client, ORIGIN, consultation.id);
    sockets.push(hostSocket);
    await hostSocket.hello();
    const guest = await readyGuest(testApp, tokenFor(guests[0]!.email), 'Gerda Gast');
    const guestSocket = await connect(port, guest.client, ORIGIN);
    sockets.push(guestSocket);
    await guestSocket.hello();
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');

    const practice = await organization(testApp, mailer, 'Zaehler');
    const doctor = await practice.invite('member');
    const doctorTab = await connectPresence(port, doctor.client);
    const callerTab = await connectPresence(port, practice.representative);
    try {
      const ring = async () => (await practice.representative.post('/api/colleague-calls', { colleagueId: doctor.id })).json<{ callId: string }>().callId;
      expect((await practice.representative.delete(`/api/colleague-calls/${await ring()}`)).statusCode).toBe(200);
      expect((await doctor.client.post(`/api/colleague-calls/${await ring()}/decline`)).statusCode).toBe(200);
      expect((await doctor.client.post(`/api/colleague-calls/${await ring()}/accept`)).statusCode).toBe(200);
    } finally {
      doctorTab.close();
      callerTab.close();
    }
    await testApp.app.retention.runAll();

    const text = await (await scrape()).text();
    expect(text).toMatch(/^sprechzimmer_call_setups_total\{kind="consultation"\} 1$/m);
    expect(text).toMatch(/^sprechzimmer_call_setups_total\{kind="colleague"\} 1$/m);
    for (const outcome of ['cancelled', 'declined', 'accepted']) {
      expect(text).toMatch(new RegExp(`^sprechzimmer_colleague_rings_total\\{outcome="${outcome}"\\} 1$`, 'm'));
    }
    expect(text).toMatch(/^sprechzimmer_retention_runs_total\{job="loginSessions",outcome="completed"\} 1$/m);
    expect(text).toMatch(/^sprechzimmer_retention_rows_deleted_total\{job="loginSessions"\} \d+$/m);
    // The embedded database has no pool to report.
    expect(text).not.toContain('sprechzimmer_database_pool_connections');
  });

  it('answers nothing but GET /metrics', async () => {
    expect((await scrape('/')).status).toBe(404);
    expect((await scrape('/metrics?x=1')).status).toBe(404);
  });

  it('counts a mail the provider refused as failed', async () => {
    const metrics = new AppMetrics({ signaling: () => ({ rooms: 0, connected: 0, waitingGuests: 0 }), presenceSockets: () => 0 });
    const refusing = countedMailer(
      {
        send: () => Promise.reject(new Error('550 mailbox unavailable')),
        close: () => Promise.resolve(),
      },
      metrics,
    );
    await expect(refusing.send({ to: 'a@example.org', subject: 's', text: 't', html: '<p>t</p>' })).rejects.toThrow('550');
    expect(await metrics.registry.metrics()).toMatch(/^sprechzimmer_messages_total\{channel="mail",outcome="failed"\} 1$/m);
  });

  it('reports the PostgreSQL pool as total, idle and waiting connections', async () => {
    const metrics = new AppMetrics({
      signaling: () => ({ rooms: 0, connected: 0, waitingGuests: 0 }),
      presenceSockets: () => 0,
      databasePool: () => ({ total: 4, idle: 1, waiting: 2 }),
    });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^sprechzimmer_database_pool_connections\{state="total"\} 4$/m);
    expect(text).toMatch(/^sprechzimmer_database_pool_connections\{state="idle"\} 1$/m);
    expect(text).toMatch(/^sprechzimmer_database_pool_connections\{state="waiting"\} 2$/m);
  });

  it('is off unless METRICS_PORT is set', async () => {
    const plain = await startTestApp();
    try {
      expect(plain.app.metrics).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});
