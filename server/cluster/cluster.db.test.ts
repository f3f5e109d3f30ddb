import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../common/signaling';
import { MemoryMailer } from '../test-support/app';
import { redisForTests, TestCluster } from '../test-support/cluster';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { connectPresence } from '../test-support/presence';
import type { TestSocket } from '../test-support/signaling';
import { organization } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';
const offer = { kind: 'description' as const, description: { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };
const answer = { kind: 'description' as const, description: { type: 'answer' as const, sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' } };

/**
 * Two server processes of one deployment, sharing the database and Redis, with clients spread over
 * both the way a load balancer without sticky sessions spreads them.
 */
describe('several server processes (Redis)', () => {
  let available = false;
  const mailer = new MemoryMailer();
  let database: TestDatabase;
  let cluster: TestCluster;
  const open: Array<{ close(): void }> = [];

  async function socket(port: number, client: Parameters<typeof connect>[1], consultationId?: string): Promise<TestSocket> {
    const opened = await connect(port, client, ORIGIN, consultationId);
    open.push(opened);
    return opened;
  }

  beforeAll(async () => {
    available = await redisForTests();
    if (!available) return;
    database = await openTestDatabase();
    cluster = new TestCluster(database, mailer);
    await cluster.start();
    await cluster.start();
  });
  afterAll(async () => {
    for (const opened of open) opened.close();
    await cluster?.close();
    await database?.close();
  });

  it('relays a guest on the other process to the room: waiting room, admission and offers both ways', async (context) => {
    if (!available) context.skip();
    const [nodeA, nodeB] = cluster.pair();
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(nodeA, mailer, ['Greta Gast']);
    const hostSocket = await socket(nodeA.port, host.client, consultation.id);
    const hostWelcome = await hostSocket.hello();
    const guest = await readyGuest(nodeB, tokenFor(guests[0]!.email), 'Greta G.');
    const guestSocket = await socket(nodeB.port, guest.client);
    const welcome = await guestSocket.hello();
    expect(welcome).toMatchObject({ status: 'waiting', role: 'guest', participantId: guest.participantId });
    expect(welcome.participants.map((participant) => participant.role).sort()).toEqual(['guest', 'host']);
    expect((await hostSocket.next('participant-joined')).participant).toMatchObject({ displayName: 'Greta G.', status: 'waiting', online: true });

    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');
    guestSocket.send({ type: 'signal', to: hostWelcome.participantId, payload: offer });
    expect(await hostSocket.next('signal')).toMatchObject({ from: guest.participantId, payload: offer });
    hostSocket.send({ type: 'signal', to: guest.participantId, payload: answer });
    expect(await guestSocket.next('signal')).toMatchObject({ from: hostWelcome.participantId, payload: answer });
    // One room, on the process the host reached first; the other only relays.
    expect(nodeA.app.hub.roomIds()).toContain(consultation.id);
    expect(nodeB.app.hub.roomIds()).not.toContain(consultation.id);

    guestSocket.close();
    await hostSocket.next('participant-updated', (message) => message.participant.id === guest.participantId && !message.participant.online);
  });

  it('carries out what happens on either process: staff admit, a revoked link, a logout, the end', async (context) => {
    if (!available) context.skip();
    const [nodeA, nodeB] = cluster.pair();
    const practice = await organization(nodeA, mailer, 'Cluster');
    const doctor = await practice.invite('member');
    const staff = await practice.invite('staff');
    const emails = ['erna.cluster@example.org', 'emil.cluster@example.org'];
    const created = await staff.client.post('/api/consultations', {
      onBehalfOf: doctor.id,
      guests: emails.map((email, index) => ({ name: `Gast ${index}`, email })),
    });
    const consultation = created.json<{ id: string; invitations: { id: string; email: string }[] }>();
    const tokenOf = (email: string) => new URL(mailer.linkTo(email)).hash.slice(1);
    const doctorSocket = await socket(nodeA.port, doctor.client, consultation.id);
    await doctorSocket.hello();

    // Practice staff ask the process they reach; the room lives on the other one.
    const first = await readyGuest(nodeB, tokenOf(emails[0]!), 'Erna');
    const firstSocket = await socket(nodeB.port, first.client);
    await firstSocket.hello();
    const staffOnB = staff.client.through(nodeB);
    expect((await staffOnB.post(`/api/consultations/${consultation.id}/waiting-room/${first.participantId}/message`, { text: 'Gleich!' })).statusCode).toBe(
      200,
    );
    expect((await firstSocket.next('waiting-message')).text).toBe('Gleich!');
    expect((await staffOnB.post(`/api/consultations/${consultation.id}/waiting-room/${first.participantId}/admit`)).statusCode).toBe(200);
    await firstSocket.next('admitted');
    expect((await staffOnB.post(`/api/consultations/${consultation.id}/waiting-room/${randomUUID()}/admit`)).statusCode).toBe(404);

    // A revoked link closes the guest's socket, which sits on the other process than the request.
    const second = await readyGuest(nodeA, tokenOf(emails[1]!), 'Emil');
    const secondSocket = await socket(nodeB.port, second.client);
    await secondSocket.hello();
    const invitation = consultation.invitations.find((item) => item.email === emails[1])!;
    expect((await doctor.client.delete(`/api/consultations/${consultation.id}/invitations/${invitation.id}`)).statusCode).toBe(200);
    await secondSocket.next('removed');
    expect(await secondSocket.waitClosed()).toBe(CLOSE_CODES.revoked);

    // The end, asked of the process without the room, reaches everyone.
    expect((await doctor.client.through(nodeB).post(`/api/consultations/${consultation.id}/end`)).statusCode).toBe(200);
    expect((await firstSocket.next('ended')).reason).toBe('host');
    expect(await firstSocket.waitClosed()).toBe(CLOSE_CODES.ended);
    expect(await doctorSocket.waitClosed()).toBe(CLOSE_CODES.ended);

    // A logout on one process closes the host's socket on the other.
    const { host, consultation: next } = await hostWithConsultation(nodeA, mailer, ['Nobody']);
    const hostSocket = await socket(nodeB.port, host.client, next.id);
    await hostSocket.hello();
    expect((await host.client.delete('/api/session')).statusCode).toBe(200);
    expect(await hostSocket.waitClosed()).toBe(CLOSE_CODES.unauthenticated);
  });

  it('shows colleagues on different processes to each other and rings across them (P-07)', async (context) => {
    if (!available) context.skip();
    const [nodeA, nodeB] = cluster.pair();
    const practice = await organization(nodeA, mailer, 'Presence');
    const member = await practice.invite('member');
    const representativeOnB = practice.representative.through(nodeB);
    const memberPresence = await connectPresence(nodeA.port, member.client);
    open.push(memberPresence);
    const representativePresence = await connectPresence(nodeB.port, representativeOnB);
    open.push(representativePresence);
    // A second tab of the representative, on the other process.
    const representativeSecondTab = await connectPresence(nodeA.port, practice.representative);
    open.push(representativeSecondTab);
    await memberPresence.next('presence', (message) => message.presence === 'online');
    const listed = (await representativeOnB.get('/api/colleagues')).json<{ colleagues: { id: string; presence: string }[] }>().colleagues;
    expect(listed.find((colleague) => colleague.id === member.id)?.presence).toBe('online');

    // The ring starts on B and reaches the member's tab on A; the answer goes back the other way.
    const call = (await representativeOnB.post('/api/colleague-calls', { colleagueId: member.id })).json<{ callId: string; consultationId: string }>();
    expect((await memberPresence.next('incoming-call')).callId).toBe(call.callId);
    expect((await member.client.post(`/api/colleague-calls/${call.callId}/accept`)).statusCode).toBe(200);
    await representativePresence.next('call-ended', (message) => message.callId === call.callId && message.outcome === 'accepted');
    await representativeSecondTab.next('call-ended', (message) => message.callId === call.callId && message.outcome === 'accepted');

    // The member's call socket lands on B, so the room (and "in a call") lives there; A learns it.
    const callSocket = await socket(nodeB.port, member.client, call.consultationId);
    await callSocket.hello();
    await representativePresence.next('presence', (message) => message.id === member.id && message.presence === 'in_call');
    await representativeSecondTab.next('presence', (message) => message.id === member.id && message.presence === 'in_call');
    const seenFromA = (await practice.representative.get('/api/colleagues')).json<{ colleagues: { id: string; presence: string }[] }>();
    expect(seenFromA.colleagues.find((colleague) => colleague.id === member.id)?.presence).toBe('in_call');
    callSocket.close();
    await representativePresence.next('presence', (message) => message.id === member.id && message.presence === 'online');
    memberPresence.close();
    await representativePresence.next('presence', (message) => message.id === member.id && message.presence === 'away');
    await representativeSecondTab.next('presence', (message) => message.id === member.id && message.presence === 'away');
  });

  it('never rings a colleague who is busy on the other process: in a consultation, or do not disturb (A31b-7)', async (context) => {
    if (!available) context.skip();
    const [nodeA, nodeB] = cluster.pair();
    const practice = await organization(nodeA, mailer, 'Ruhe');
    const doctor = await practice.invite('member');
    const doctorOnB = doctor.client.through(nodeB);
    // The doctor's app tab is on A; the consultation they hold has its room on B.
    const doctorTab = await connectPresence(nodeA.port, doctor.client);
    open.push(doctorTab);
    const created = await doctorOnB.post('/api/consultations', { guests: [{ name: 'Gast', email: 'gast.ruhe.cluster@example.org' }] });
    const room = await socket(nodeB.port, doctorOnB, created.json<{ id: string }>().id);
    await room.hello();
    const seen = async (client: typeof doctor.client) =>
      (await client.get('/api/colleagues')).json<{ colleagues: { id: string; presence: string }[] }>().colleagues.find((person) => person.id === doctor.id)
        ?.presence;
    await expect.poll(() => seen(practice.representative)).toBe('in_call');

    // The caller reaches A, which holds neither the room nor anything but the shared facts.
    const busy = await practice.representative.post('/api/colleague-calls', { colleagueId: doctor.id });
    expect(busy.json()).toMatchObject({ error: { code: 'colleague_busy', details: { presence: 'in_call' } } });
    expect((await doctorTab.next('missed-while-busy')).fromName).toBe('Rep Ruhe');
    room.close();
    await expect.poll(() => seen(practice.representative)).toBe('online');

    // Do not disturb switched through B applies to the tab on A; a caller on B is refused.
    expect((await doctorOnB.put('/api/colleagues/do-not-disturb', { on: true })).statusCode).toBe(200);
    expect((await doctorTab.next('do-not-disturb', (message) => message.on)).on).toBe(true);
    const representativeOnB = practice.representative.through(nodeB);
    await expect.poll(() => seen(representativeOnB)).toBe('do_not_disturb');
    const quiet = await representativeOnB.post('/api/colleague-calls', { colleagueId: doctor.id });
    expect(quiet.json()).toMatchObject({ error: { code: 'colleague_busy', details: { presence: 'do_not_disturb' } } });
    expect((await doctorTab.next('missed-while-busy')).fromName).toBe('Rep Ruhe');
    expect(doctorTab.has('incoming-call')).toBe(false);
  });

  it('takes the room from a process that stopped answering, and reconnects the sockets relayed to it', async (context) => {
    if (!available) context.skip();
    const [, nodeB] = cluster.pair();
    // A process whose heartbeat lapses after 1.5 s, as if it hung: it keeps running, but counts as dead.
    const hanging = await cluster.start({ heartbeatMs: 60_000, aliveTtlMs: 1_500 });
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(hanging, mailer, ['Hanna Hang']);
    const hostSocket = await socket(hanging.port, host.client, consultation.id);
    await hostSocket.hello();
    const guest = await readyGuest(nodeB, tokenFor(guests[0]!.email), 'Hanna H.');
    const guestSocket = await socket(nodeB.port, guest.client);
    const welcome = await guestSocket.hello();
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');

    // Within the liveness check (2 s) after the lapse, the relayed socket is told to reconnect.
    expect(await guestSocket.waitClosed(8_000)).toBe(CLOSE_CODES.serviceRestart);
    const again = await socket(nodeB.port, guest.client);
    expect(await again.hello(welcome.resumeToken)).toMatchObject({ resumed: true, status: 'admitted' });
    expect(nodeB.app.hub.roomIds()).toContain(consultation.id);
  });

  it('moves a call to the remaining process when one stops: everyone resumes their place', async (context) => {
    if (!available) context.skip();
    const [nodeA, nodeB] = cluster.pair();
    const { host, consultation, guests, tokenFor } = await hostWithConsultation(nodeA, mailer, ['Rita Resume']);
    const hostSocket = await socket(nodeA.port, host.client, consultation.id);
    const hostWelcome = await hostSocket.hello();
    const guest = await readyGuest(nodeB, tokenFor(guests[0]!.email), 'Rita R.');
    const guestSocket = await socket(nodeB.port, guest.client);
    const guestWelcome = await guestSocket.hello();
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');

    await cluster.stop(nodeA);
    expect(await guestSocket.waitClosed()).toBe(CLOSE_CODES.serviceRestart);
    expect(await hostSocket.waitClosed()).toBe(CLOSE_CODES.serviceRestart);

    const guestAgain = await socket(nodeB.port, guest.client);
    const resumed = await guestAgain.hello(guestWelcome.resumeToken);
    expect(resumed).toMatchObject({ resumed: true, status: 'admitted' });
    expect(resumed.participants.find((participant) => participant.role === 'host')).toMatchObject({ online: false });
    const hostAgain = await socket(nodeB.port, host.client, consultation.id);
    expect(await hostAgain.hello(hostWelcome.resumeToken)).toMatchObject({ resumed: true, participantId: hostWelcome.participantId });
    expect((await guestAgain.next('participant-updated')).participant).toMatchObject({ role: 'host', online: true });
    hostAgain.send({ type: 'signal', to: guest.participantId, payload: offer });
    expect(await guestAgain.next('signal')).toMatchObject({ from: hostWelcome.participantId });
    expect(nodeB.app.hub.roomIds()).toContain(consultation.id);
  });
});
