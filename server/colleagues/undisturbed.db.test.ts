import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Colleague } from '../../common/presence';
import { MemoryMailer, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { connect } from '../test-support/consultations';
import { connectPresence, type PresenceSocket } from '../test-support/presence';
import type { TestSocket } from '../test-support/signaling';
import { organization } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';

/**
 * Anlage 31b: a consultation is not disturbed. A professional in a consultation (as host), in a
 * colleague call, or with do-not-disturb switched on is never rung: the caller hears "busy" at once
 * and the callee gets a silent "missed while you were busy" notice instead of a ring.
 */
describe('an undisturbed consultation (Anlage 31b, A31b-7)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();
  const open: Array<PresenceSocket | TestSocket> = [];
  let practice: Awaited<ReturnType<typeof organization>>;
  let doctor: { id: string; client: ApiClient };
  let colleague: { id: string; client: ApiClient };

  const presence = async (client: ApiClient) => {
    const socket = await connectPresence(port, client);
    open.push(socket);
    return socket;
  };
  const signaling = async (client: ApiClient, consultationId: string) => {
    const socket = await connect(port, client, ORIGIN, consultationId);
    open.push(socket);
    return socket;
  };
  const callDoctor = (caller: ApiClient) => caller.post('/api/colleague-calls', { colleagueId: doctor.id });
  const consultationCount = async (client: ApiClient) => (await client.get('/api/consultations')).json<{ consultations: unknown[] }>().consultations.length;
  const presenceOfDoctor = async (client: ApiClient) =>
    (await client.get('/api/colleagues')).json<{ colleagues: Colleague[] }>().colleagues.find((person) => person.id === doctor.id)?.presence;

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
    practice = await organization(testApp, mailer, 'Ruhe');
    doctor = await practice.invite('member');
    colleague = await practice.invite('member');
  });
  afterEach(async () => {
    for (const socket of open.splice(0)) socket.close();
    // Until the closed sockets are gone the doctor would still count as online or in a call.
    await expect.poll(() => presenceOfDoctor(practice.representative), { timeout: 5000 }).toBe('away');
  });
  afterAll(async () => testApp.close());

  it('rings a free colleague', async () => {
    const doctorTab = await presence(doctor.client);
    await presence(practice.representative);
    const call = await callDoctor(practice.representative);
    expect(call.statusCode).toBe(201);
    expect((await doctorTab.next('incoming-call')).callId).toBe(call.json<{ callId: string }>().callId);
    expect(doctorTab.has('missed-while-busy')).toBe(false);
    await practice.representative.delete(`/api/colleague-calls/${call.json<{ callId: string }>().callId}`);
  });

  it('refuses a colleague who is away, without any notice', async () => {
    const call = await callDoctor(practice.representative);
    expect(call.statusCode).toBe(409);
    expect(call.json()).toMatchObject({ error: { code: 'colleague_unavailable' } });
  });

  it('never rings a professional holding a consultation: busy for the caller, a silent notice for them', async () => {
    const doctorTab = await presence(doctor.client);
    const created = await doctor.client.post('/api/consultations', { guests: [{ name: 'Gast', email: 'gast.ruhe@example.org' }] });
    const room = await signaling(doctor.client, created.json<{ id: string }>().id);
    await room.hello();
    await expect.poll(() => presenceOfDoctor(practice.representative)).toBe('in_call');

    const before = await consultationCount(practice.representative);
    const call = await callDoctor(practice.representative);
    expect(call.statusCode).toBe(409);
    expect(call.json()).toMatchObject({ error: { code: 'colleague_busy', details: { presence: 'in_call' } } });
    const notice = await doctorTab.next('missed-while-busy');
    expect(notice.fromName).toBe('Rep Ruhe');
    // Nothing rang and no call was opened that the doctor would have to answer.
    expect(doctorTab.has('incoming-call')).toBe(false);
    expect(await consultationCount(practice.representative)).toBe(before);
  });

  it('never rings a professional in a colleague call', async () => {
    const doctorTab = await presence(doctor.client);
    const colleagueTab = await presence(colleague.client);
    const placed = (await colleague.client.post('/api/colleague-calls', { colleagueId: doctor.id })).json<{ callId: string; consultationId: string }>();
    await doctorTab.next('incoming-call', (message) => message.callId === placed.callId);
    expect((await doctor.client.post(`/api/colleague-calls/${placed.callId}/accept`)).statusCode).toBe(200);
    await colleagueTab.next('call-ended', (message) => message.callId === placed.callId && message.outcome === 'accepted');
    const callerRoom = await signaling(colleague.client, placed.consultationId);
    await callerRoom.hello();
    const doctorRoom = await signaling(doctor.client, placed.consultationId);
    await doctorRoom.hello();
    await expect.poll(() => presenceOfDoctor(practice.representative)).toBe('in_call');

    const call = await callDoctor(practice.representative);
    expect(call.json()).toMatchObject({ error: { code: 'colleague_busy', details: { presence: 'in_call' } } });
    expect((await doctorTab.next('missed-while-busy')).fromName).toBe('Rep Ruhe');
    expect(doctorTab.has('incoming-call')).toBe(false);
    await colleague.client.post(`/api/consultations/${placed.consultationId}/end`);
  });

  it('keeps do-not-disturb on through a reload until the professional switches it off', async () => {
    let doctorTab = await presence(doctor.client);
    expect((await doctorTab.next('do-not-disturb')).on).toBe(false);
    const switched = await doctor.client.put('/api/colleagues/do-not-disturb', { on: true });
    expect(switched.statusCode).toBe(200);
    expect(switched.json()).toEqual({ doNotDisturb: true });
    expect((await doctorTab.next('do-not-disturb')).on).toBe(true);
    await expect.poll(() => presenceOfDoctor(practice.representative)).toBe('do_not_disturb');

    const call = await callDoctor(practice.representative);
    expect(call.statusCode).toBe(409);
    expect(call.json()).toMatchObject({ error: { code: 'colleague_busy', details: { presence: 'do_not_disturb' } } });
    expect((await doctorTab.next('missed-while-busy')).fromName).toBe('Rep Ruhe');
    expect(doctorTab.has('incoming-call')).toBe(false);

    // A reload is a new socket: the switch is stored, so it still holds.
    doctorTab.close();
    doctorTab = await presence(doctor.client);
    expect((await doctorTab.next('do-not-disturb')).on).toBe(true);
    expect((await doctor.client.get('/api/colleagues')).json()).toMatchObject({ doNotDisturb: true });
    expect(await presenceOfDoctor(practice.representative)).toBe('do_not_disturb');
    expect((await callDoctor(practice.representative)).statusCode).toBe(409);

    expect((await doctor.client.put('/api/colleagues/do-not-disturb', { on: false })).json()).toEqual({ doNotDisturb: false });
    expect((await doctorTab.next('do-not-disturb')).on).toBe(false);
    await expect.poll(() => presenceOfDoctor(practice.representative)).toBe('online');
    const rung = await callDoctor(practice.representative);
    expect(rung.statusCode).toBe(201);
    await doctorTab.next('incoming-call');
    await practice.representative.delete(`/api/colleague-calls/${rung.json<{ callId: string }>().callId}`);
  });

  it('answers a malformed switch with a 422 and keeps the stored state', async () => {
    const bad = await doctor.client.put('/api/colleagues/do-not-disturb', { on: 'yes' });
    expect(bad.statusCode).toBe(422);
    expect((await doctor.client.get('/api/colleagues')).json()).toMatchObject({ doNotDisturb: false });
  });
});
