import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientMessage, SIGNALING_PROTOCOL_VERSION, type ClientMessageInput } from '../../common/signaling';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { connect, hostWithConsultation, readyGuest, signalingUrl } from '../test-support/consultations';
import { TestSocket } from '../test-support/signaling';
import { actorNames, buildWorld, type ActorName } from '../test-support/world';

const ORIGIN = 'http://localhost:3000';

/**
 * The signaling half of the tenant matrix. Upgrade: who may open a socket on consultation A.
 * Messages: every client message type × every role a socket can have (the host, an admitted guest,
 * a waiting guest) → accepted, or refused with a stable error code. Staff never get a socket.
 */
const upgrade: Record<ActorName, 'open' | 401 | 404> = {
  anonymous: 401,
  guestA: 'open',
  // A guest's cookie leads to the guest's own consultation only; see the roster check below.
  guestB: 'open',
  individual: 404,
  memberA: 'open',
  staffA: 404,
  representativeA: 404,
  memberB: 404,
  staffB: 404,
  representativeB: 404,
  deactivatedA: 401,
};

type Role = 'host' | 'admittedGuest' | 'waitingGuest';
type Result = 'accepted' | 'host_only' | 'not_admitted' | 'invalid_message';

const messages: Record<ClientMessageInput['type'], { message: (ids: Ids, role: Role) => ClientMessageInput; expect: Record<Role, Result> }> = {
  hello: {
    message: () => ({ type: 'hello', protocol: SIGNALING_PROTOCOL_VERSION }),
    expect: { host: 'invalid_message', admittedGuest: 'invalid_message', waitingGuest: 'invalid_message' },
  },
  signal: {
    // To someone admitted other than the sender.
    message: (ids, role) => ({ type: 'signal', to: role === 'host' ? ids.admitted : ids.host, payload: { kind: 'candidate', candidate: null } }),
    expect: { host: 'accepted', admittedGuest: 'accepted', waitingGuest: 'not_admitted' },
  },
  admit: {
    message: (ids) => ({ type: 'admit', participantId: ids.waiting }),
    expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' },
  },
  decline: {
    message: (ids) => ({ type: 'decline', participantId: ids.waiting }),
    expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' },
  },
  remove: {
    message: (ids) => ({ type: 'remove', participantId: ids.admitted }),
    expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' },
  },
  'waiting-message': {
    message: (ids) => ({ type: 'waiting-message', to: ids.waiting, text: 'Gleich' }),
    expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' },
  },
  end: { message: () => ({ type: 'end' }), expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' } },
  'media-state': {
    message: () => ({ type: 'media-state', media: { audio: true, video: true, screen: false } }),
    expect: { host: 'accepted', admittedGuest: 'accepted', waitingGuest: 'not_admitted' },
  },
  'set-mode': { message: () => ({ type: 'set-mode', mode: 'audio' }), expect: { host: 'accepted', admittedGuest: 'host_only', waitingGuest: 'host_only' } },
  leave: { message: () => ({ type: 'leave' }), expect: { host: 'accepted', admittedGuest: 'accepted', waitingGuest: 'accepted' } },
  ping: { message: () => ({ type: 'ping' }), expect: { host: 'accepted', admittedGuest: 'accepted', waitingGuest: 'accepted' } },
};

interface Ids {
  host: string;
  admitted: string;
  waiting: string;
}

describe('signaling matrix', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();

  beforeAll(async () => {
    testApp = await startTestApp({ mailer });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => testApp.close());

  it('lets only the host and the consultation’s own guests open a socket', async () => {
    const world = await buildWorld(testApp, mailer);
    for (const actor of actorNames) {
      const socket = new TestSocket(signalingUrl(port, world.ids.consultationA), { origin: ORIGIN, cookie: world.clients[actor].cookieHeader() });
      const outcome = await socket.opened().then(
        () => 'open' as const,
        (error: Error) => Number(/(\d{3})/.exec(error.message)?.[1]),
      );
      expect(outcome, actor).toBe(upgrade[actor]);
      if (outcome === 'open') {
        const welcome = await socket.hello();
        if (actor === 'memberA') expect(welcome.role).toBe('host');
        if (actor === 'guestA') expect(welcome.participantId).toBe(world.ids.guestParticipantA);
        // Guest B's cookie leads to consultation B, whatever it asks for: nobody of A is in its roster.
        if (actor === 'guestB') {
          expect(welcome.participantId).not.toBe(world.ids.guestParticipantA);
          expect(welcome.participants.map((participant) => participant.id)).not.toContain(world.ids.guestParticipantA);
        }
        socket.close();
      }
    }
  });

  it('accepts or refuses every message type for every role', async () => {
    expect(Object.keys(messages).sort()).toEqual([...clientMessage.options.map((option) => option.shape.type.value)].sort());
    const failures: string[] = [];
    for (const [type, row] of Object.entries(messages)) {
      for (const role of ['host', 'admittedGuest', 'waitingGuest'] as Role[]) {
        const { sockets, ids } = await callWithWaitingGuest(testApp, mailer, port);
        const sender = sockets[role];
        sender.send(row.message(ids, role));
        const error = await sender.next('error', (message) => message.ref === type, 400).catch(() => undefined);
        const result: Result = error ? (error.code as Result) : 'accepted';
        if (result !== row.expect[role]) failures.push(`${type} from ${role}: expected ${row.expect[role]}, got ${result}`);
        for (const socket of Object.values(sockets)) socket.close();
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

/** A host connected, one guest admitted, and a second guest waiting. */
async function callWithWaitingGuest(testApp: TestApp, mailer: MemoryMailer, port: number) {
  const setup = await hostWithConsultation(testApp, mailer, ['Erster Gast', 'Zweiter Gast']);
  const host = await connect(port, setup.host.client, ORIGIN, setup.consultation.id);
  const hostWelcome = await host.hello();
  const [first, second] = await Promise.all(
    setup.guests.map((guest, index) => readyGuest(testApp, setup.tokenFor(guest.email), guest.name, `127.3.${Math.floor(Math.random() * 250)}.${index + 1}`)),
  );
  const admitted = await connect(port, first!.client, ORIGIN);
  await admitted.hello();
  await host.next('participant-joined', (message) => message.participant.id === first!.participantId);
  host.send({ type: 'admit', participantId: first!.participantId });
  await admitted.next('admitted');
  const waiting = await connect(port, second!.client, ORIGIN);
  await waiting.hello();
  await host.next('participant-joined', (message) => message.participant.id === second!.participantId);
  return {
    sockets: { host, admittedGuest: admitted, waitingGuest: waiting },
    ids: { host: hostWelcome.participantId, admitted: first!.participantId, waiting: second!.participantId },
  };
}
