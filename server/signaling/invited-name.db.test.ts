import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, MAX_MESSAGE_BYTES } from '../../common/signaling';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest } from '../test-support/consultations';

const ORIGIN = 'http://localhost:3000';

describe('signaling: the invited name and oversize frames (issue 16)', () => {
  let testApp: TestApp;
  let port: number;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  it('shows the host the invited name next to a different typed one, in the waiting room and the call; never to other guests (P-16)', async () => {
    const setup = await hostWithConsultation(testApp, mailer, ['Max Muster', 'Erika Gast']);
    const hostSocket = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    await hostSocket.hello();
    // The impostor types a name the host would trust; the second guest keeps the invited name.
    const impostor = await readyGuest(testApp, setup.tokenFor(setup.guests[0]!.email), 'Alice Tester (Praxis)');
    const honest = await readyGuest(testApp, setup.tokenFor(setup.guests[1]!.email), 'Erika Gast');
    const impostorSocket = await connect(port, impostor.client, ORIGIN);
    await impostorSocket.hello();
    const waiting = await hostSocket.next('participant-joined', (message) => message.participant.id === impostor.participantId);
    expect(waiting.participant).toMatchObject({ displayName: 'Alice Tester (Praxis)', invitedName: 'Max Muster', status: 'waiting' });

    const honestSocket = await connect(port, honest.client, ORIGIN);
    await honestSocket.hello();
    const sameName = await hostSocket.next('participant-joined', (message) => message.participant.id === honest.participantId);
    expect(sameName.participant.invitedName).toBeUndefined();

    hostSocket.send({ type: 'admit', participantId: honest.participantId });
    await honestSocket.next('admitted');
    hostSocket.send({ type: 'admit', participantId: impostor.participantId });
    await impostorSocket.next('admitted');
    const updated = await hostSocket.next('participant-updated', (message) => message.participant.id === impostor.participantId);
    expect(updated.participant.invitedName).toBe('Max Muster');

    // A host reconnecting (the call roster of its welcome) sees it too.
    const again = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
    const welcome = await again.hello();
    expect(welcome.participants.find((participant) => participant.id === impostor.participantId)?.invitedName).toBe('Max Muster');
    // The other guest, in the call with the impostor, sees only the typed name.
    const guestAgain = await connect(port, honest.client, ORIGIN);
    const guestWelcome = await guestAgain.hello();
    const seenByGuest = guestWelcome.participants.find((participant) => participant.id === impostor.participantId);
    expect(seenByGuest?.displayName).toBe('Alice Tester (Praxis)');
    expect(seenByGuest).not.toHaveProperty('invitedName');
  });

  it('logs each oversize frame in one short line without a stack trace', async () => {
    const setup = await hostWithConsultation(testApp, mailer, ['Nobody']);
    const before = testApp.logs().length;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const socket = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
      socket.sendRaw(JSON.stringify({ type: 'ping', pad: 'x'.repeat(MAX_MESSAGE_BYTES) }));
      expect(await socket.waitClosed()).toBe(CLOSE_CODES.messageTooBig);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = testApp
      .logs()
      .slice(before)
      .split('\n')
      .filter((line) => line.includes('websocket') || line.includes('payload'));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toContain('websocket frame refused');
      expect(line).not.toMatch(/\bat \S+\.(ts|js):\d+|"stack"/);
    }
  });
});
