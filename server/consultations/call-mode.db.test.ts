import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consultations } from '../db/schema';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import { connectPresence } from '../test-support/presence';
import type { TestSocket } from '../test-support/signaling';
import { organization } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';

/** P-28: a consultation or colleague call can be audio-only from the start; only the host switches video on. */
describe('audio-only calls (P-28)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();
  const open: Array<{ close(): void }> = [];
  const socket = async (...args: Parameters<typeof connect>): Promise<TestSocket> => {
    const opened = await connect(...args);
    open.push(opened);
    return opened;
  };
  const storedMode = async (id: string) =>
    (await testApp.database.db.select({ mode: consultations.callMode }).from(consultations).where(eq(consultations.id, id)))[0]?.mode;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const opened of open) opened.close();
    await testApp.close();
  });

  it('stores the mode with the consultation and serves it to the host, the guest’s join page and both sockets', async () => {
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Anna Audio'], { mode: 'audio' });
    expect(consultation).toMatchObject({ mode: 'audio' });
    expect(await storedMode(consultation.id)).toBe('audio');
    expect((await host.client.get(`/api/consultations/${consultation.id}`)).json()).toMatchObject({ mode: 'audio' });

    const guest = await readyGuest(testApp, tokenFor(guests[0]!.email), 'Anna A.');
    expect((await guest.client.get('/api/join')).json()).toMatchObject({ mode: 'audio' });

    const hostSocket = await socket(port, host.client, ORIGIN, consultation.id);
    expect(await hostSocket.hello()).toMatchObject({ mode: 'audio' });
    const guestSocket = await socket(port, guest.client, ORIGIN);
    expect(await guestSocket.hello()).toMatchObject({ mode: 'audio', status: 'waiting' });
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');

    // A guest may not switch video on; nothing changes.
    guestSocket.send({ type: 'set-mode', mode: 'video' });
    expect(await guestSocket.next('error', (message) => message.ref === 'set-mode')).toMatchObject({ code: 'host_only' });
    expect(await storedMode(consultation.id)).toBe('audio');
    expect(hostSocket.has('mode')).toBe(false);

    // The host does: stored, and everyone in the room is told (the guest's page then asks them).
    hostSocket.send({ type: 'set-mode', mode: 'video' });
    expect(await guestSocket.next('mode')).toEqual({ type: 'mode', mode: 'video' });
    expect(await hostSocket.next('mode')).toEqual({ type: 'mode', mode: 'video' });
    expect(await storedMode(consultation.id)).toBe('video');
    expect((await host.client.get(`/api/consultations/${consultation.id}`)).json()).toMatchObject({ mode: 'video' });

    // A socket that comes back (reload) learns the stored mode.
    guestSocket.close();
    const again = await socket(port, guest.client, ORIGIN);
    expect(await again.hello()).toMatchObject({ mode: 'video' });
  });

  it('starts a consultation with video when no mode is given, and refuses an unknown mode', async () => {
    const { host, consultation } = await hostWithConsultation(testApp, mailer, ['Vera Video']);
    expect(consultation).toMatchObject({ mode: 'video' });
    const bad = await host.client.post('/api/consultations', { guests: [{ name: 'X', email: 'x.mode@example.org' }], mode: 'hologram' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'validation_failed' } });
  });

  it('starts a colleague call audio-only', async () => {
    const practice = await organization(testApp, mailer, 'Ton');
    const member = await practice.invite('member');
    const memberTab = await connectPresence(port, member.client);
    open.push(memberTab);
    const placed = await practice.representative.post('/api/colleague-calls', { colleagueId: member.id, mode: 'audio' });
    expect(placed.statusCode).toBe(201);
    const { callId, consultationId } = placed.json<{ callId: string; consultationId: string }>();
    expect(await storedMode(consultationId)).toBe('audio');
    await member.client.post(`/api/colleague-calls/${callId}/accept`);
    const callee = await socket(port, member.client, ORIGIN, consultationId);
    expect(await callee.hello()).toMatchObject({ mode: 'audio', role: 'member' });
    // The callee is no host: switching video on is the caller's.
    callee.send({ type: 'set-mode', mode: 'video' });
    expect(await callee.next('error', (message) => message.ref === 'set-mode')).toMatchObject({ code: 'host_only' });
    expect(await storedMode(consultationId)).toBe('audio');
  });
});
