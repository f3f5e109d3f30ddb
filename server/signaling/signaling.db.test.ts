import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_MESSAGE_BYTES, MAX_PARTICIPANTS, RATE_LIMIT } from '../../common/signaling';
import { consultations, participants } from '../db/schema';
import { ApiClient, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest, signalingUrl } from '../test-support/consultations';
import { heldConnections, TestSocket } from '../test-support/signaling';

const ORIGIN = 'http://localhost:3000';
const offer = { kind: 'description' as const, description: { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } };

describe('signaling', () => {
  let testApp: TestApp;
  let port: number;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  /** A host connected to a fresh consultation, and guests ready at its door. */
  async function room(guestNames: string[]) {
    const setup = await hostWithConsultation(testApp, mailer, guestNames);
    const hostSocket = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    const hostWelcome = await hostSocket.hello();
    const guests = await Promise.all(
      setup.guests.map(async (guest, index) => readyGuest(testApp, setup.tokenFor(guest.email), `${guestNames[index]} (display)`)),
    );
    return { ...setup, hostSocket, hostWelcome, guests };
  }

  async function admitted(hostSocket: TestSocket, guest: { client: Parameters<typeof connect>[1]; participantId: string }) {
    const socket = await connect(port, guest.client, ORIGIN);
    const welcome = await socket.hello();
    await hostSocket.next('participant-joined', (message) => message.participant.id === guest.participantId);
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await socket.next('admitted');
    return Object.assign(socket, { welcome });
  }

  it('hands an admitted guest its ICE configuration and the roster with the admission, and only then', async () => {
    const { hostSocket, guests } = await room(['Iris Ice']);
    const guest = guests[0]!;
    const socket = await connect(port, guest.client, ORIGIN);
    expect(JSON.stringify(await socket.hello())).not.toContain('iceServers');
    expect((await guest.client.get('/api/join/ice')).statusCode).toBe(403);
    await hostSocket.next('participant-joined', (message) => message.participant.id === guest.participantId);
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    const { ice, participants } = await socket.next('admitted');
    // Who is in the call comes with the admission too: the guest's links need not wait for the roster.
    expect(participants).toEqual((await socket.next('roster')).participants);
    expect(participants?.map((participant) => participant.role).sort()).toEqual(['guest', 'host']);
    // What the guest would otherwise fetch once admitted, one request later.
    const fetched = (await guest.client.get('/api/join/ice')).json<{ iceServers: { urls: string[] }[]; iceTransportPolicy: string }>();
    expect(ice?.iceTransportPolicy).toBe(fetched.iceTransportPolicy);
    expect(ice?.iceServers.map((server) => server.urls)).toEqual(fetched.iceServers.map((server) => server.urls));
    socket.close();
  });

  it('stores each admission, and the consultation as started at the first one only', async () => {
    const { hostSocket, guests, consultation } = await room(['Stella Start', 'Sven Second']);
    const { db } = testApp.database;
    const placeOf = async (id: string) => (await db.select().from(participants).where(eq(participants.id, id)))[0]!;
    const startOf = async () => (await db.select().from(consultations).where(eq(consultations.id, consultation.id)))[0]!.startedAt;
    const first = await admitted(hostSocket, guests[0]!);
    const firstPlace = await placeOf(guests[0]!.participantId);
    expect(firstPlace.status).toBe('admitted');
    expect(firstPlace.admittedAt).toBeInstanceOf(Date);
    expect(await startOf()).toEqual(firstPlace.admittedAt);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await admitted(hostSocket, guests[1]!);
    const secondPlace = await placeOf(guests[1]!.participantId);
    expect(secondPlace.status).toBe('admitted');
    expect(secondPlace.admittedAt!.getTime()).toBeGreaterThan(firstPlace.admittedAt!.getTime());
    expect(await startOf()).toEqual(firstPlace.admittedAt);
    first.close();
    second.close();
  });

  it('opens an audio-only consultation’s call as audio-only, whoever connects first', async () => {
    for (const first of ['guest', 'host'] as const) {
      const { host, consultation, guests, tokenFor } = await hostWithConsultation(testApp, mailer, ['Ada Audio'], { mode: 'audio' });
      const guest = await readyGuest(testApp, tokenFor(guests[0]!.email), 'Ada Audio');
      const open = { host: () => connect(port, host.client, ORIGIN, consultation.id), guest: () => connect(port, guest.client, ORIGIN) };
      const second = first === 'guest' ? 'host' : 'guest';
      const firstSocket = await open[first]();
      expect((await firstSocket.hello()).mode).toBe('audio');
      const secondSocket = await open[second]();
      expect((await secondSocket.hello()).mode).toBe('audio');
      firstSocket.close();
      secondSocket.close();
    }
  });

  it('refuses the upgrade without a cookie, from another origin, or before name and consent', async () => {
    const { host, consultation, tokenFor, guests } = await hostWithConsultation(testApp, mailer, ['No Details']);
    await expect(new TestSocket(signalingUrl(port), { origin: ORIGIN }).opened()).rejects.toThrow(/401/);
    await expect(
      new TestSocket(signalingUrl(port, consultation.id), { origin: 'https://evil.example', cookie: host.client.cookieHeader() }).opened(),
    ).rejects.toThrow(/403/);
    const guest = await new ApiClient(testApp).init();
    await guest.post('/api/join', { token: tokenFor(guests[0]!.email) });
    await expect(new TestSocket(signalingUrl(port), { origin: ORIGIN, cookie: guest.cookieHeader() }).opened()).rejects.toThrow(/403/);
  });

  it('puts a guest in the waiting room on hello; the host sees the name, the guest sees only the host', async () => {
    const { hostSocket, guests, hostWelcome } = await room(['Wanda Wait', 'Walter Wait']);
    const first = await connect(port, guests[0]!.client, ORIGIN);
    const welcome = await first.hello();
    expect(welcome).toMatchObject({ status: 'waiting', role: 'guest', participantId: guests[0]!.participantId });
    expect(welcome.participants.map((participant) => participant.role).sort()).toEqual(['guest', 'host']);
    const joined = await hostSocket.next('participant-joined');
    expect(joined.participant).toEqual({
      id: guests[0]!.participantId,
      displayName: 'Wanda Wait (display)',
      // The host sees the invited name next to the typed one when they differ (issue 16).
      invitedName: 'Wanda Wait',
      role: 'guest',
      status: 'waiting',
      online: true,
      media: { audio: false, video: false, screen: false, cameraStreamId: null, screenStreamId: null },
    });
    const second = await connect(port, guests[1]!.client, ORIGIN);
    const secondWelcome = await second.hello();
    expect(secondWelcome.participants.map((participant) => participant.id)).not.toContain(guests[0]!.participantId);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.received.some((message) => message.type === 'participant-joined')).toBe(false);

    // A waiting guest can neither send nor receive offers.
    first.send({ type: 'signal', to: hostWelcome.participantId, payload: offer });
    expect((await first.next('error')).code).toBe('not_admitted');
    hostSocket.send({ type: 'signal', to: guests[0]!.participantId, payload: offer });
    expect((await hostSocket.next('error')).code).toBe('unknown_participant');
    first.send({ type: 'admit', participantId: guests[1]!.participantId });
    expect((await first.next('error')).code).toBe('host_only');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(first.has('signal')).toBe(false);

    hostSocket.send({ type: 'waiting-message', to: guests[0]!.participantId, text: '5 Minuten, bitte' });
    expect(await first.next('waiting-message')).toMatchObject({ text: '5 Minuten, bitte', fromName: 'Erika Mustermann' });
  });

  it('admits a guest, then relays offers and candidates both ways unchanged', async () => {
    const { hostSocket, guests, hostWelcome } = await room(['Anton Admit']);
    const guest = await admitted(hostSocket, guests[0]!);
    const roster = await guest.next('roster');
    expect(roster.participants.map((participant) => participant.id).sort()).toEqual([hostWelcome.participantId, guests[0]!.participantId].sort());
    hostSocket.send({ type: 'signal', to: guests[0]!.participantId, payload: offer });
    expect(await guest.next('signal')).toEqual({ type: 'signal', from: hostWelcome.participantId, payload: offer });
    const candidate = { kind: 'candidate' as const, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0', sdpMLineIndex: 0 } };
    guest.send({ type: 'signal', to: hostWelcome.participantId, payload: candidate });
    expect((await hostSocket.next('signal')).payload).toEqual(candidate);
  });

  it(`admits at most ${MAX_PARTICIPANTS} participants and tells both the host and the one refused`, async () => {
    const names = ['One', 'Two', 'Three', 'Four', 'Five'];
    const { hostSocket, guests } = await room(names);
    for (const guest of guests.slice(0, MAX_PARTICIPANTS - 1)) await admitted(hostSocket, guest);
    const sixth = await connect(port, guests[4]!.client, ORIGIN);
    await sixth.hello();
    await hostSocket.next('participant-joined', (message) => message.participant.id === guests[4]!.participantId);
    hostSocket.send({ type: 'admit', participantId: guests[4]!.participantId });
    expect(await hostSocket.next('participant-refused')).toMatchObject({ displayName: 'Five (display)', reason: 'room_full' });
    expect((await hostSocket.next('error')).code).toBe('room_full');
    expect((await sixth.next('error')).code).toBe('room_full');
    expect(sixth.has('admitted')).toBe(false);
  });

  it('gives a dropped guest its place back on resume, without re-admission or a ghost', async () => {
    const { hostSocket, guests } = await room(['Rita Resume']);
    const guest = await admitted(hostSocket, guests[0]!);
    const { resumeToken } = guest.welcome;
    guest.terminate();
    const offline = await hostSocket.next(
      'participant-updated',
      (message) => message.participant.id === guests[0]!.participantId && !message.participant.online,
    );
    expect(offline.participant.status).toBe('admitted');
    const again = await connect(port, guests[0]!.client, ORIGIN);
    const welcome = await again.hello(resumeToken);
    expect(welcome).toMatchObject({ resumed: true, status: 'admitted', participantId: guests[0]!.participantId });
    expect(welcome.participants.filter((participant) => participant.id === guests[0]!.participantId)).toHaveLength(1);
    const online = await hostSocket.next('participant-updated', (message) => message.participant.id === guests[0]!.participantId && message.participant.online);
    expect(online.participant.status).toBe('admitted');
    expect(hostSocket.has('participant-joined')).toBe(false);
  });

  it('closes the old socket when the same guest connects again elsewhere', async () => {
    const { hostSocket, guests } = await room(['Tab One']);
    const first = await admitted(hostSocket, guests[0]!);
    const second = await connect(port, guests[0]!.client, ORIGIN);
    expect((await second.hello()).status).toBe('admitted');
    expect(await first.waitClosed()).toBe(CLOSE_CODES.replaced);
  });

  it('declines, removes, revokes and ends with their close codes', async () => {
    const { hostSocket, guests, host, consultation } = await room(['Dora Decline', 'Ron Remove', 'Vera Revoke', 'Emil End']);
    const waiting = await connect(port, guests[0]!.client, ORIGIN);
    await waiting.hello();
    await hostSocket.next('participant-joined');
    hostSocket.send({ type: 'decline', participantId: guests[0]!.participantId });
    await waiting.next('declined');
    expect(await waiting.waitClosed()).toBe(CLOSE_CODES.declined);
    expect((await guests[0]!.client.get('/api/join')).statusCode).toBe(401);

    const removed = await admitted(hostSocket, guests[1]!);
    hostSocket.send({ type: 'remove', participantId: guests[1]!.participantId });
    expect(await removed.waitClosed()).toBe(CLOSE_CODES.removed);

    const revoked = await admitted(hostSocket, guests[2]!);
    await host.client.delete(`/api/consultations/${consultation.id}/invitations/${consultation.invitations[2]!.id}`);
    expect(await revoked.waitClosed()).toBe(CLOSE_CODES.revoked);

    const last = await admitted(hostSocket, guests[3]!);
    hostSocket.send({ type: 'end' });
    expect((await last.next('ended')).reason).toBe('host');
    expect(await last.waitClosed()).toBe(CLOSE_CODES.ended);
    expect(await hostSocket.waitClosed()).toBe(CLOSE_CODES.ended);
    // An ended consultation takes no new socket, not even its host's.
    await expect(connect(port, host.client, ORIGIN, consultation.id)).rejects.toThrow(/404/);
    expect((await host.client.get('/api/activity')).json().entries[0].participantNames.sort()).toEqual(
      ['Emil End (display)', 'Erika Mustermann', 'Ron Remove (display)', 'Vera Revoke (display)'].sort(),
    );
  });

  it('closes the host’s socket when its login session ends, and takes none with that session', async () => {
    const { hostSocket, host, consultation } = await room(['Anyone']);
    const cookie = host.client.cookieHeader();
    expect((await host.client.delete('/api/session')).statusCode).toBe(200);
    expect(await hostSocket.waitClosed()).toBe(CLOSE_CODES.unauthenticated);
    await expect(new TestSocket(signalingUrl(port, consultation.id), { origin: ORIGIN, cookie }).opened()).rejects.toThrow(/401/);
  });

  it('judges each of several upgrades opened at once by its own session: an ended one is refused, the others open', async () => {
    const setups = await Promise.all([0, 1, 2].map(async () => hostWithConsultation(testApp, mailer, ['Guest At Once'])));
    const guests = await Promise.all(setups.map(async (setup) => readyGuest(testApp, setup.tokenFor(setup.guests[0]!.email), 'Guest At Once')));
    const ended = setups[1]!;
    const endedCookie = ended.host.client.cookieHeader();
    expect((await ended.host.client.delete('/api/session')).statusCode).toBe(200);
    // Sent at once, so that the server reads them in one turn (one batch of reads).
    const connections = heldConnections(testApp.app.http.server);
    const hosts = setups.map(
      (setup) =>
        new TestSocket(
          signalingUrl(port, setup.consultation.id),
          { origin: ORIGIN, cookie: setup === ended ? endedCookie : setup.host.client.cookieHeader() },
          connections,
        ),
    );
    const guestSockets = guests.map((guest) => new TestSocket(signalingUrl(port), { origin: ORIGIN, cookie: guest.client.cookieHeader() }, connections));
    const opening = Promise.allSettled([...hosts, ...guestSockets].map((socket) => socket.opened()));
    await connections.release();
    const outcomes = await opening;
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/401/);
    const welcomes = await Promise.all([hosts[0]!, hosts[2]!, ...guestSockets].map((socket) => socket.hello()));
    expect(welcomes.map((welcome) => welcome.role)).toEqual(['host', 'host', 'guest', 'guest', 'guest']);
    expect(welcomes[0]!.participantId).not.toBe(welcomes[1]!.participantId);
  });

  it('closes with 1009 above 64 KiB and with 1008 above the rate limit; bad JSON only gets an error', async () => {
    const { hostSocket, host, consultation } = await room(['Nobody']);
    hostSocket.sendRaw('{not json');
    expect((await hostSocket.next('error')).code).toBe('invalid_json');
    hostSocket.sendRaw(JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_MESSAGE_BYTES) }));
    expect(await hostSocket.waitClosed()).toBe(CLOSE_CODES.messageTooBig);

    const flooding = await connect(port, host.client, ORIGIN, consultation.id);
    await flooding.hello();
    for (let index = 0; index < RATE_LIMIT.burst + 20; index += 1) flooding.send({ type: 'ping' });
    expect(await flooding.waitClosed()).toBe(CLOSE_CODES.policyViolation);
  });
});

