import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Colleague } from '../../common/presence';
import { CLOSE_CODES } from '../../common/signaling';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect } from '../test-support/consultations';
import type { PresenceSocket } from '../test-support/presence';
import { connectPresence } from '../test-support/presence';
import type { TestSocket } from '../test-support/signaling';
import { buildWorld, type World } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';
const RING_MS = 1500;

describe('colleagues: presence and calls (P-07)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();
  const open: Array<PresenceSocket | TestSocket> = [];
  let world: World;

  const presence = async (client: World['clients'][keyof World['clients']]) => {
    const socket = await connectPresence(port, client);
    open.push(socket);
    return socket;
  };
  const signaling = async (client: World['clients'][keyof World['clients']], consultationId: string) => {
    const socket = await connect(port, client, ORIGIN, consultationId);
    open.push(socket);
    return socket;
  };
  const idOf = async (socket: PresenceSocket, name: string) => {
    const list = await socket.next('colleagues');
    const found = list.colleagues.find((colleague) => colleague.displayName === name);
    if (!found) throw new Error(`${name} not in ${JSON.stringify(list.colleagues.map((c) => c.displayName))}`);
    return found.id;
  };

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, ringTimeoutMs: RING_MS });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
    world = await buildWorld(testApp, mailer, { port });
  });
  afterAll(async () => {
    for (const socket of open) socket.close();
    await testApp.close();
  });

  it('lists the active professionals of the own organisation by name only, without staff, the invited or the deactivated', async () => {
    const response = await world.clients.memberA.get('/api/colleagues');
    expect(response.statusCode).toBe(200);
    const { colleagues } = response.json<{ colleagues: Colleague[] }>();
    expect(colleagues.map((colleague) => colleague.displayName)).toEqual(['Rep A']);
    expect(Object.keys(colleagues[0] ?? {}).sort()).toEqual(['displayName', 'id', 'presence']);
    expect(colleagues[0]?.presence).toBe('away');

    expect((await world.clients.staffA.get('/api/colleagues')).statusCode).toBe(403);
    expect((await world.clients.individual.get('/api/colleagues')).statusCode).toBe(403);
    expect((await world.clients.anonymous.get('/api/colleagues')).statusCode).toBe(401);
  });

  it('opens the presence socket only for professionals, from our own site', async () => {
    await expect(connectPresence(port, world.clients.staffA)).rejects.toThrow('upgrade refused: 403');
    await expect(connectPresence(port, world.clients.individual)).rejects.toThrow('upgrade refused: 403');
    await expect(connectPresence(port, world.clients.anonymous)).rejects.toThrow('upgrade refused: 401');
    await expect(connectPresence(port, world.clients.deactivatedA)).rejects.toThrow('upgrade refused: 401');
    await expect(connectPresence(port, world.clients.memberA, 'https://evil.example')).rejects.toThrow('upgrade refused: 403');
  });

  it('shows colleagues online, in a call and away as it happens, and to the own organisation only', async () => {
    const member = await presence(world.clients.memberA);
    const otherOrganization = await presence(world.clients.representativeB);
    const representativeId = await idOf(member, 'Rep A');

    const representative = await presence(world.clients.representativeA);
    await member.next('presence', (message) => message.id === representativeId && message.presence === 'online');

    // The representative opens a consultation of their own: colleagues see "in a call".
    const created = await world.clients.representativeA.post('/api/consultations', { guests: [{ name: 'Gast', email: 'gast.presence@example.org' }] });
    const host = await signaling(world.clients.representativeA, created.json<{ id: string }>().id);
    await host.hello();
    await member.next('presence', (message) => message.id === representativeId && message.presence === 'in_call');
    expect((await world.clients.memberA.get('/api/colleagues')).json<{ colleagues: Colleague[] }>().colleagues[0]?.presence).toBe('in_call');

    host.send({ type: 'leave' });
    await member.next('presence', (message) => message.id === representativeId && message.presence === 'online');
    representative.close();
    await member.next('presence', (message) => message.id === representativeId && message.presence === 'away');

    // Organisation B never heard of any of it.
    expect(otherOrganization.received.filter((message) => message.type === 'presence' && message.id === representativeId)).toEqual([]);
  });

  it('rings the colleague, who answers and joins the call without a waiting room, seeing names only', async () => {
    const member = await presence(world.clients.memberA);
    const representative = await presence(world.clients.representativeA);
    const memberId = await idOf(representative, 'Member A');

    const call = await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId });
    expect(call.statusCode).toBe(201);
    const { callId, consultationId } = call.json<{ callId: string; consultationId: string }>();
    const ring = await member.next('incoming-call', (message) => message.callId === callId);
    expect(ring).toMatchObject({ consultationId, fromName: 'Rep A' });

    // Before answering the colleague has no place in the call.
    await expect(signaling(world.clients.memberA, consultationId)).rejects.toThrow('upgrade refused: 404');
    expect((await world.clients.memberA.get(`/api/consultations/${consultationId}/ice`)).statusCode).toBe(404);

    const host = await signaling(world.clients.representativeA, consultationId);
    await host.hello();
    const accepted = await world.clients.memberA.post(`/api/colleague-calls/${callId}/accept`);
    expect(accepted.statusCode).toBe(200);
    await representative.next('call-ended', (message) => message.callId === callId && message.outcome === 'accepted');

    expect((await world.clients.memberA.get(`/api/consultations/${consultationId}/ice`)).statusCode).toBe(200);
    const colleague = await signaling(world.clients.memberA, consultationId);
    const welcome = await colleague.hello();
    expect(welcome).toMatchObject({ role: 'member', status: 'admitted' });
    expect(welcome.participants.map((participant) => [participant.displayName, participant.role, participant.status]).sort()).toEqual([
      ['Member A', 'member', 'admitted'],
      ['Rep A', 'host', 'admitted'],
    ]);
    const joined = await host.next('participant-joined');
    expect(Object.keys(joined.participant).sort()).toEqual(['displayName', 'id', 'media', 'online', 'role', 'status']);
    expect(joined.participant).toMatchObject({ displayName: 'Member A', role: 'member', status: 'admitted' });

    // Signals flow between the two at once.
    colleague.send({ type: 'signal', to: welcome.participants.find((p) => p.role === 'host')!.id, payload: { kind: 'candidate', candidate: null } });
    await host.next('signal');

    // Answering twice is refused, and the host's end ends it for both.
    expect((await world.clients.memberA.post(`/api/colleague-calls/${callId}/accept`)).json()).toMatchObject({ error: { code: 'call_not_ringing' } });
    await world.clients.representativeA.post(`/api/consultations/${consultationId}/end`);
    await colleague.next('ended');
  });

  it('does not show an answered colleague as away before they connect (offers to them would be lost)', async () => {
    const member = await presence(world.clients.memberA);
    const representative = await presence(world.clients.representativeA);
    const memberId = await idOf(representative, 'Member A');
    const { callId, consultationId } = (await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId })).json<{
      callId: string;
      consultationId: string;
    }>();
    await member.next('incoming-call', (message) => message.callId === callId);
    await world.clients.memberA.post(`/api/colleague-calls/${callId}/accept`);

    // The caller's room opens only now, after the answer: the callee is not in it until connected.
    const host = await signaling(world.clients.representativeA, consultationId);
    expect((await host.hello()).participants.map((participant) => participant.role)).toEqual(['host']);
    const colleague = await signaling(world.clients.memberA, consultationId);
    await colleague.hello();
    expect((await host.next('participant-joined')).participant).toMatchObject({ displayName: 'Member A', online: true });
    await world.clients.representativeA.post(`/api/consultations/${consultationId}/end`);
  });

  it('tells the caller when the colleague declines, and closes the consultation nobody joined', async () => {
    const member = await presence(world.clients.memberA);
    const representative = await presence(world.clients.representativeA);
    const memberId = await idOf(representative, 'Member A');
    const { callId, consultationId } = (await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId })).json<{
      callId: string;
      consultationId: string;
    }>();
    await member.next('incoming-call', (message) => message.callId === callId);
    expect((await world.clients.memberA.post(`/api/colleague-calls/${callId}/decline`)).statusCode).toBe(200);
    await representative.next('call-ended', (message) => message.callId === callId && message.outcome === 'declined');
    expect((await world.clients.representativeA.get(`/api/consultations/${consultationId}`)).json()).toMatchObject({ status: 'ended' });
    // The ended consultation kept no places: the call is gone.
    expect((await world.clients.memberA.post(`/api/colleague-calls/${callId}/accept`)).statusCode).toBe(404);
  });

  it('stops ringing when the caller hangs up, and when nobody answers in time', async () => {
    const member = await presence(world.clients.memberA);
    const representative = await presence(world.clients.representativeA);
    const memberId = await idOf(representative, 'Member A');

    const first = (await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId })).json<{ callId: string }>();
    await member.next('incoming-call', (message) => message.callId === first.callId);
    expect((await world.clients.representativeA.delete(`/api/colleague-calls/${first.callId}`)).statusCode).toBe(200);
    await member.next('call-ended', (message) => message.callId === first.callId && message.outcome === 'cancelled');

    const second = (await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId })).json<{ callId: string }>();
    await member.next('incoming-call', (message) => message.callId === second.callId);
    await member.next('call-ended', (message) => message.callId === second.callId && message.outcome === 'missed', RING_MS + 3000);
    await representative.next('call-ended', (message) => message.callId === second.callId && message.outcome === 'missed');
    expect((await world.clients.memberA.post(`/api/colleague-calls/${second.callId}/accept`)).statusCode).toBe(404);
  });

  it('refuses to ring a colleague who is away, staff, oneself or another organisation’s member', async () => {
    const representativeList = (await world.clients.representativeA.get('/api/colleagues')).json<{ colleagues: Colleague[] }>().colleagues;
    const memberId = representativeList.find((colleague) => colleague.displayName === 'Member A')!.id;
    for (const socket of open) socket.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const away = await world.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId });
    expect(away.statusCode).toBe(409);
    expect(away.json()).toMatchObject({ error: { code: 'colleague_unavailable' } });
    expect((await world.clients.representativeB.post('/api/colleague-calls', { colleagueId: memberId })).statusCode).toBe(404);
    expect((await world.clients.staffA.post('/api/colleague-calls', { colleagueId: memberId })).statusCode).toBe(403);
    expect((await world.clients.memberA.post('/api/colleague-calls', { colleagueId: memberId })).statusCode).toBe(404);
  });

  it('cuts a deactivated colleague off: presence and call sockets close, the list drops them', async () => {
    const fresh = await buildWorld(testApp, mailer, { port });
    const member = await connectPresence(port, fresh.clients.memberA);
    const representative = await connectPresence(port, fresh.clients.representativeA);
    open.push(member, representative);
    const memberId = await idOf(representative, 'Member A');
    const { callId, consultationId } = (await fresh.clients.representativeA.post('/api/colleague-calls', { colleagueId: memberId })).json<{
      callId: string;
      consultationId: string;
    }>();
    await fresh.clients.memberA.post(`/api/colleague-calls/${callId}/accept`);
    const call = await signaling(fresh.clients.memberA, consultationId);
    await call.hello();

    expect((await fresh.clients.representativeA.post(`/api/organization/members/${memberId}/deactivate`)).statusCode).toBe(200);
    expect(await member.closed).toBe(4001);
    expect(await call.waitClosed()).toBe(CLOSE_CODES.unauthenticated);
    const list = await representative.next('colleagues', (message) => !message.colleagues.some((colleague) => colleague.id === memberId));
    expect(list.colleagues.map((colleague) => colleague.displayName)).not.toContain('Member A');
  });
});
