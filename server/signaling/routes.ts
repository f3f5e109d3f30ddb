import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import websocket from '@fastify/websocket';
import type { WebSocket } from 'ws';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as z from 'zod';
import { CLOSE_CODES, MAX_MESSAGE_BYTES, SIGNALING_PATH } from '../../common/signaling';
import type { GuestService } from '../consultations/guests';
import type { CookieSettings } from '../http/auth';
import { AppError } from '../http/errors';
import { SOCKET_CAPS, type SocketLimits, type SocketRule } from '../http/socket-limits';
import { sessionIdHash, type SessionService } from '../sessions/service';
import type { SignalingCluster } from './cluster';
import type { SignalingIdentity } from './hub';
import { SignalingSockets } from './socket';
import type { SignalingStore } from './store';

declare module 'fastify' {
  interface FastifyRequest {
    signalingIdentity: SignalingIdentity | undefined;
  }
}

const signalingQuery = z.object({ consultation: z.uuid().optional() });

export interface SignalingRouteDeps {
  signaling: SignalingCluster;
  guests: GuestService;
  store: SignalingStore;
  sessions: Pick<SessionService, 'admit'>;
  cookies: CookieSettings;
  publicOrigin: string;
  limits: SocketLimits;
}

/** One participant holds one place (a new tab replaces the oldest); a login session and a client only a few sockets. */
function socketRules(request: FastifyRequest, identity: SignalingIdentity, limits: SocketLimits): SocketRule[] {
  return [
    { key: `participant:${identity.participantId}`, max: SOCKET_CAPS.perParticipant, whenFull: 'replace-oldest' },
    ...(identity.sessionIdHash ? [{ key: `session:${identity.sessionIdHash}`, max: SOCKET_CAPS.perLoginSession, whenFull: 'refuse' as const }] : []),
    ...(identity.accountId ? [{ key: `account:${identity.accountId}`, max: SOCKET_CAPS.perAccount, whenFull: 'refuse' as const }] : []),
    limits.clientRule(request),
  ];
}

/** Resolves who opens the socket before the upgrade; a refused upgrade is a plain HTTP 4xx. */
async function identify(request: FastifyRequest, deps: SignalingRouteDeps): Promise<SignalingIdentity> {
  if (request.headers.origin !== deps.publicOrigin) {
    throw new AppError('forbidden', 'This connection came from another site.');
  }
  const guestCookie = request.cookies[deps.cookies.names.guest];
  const query = signalingQuery.safeParse(request.query);
  const consultationId = query.success ? query.data.consultation : undefined;
  const sessionId = consultationId ? request.cookies[deps.cookies.names.session] : undefined;
  if (consultationId && sessionId) {
    // The session and its place in one read (the route reads the session itself, `readsSession`),
    // judged as every request's is: an ended session or a closed consultation is refused here.
    const idHash = sessionIdHash(sessionId);
    const found = await deps.store.sessionPlace(idHash, consultationId);
    request.session = found && (await deps.sessions.admit(idHash, found.session));
    if (request.session && found) {
      // The host's, or a colleague's who answered the call (P-07); anyone else's consultation is not found.
      const { place } = found;
      if (!place) throw new AppError('not_found', 'No such consultation.');
      return {
        consultationId: place.consultationId,
        participantId: place.id,
        role: place.role,
        displayName: place.displayName ?? '',
        admitted: place.role === 'member' || place.admittedAt !== null,
        resumeHash: place.resumeHash,
        sessionIdHash: request.session.idHash,
        accountId: request.session.accountId,
        organizationId: found.organizationId,
        ...(found.emptyRoomMode ? { emptyRoom: { callMode: found.emptyRoomMode } } : {}),
      };
    }
  }
  // The place, its consultation and the invited name in one read.
  const guest = guestCookie ? await deps.guests.place(guestCookie) : undefined;
  if (!guest) throw new AppError('unauthenticated', 'Please open your invitation link again.');
  const { participant } = guest.identity;
  if (!participant.displayName || !participant.consentedAt) {
    throw new AppError('forbidden', 'Please enter your name and consent first.');
  }
  return {
    consultationId: participant.consultationId,
    participantId: participant.id,
    role: participant.role,
    displayName: participant.displayName,
    ...(guest.invitedName !== null ? { invitedName: guest.invitedName } : {}),
    admitted: participant.status === 'admitted',
    resumeHash: participant.resumeHash,
    ...(guest.noOneToResume ? { emptyRoom: { callMode: guest.identity.consultation.callMode } } : {}),
  };
}