describe('signaling across a server restart', () => {
  /** A host and an admitted guest in a call, then the process replaced by a new one on the same database. */
  async function callAcrossRestart({ hostHangsUp = false } = {}) {
    const mailer = new MemoryMailer();
    const first = await startTestApp({ mailer });
    await first.app.http.listen({ host: '127.0.0.1', port: 0 });
    const port = (first.app.http.server.address() as { port: number }).port;
    const setup = await hostWithConsultation(first, mailer, ['Stay Tuned']);
    const hostSocket = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    const hostWelcome = await hostSocket.hello();
    const guest = await readyGuest(first, setup.tokenFor(setup.guests[0]!.email), 'Stay Tuned');
    const guestSocket = await connect(port, guest.client, ORIGIN);
    const guestWelcome = await guestSocket.hello();
    await hostSocket.next('participant-joined');
    hostSocket.send({ type: 'admit', participantId: guest.participantId });
    await guestSocket.next('admitted');
    if (hostHangsUp) {
      hostSocket.send({ type: 'leave' });
      await guestSocket.next('participant-left');
    }

    await first.app.http.close();
    expect(await guestSocket.waitClosed()).toBe(CLOSE_CODES.serviceRestart);
    const second = await startTestApp({ mailer, database: first.database });
    await second.app.http.listen({ host: '127.0.0.1', port });
    const close = async () => {
      await second.close();
      await first.database.close();
    };
    return { port, setup, guest, hostWelcome, guestWelcome, close };
  }

  it('lets host and guest resume with their places after the process is replaced', async () => {
    const { port, setup, guest, hostWelcome, guestWelcome, close } = await callAcrossRestart();
    const hostAgain = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    const hostResumed = await hostAgain.hello(hostWelcome.resumeToken);
    expect(hostResumed).toMatchObject({ resumed: true, status: 'admitted', participantId: hostWelcome.participantId });
    // The first one back still sees the other (away for now), so it keeps its peer connection.
    expect(hostResumed.participants.find((participant) => participant.id === guest.participantId)).toMatchObject({ status: 'admitted', online: false });
    const guestAgain = await connect(port, guest.client, ORIGIN);
    expect(await guestAgain.hello(guestWelcome.resumeToken)).toMatchObject({ resumed: true, status: 'admitted', participantId: guest.participantId });
    expect((await hostAgain.next('participant-updated', (message) => message.participant.id === guest.participantId)).participant.online).toBe(true);
    hostAgain.send({ type: 'signal', to: guest.participantId, payload: offer });
    expect((await guestAgain.next('signal')).from).toBe(hostWelcome.participantId);
    await close();
  });

  it('does not show a host who hung up before the restart as away to the guest who is back', async () => {
    const { port, setup, guest, hostWelcome, guestWelcome, close } = await callAcrossRestart({ hostHangsUp: true });
    const guestAgain = await connect(port, guest.client, ORIGIN);
    const guestResumed = await guestAgain.hello(guestWelcome.resumeToken);
    expect(guestResumed).toMatchObject({ resumed: true, status: 'admitted' });
    expect(guestResumed.participants.map((participant) => participant.id)).not.toContain(hostWelcome.participantId);
    // The host may come back all the same, and is in the call again at once.
    const hostAgain = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    expect(await hostAgain.hello(hostWelcome.resumeToken)).toMatchObject({ resumed: false, status: 'admitted', participantId: hostWelcome.participantId });
    expect((await guestAgain.next('participant-joined')).participant.id).toBe(hostWelcome.participantId);
    await close();
  });

  it('shows a guest who is back first the host as away, and relays to the host once back', async () => {
    const { port, setup, guest, hostWelcome, guestWelcome, close } = await callAcrossRestart();
    const guestAgain = await connect(port, guest.client, ORIGIN);
    const guestResumed = await guestAgain.hello(guestWelcome.resumeToken);
    expect(guestResumed).toMatchObject({ resumed: true, status: 'admitted' });
    expect(guestResumed.participants.find((participant) => participant.id === hostWelcome.participantId)).toMatchObject({ status: 'admitted', online: false });
    const hostAgain = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    expect(await hostAgain.hello(hostWelcome.resumeToken)).toMatchObject({ resumed: true, status: 'admitted' });
    guestAgain.send({ type: 'signal', to: hostWelcome.participantId, payload: offer });
    expect((await hostAgain.next('signal')).from).toBe(guest.participantId);
    await close();
  });
});
