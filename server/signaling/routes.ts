import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  CLOSE_CODES,
  encodeServerMessage,
  MAX_MESSAGE_BYTES,
  parseClientMessage,
  SIGNALING_PATH,
  TokenBucket,
  type ClientMessage,
} from '../../common/signaling';
import type { GuestService } from '../consultations/guests';
import type { ConsultationStore } from '../consultations/store';
import type { CookieSettings } from '../http/auth';
import { AppError } from '../http/errors';
import type { SignalingCluster, SocketLink } from './cluster';
import { RoomFullError, type SignalingIdentity } from './hub';
import type { Connection } from './room';

/** Dead peers are found by WebSocket pings; two missed pongs and the socket is dropped. */
const PING_INTERVAL_MS = 15_000;
/** A socket must introduce itself promptly. */
const HELLO_TIMEOUT_MS = 10_000;

declare module 'fastify' {
  interface FastifyRequest {
    signalingIdentity: SignalingIdentity | undefined;
  }
}

const signalingQuery = z.object({ consultation: z.uuid().optional() });

export interface SignalingRouteDeps {
  signaling: SignalingCluster;
  guests: GuestService;
  store: ConsultationStore;
  cookies: CookieSettings;
  publicOrigin: string;
}

/**
 * A logged-in account's place in an open consultation: the host's, or a colleague's who answered
 * the call (P-07). Anyone else's consultation is not found.
 */
async function accountPlace(deps: SignalingRouteDeps, consultationId: string, accountId: string) {
  const consultation = await deps.store.find(consultationId);
  if (consultation?.status !== 'open') return undefined;
  if (consultation.hostAccountId === accountId) return deps.store.findHostParticipant(consultation.id);
  const place = await deps.store.findMemberParticipant(consultation.id, accountId);
  return place?.status === 'admitted' ? place : undefined;
}

/** Resolves who opens the socket before the upgrade; a refused upgrade is a plain HTTP 4xx. */
async function identify(request: FastifyRequest, deps: SignalingRouteDeps): Promise<SignalingIdentity> {
  if (request.headers.origin !== deps.publicOrigin) {
    throw new AppError(403, 'forbidden', 'This connection came from another site.');
  }
  const guestCookie = request.cookies[deps.cookies.names.guest];
  const query = signalingQuery.safeParse(request.query);
  const consultationId = query.success ? query.data.consultation : undefined;
  if (request.session && consultationId) {
    const place = await accountPlace(deps, consultationId, request.session.accountId);
    if (!place) throw new AppError(404, 'not_found', 'No such consultation.');
    return {
      consultationId: place.consultationId,
      participantId: place.id,
      role: place.role,
      displayName: place.displayName ?? '',
      admitted: place.role === 'member' || place.admittedAt !== null,
      resumeHash: place.resumeHash,
      sessionIdHash: request.session.idHash,
      accountId: request.session.accountId,
    };
  }
  const guest = guestCookie ? await deps.guests.resolve(guestCookie) : undefined;
  if (!guest) throw new AppError(401, 'unauthenticated', 'Please open your invitation link again.');
  const { participant } = guest;
  if (!participant.displayName || !participant.consentedAt) {
    throw new AppError(403, 'forbidden', 'Please enter your name and consent first.');
  }
  return {
    consultationId: participant.consultationId,
    participantId: participant.id,
    role: participant.role,
    displayName: participant.displayName,
    admitted: participant.status === 'admitted',
    resumeHash: participant.resumeHash,
  };
}

export async function registerSignalingRoutes(app: FastifyInstance, deps: SignalingRouteDeps): Promise<void> {
  await app.register(websocket, {
    // Larger frames are refused by ws itself with close code 1009; compression is off (CRIME-style leaks, CPU).
    options: { maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false },
    // At shutdown tell every client to reconnect (to the next process); calls keep flowing meanwhile.
    preClose(done) {
      for (const client of this.websocketServer.clients) client.close(CLOSE_CODES.serviceRestart, 'server restarting');
      done();
    },
  });
  app.decorateRequest('signalingIdentity', undefined);

  app.get(
    SIGNALING_PATH,
    {
      websocket: true,
      config: { access: 'public' },
      schema: { hide: true },
      preValidation: async (request) => {
        request.signalingIdentity = await identify(request, deps);
      },
    },
    (socket, request) => {
      const identity = request.signalingIdentity as SignalingIdentity;
      const bucket = new TokenBucket(undefined, undefined, Date.now());
      const connection: Connection = {
        send: (text) => {
          if (socket.readyState === socket.OPEN) socket.send(text);
        },
        close: (code, reason) => socket.close(code, reason),
      };
      let link: SocketLink | undefined;
      // Messages are handled one after another, also while an earlier one awaits the database.
      let queue = Promise.resolve();
      let alive = true;
      const sendError = (code: 'invalid_json' | 'invalid_message' | 'hello_required' | 'internal_error', message: string) =>
        connection.send(encodeServerMessage({ type: 'error', code, message }));

      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, PING_INTERVAL_MS);
      const helloTimer = setTimeout(() => {
        if (!link) socket.close(CLOSE_CODES.policyViolation, 'hello expected');
      }, HELLO_TIMEOUT_MS);

      const process = async (message: ClientMessage) => {
        if (!link) {
          if (message.type !== 'hello') return sendError('hello_required', 'Send hello first.');
          clearTimeout(helloTimer);
          link = await deps.signaling.join(identity, connection, message.resumeToken, message.media);
          return;
        }
        await link.handle(message);
      };

      socket.on('pong', () => {
        alive = true;
      });
      socket.on('message', (data, isBinary) => {
        alive = true;
        if (!bucket.take(Date.now())) return socket.close(CLOSE_CODES.policyViolation, 'rate limit exceeded');
        if (isBinary) return sendError('invalid_message', 'Only text frames are accepted.');
        const parsed = parseClientMessage(String(data));
        if (!parsed.ok) {
          if (parsed.code === 'message_too_large') return socket.close(CLOSE_CODES.messageTooBig, 'message too large');
          return sendError(parsed.code, parsed.code === 'invalid_json' ? 'Not valid JSON.' : 'Not a valid message.');
        }
        queue = queue
          .then(() => process(parsed.message))
          .catch((error: unknown) => {
            if (error instanceof RoomFullError) return;
            request.log.error({ err: error }, 'signaling message failed');
            sendError('internal_error', 'Something went wrong on our side.');
          });
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        clearTimeout(helloTimer);
        void queue.then(() => {
          link?.disconnected();
        });
      });
    },
  );
}