/**
 * A client's protocol violation (an oversize frame, a bad opcode) is refused by ws, which closes the
 * socket with the fitting code (1009, 1002): one short line, no stack — a client can send any number
 * of them. Anything else is our failure and logged as such.
 */
function socketErrorHandler(error: Error, socket: { terminate(): void }, request: Pick<FastifyRequest, 'log'>): void {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
    request.log.info({ wsError: code }, 'websocket frame refused');
    return;
  }
  request.log.error({ err: error }, 'websocket failed');
  socket.terminate();
}

/**
 * The websocket plugin gives the upgrade's TCP socket an HTTP response (for a refusal) and never takes
 * it back: the socket would keep that response, and through it the upgrade request with all its
 * headers, for as long as the call lasts. Once upgraded nothing answers over HTTP any more.
 *
 * Likewise the HTTP connection timeout: ws turns it off (`setTimeout(0)`), but Node keeps the cleared
 * timer on the socket (a Timeout and a bound function, about 0.2 KB) and "refreshes" it at every
 * read and write. Node tests that slot for null before each use, so it is set to null.
 */
function releaseUpgradeResponse(tcp: Socket): void {
  const response = (tcp as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  response?.detachSocket(tcp);
  const slot = Object.getOwnPropertySymbols(tcp).find((symbol) => symbol.description === 'timeout');
  const timers = tcp as unknown as Record<symbol, { _destroyed?: boolean } | null>;
  if (slot && timers[slot]?._destroyed === true) timers[slot] = null;
}

export async function registerSignalingRoutes(app: FastifyInstance, deps: SignalingRouteDeps): Promise<void> {
  await app.register(websocket, {
    // Larger frames are refused by ws itself with close code 1009; compression is off (CRIME-style leaks, CPU).
    options: { maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false },
    errorHandler: socketErrorHandler,
    // At shutdown tell every client to reconnect (to the next process); calls keep flowing meanwhile.
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(CLOSE_CODES.serviceRestart, 'server restarting');
      done();
    },
  });
  app.decorateRequest('signalingIdentity', undefined);
  // The process's logger, not each upgrade's child logger: a socket keeps nothing of its request.
  const { log } = app;
  const sockets = new SignalingSockets(deps.signaling, log);
  function onSocketError(this: WebSocket, error: Error): void {
    socketErrorHandler(error, this, { log });
  }
  app.addHook('onClose', async () => sockets.close());
  // An upgrade answered over HTTP instead (refused, or 503 when the session lookup in onRequest met
  // a database that is down) must end its connection: Node no longer looks after an upgrade's
  // socket, and one left open would also keep the server from closing.
  app.addHook('onResponse', async (request) => {
    if (request.headers.upgrade?.toLowerCase() === 'websocket') request.raw.socket.destroySoon();
  });

  app.get(
    SIGNALING_PATH,
    {
      websocket: true,
      config: { access: 'public', readsSession: true },
      schema: { hide: true },
      preValidation: async (request) => {
        const identity = await identify(request, deps);
        deps.limits.admit(request, socketRules(request, identity, deps.limits), CLOSE_CODES.replaced);
        request.signalingIdentity = identity;
      },
    },
    (socket, request) => {
      deps.limits.attach(request, socket);
      releaseUpgradeResponse(request.raw.socket);
      // The plugin's error listener keeps the upgrade's request and reply alive as long as the
      // socket: most of an idle socket's memory. Ours is one function for all sockets.
      socket.removeAllListeners('error');
      socket.on('error', onSocketError);
      sockets.accept(socket, request.signalingIdentity as SignalingIdentity);
    },
  );
}
