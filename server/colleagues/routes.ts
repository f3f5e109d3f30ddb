import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { okResponse } from '../../common/api/accounts';
import {
  colleagueCallParams,
  colleagueCallRequest,
  colleagueCallView,
  colleagueList,
  doNotDisturbRequest,
  doNotDisturbView,
} from '../../common/api/colleagues';
import { encodePresenceMessage, parsePresenceClientMessage, PRESENCE_MAX_MESSAGE_BYTES, PRESENCE_PATH } from '../../common/presence';
import { TokenBucket } from '../../common/signaling';
import type { AccountStore } from '../accounts/store';
import { requireSession } from '../http/auth';
import { AppError, isUnavailable } from '../http/errors';
import { SOCKET_CAPS, type SocketLimits } from '../http/socket-limits';
import { colleagueRules } from './policy';
import type { PresenceHolder, PresenceHub } from './presence';
import type { ColleagueService } from './service';
import { limitPer } from '../throttle/route-limits';

const tags = ['colleagues'];
/** Dead sockets are found by WebSocket pings; a missed pong drops the socket. */
const PING_INTERVAL_MS = 20_000;

export interface ColleagueRouteDeps {
  colleagues: ColleagueService;
  presence: PresenceHub;
  accounts: AccountStore;
  publicOrigin: string;
  limits: SocketLimits;
}

declare module 'fastify' {
  interface FastifyRequest {
    presenceIdentity: Omit<PresenceHolder, 'connection'> | undefined;
  }
}

/** The presence socket belongs to an active professional's login session, opened from our own site. */
async function identifyPresence(request: FastifyRequest, deps: ColleagueRouteDeps): Promise<Omit<PresenceHolder, 'connection'>> {
  if (request.headers.origin !== deps.publicOrigin) throw new AppError('forbidden', 'This connection came from another site.');
  const session = requireSession(request);
  const account = await deps.accounts.findById(session.accountId);
  if (!account || !colleagueRules.seesColleagues(account) || !account.organizationId) {
    throw new AppError('forbidden', 'Presence is for the professionals of an organisation.');
  }
  return { accountId: account.id, organizationId: account.organizationId, sessionIdHash: session.idHash, doNotDisturb: account.doNotDisturbSince !== null };
}

export function registerColleagueRoutes(app: FastifyInstance, deps: ColleagueRouteDeps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { colleagues } = deps;

  api.get('/api/colleagues', {
    config: { access: 'customer' },
    schema: { tags, summary: 'Active colleagues of the organisation with presence (P-07): names only', response: { 200: colleagueList } },
    handler: async (request) => colleagues.colleagues(requireSession(request).accountId),
  });

  api.put('/api/colleagues/do-not-disturb', {
    config: { access: 'customer', limits: { none: 'switches a setting of the own account; sends and creates nothing' } },
    schema: {
      tags,
      summary: 'Do not disturb: while on, colleague calls are refused as busy and you get a silent notice instead (Anlage 31b)',
      body: doNotDisturbRequest,
      response: { 200: doNotDisturbView },
    },
    handler: async (request) => colleagues.setDoNotDisturb(requireSession(request).accountId, request.body.on),
  });

  api.post('/api/colleague-calls', {
    config: { access: 'customer', limits: [limitPer('consultationsPerAccount', 'account'), limitPer('consultationBurstPerAccount', 'account')] },
    schema: {
      tags,
      summary: 'Call a colleague: a new consultation you hold, ringing in the colleague’s open app tabs',
      body: colleagueCallRequest,
      response: { 201: colleagueCallView },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await colleagues.call(requireSession(request).accountId, request.body.colleagueId, request.body.mode ?? 'video')),
  });

  api.post('/api/colleague-calls/:callId/accept', {
    config: { access: 'customer', limits: { none: 'answers a call ringing for the caller' } },
    schema: { tags, summary: 'Answer a ringing call: join it without a waiting room', params: colleagueCallParams, response: { 200: colleagueCallView } },
    handler: async (request) => colleagues.accept(requireSession(request).accountId, request.params.callId),
  });

  api.post('/api/colleague-calls/:callId/decline', {
    config: { access: 'customer', limits: { none: 'declines a call ringing for the caller' } },
    schema: { tags, summary: 'Decline a ringing call', params: colleagueCallParams, response: { 200: okResponse } },
    handler: async (request) => {
      await colleagues.decline(requireSession(request).accountId, request.params.callId);
      return { ok: true as const };
    },
  });

  api.delete('/api/colleague-calls/:callId', {
    config: { access: 'customer', limits: { none: 'hangs up an own call' } },
    schema: { tags, summary: 'Hang up a call that is still ringing', params: colleagueCallParams, response: { 200: okResponse } },
    handler: async (request) => {
      await colleagues.cancel(requireSession(request).accountId, request.params.callId);
      return { ok: true as const };
    },
  });

  registerPresenceSocket(app, deps);
}

function registerPresenceSocket(app: FastifyInstance, deps: ColleagueRouteDeps): void {
  app.decorateRequest('presenceIdentity', undefined);
  app.get(
    PRESENCE_PATH,
    {
      websocket: true,
      // Authorised in preValidation like the signaling socket: a refusal from the onRequest hook
      // would leave the upgrade's connection open.
      config: { access: 'public' },
      schema: { hide: true },
      preValidation: async (request) => {
        const identity = await identifyPresence(request, deps);
        // A tab beyond the caps is refused, not swapped for an old one: that one would reconnect and
        // swap out the next, round and round. Its client retries with back-off.
        deps.limits.admit(
          request,
          [
            { key: `session:${identity.sessionIdHash}`, max: SOCKET_CAPS.perLoginSession, whenFull: 'refuse' },
            { key: `account:${identity.accountId}`, max: SOCKET_CAPS.perAccount, whenFull: 'refuse' },
            deps.limits.clientRule(request),
          ],
          1008,
        );
        request.presenceIdentity = identity;
      },
    },
    (socket, request) => {
      deps.limits.attach(request, socket);
      const holder: PresenceHolder = {
        ...(request.presenceIdentity as Omit<PresenceHolder, 'connection'>),
        connection: {
          send: (text) => {
            if (socket.readyState === socket.OPEN) socket.send(text);
          },
          close: (code, reason) => socket.close(code, reason),
        },
      };
      const bucket = new TokenBucket(2, 10, Date.now());
      let alive = true;
      const heartbeat = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, PING_INTERVAL_MS);
      socket.on('pong', () => {
        alive = true;
      });
      socket.on('message', (data, isBinary) => {
        alive = true;
        const text = String(data);
        if (!bucket.take(Date.now()) || isBinary || text.length > PRESENCE_MAX_MESSAGE_BYTES) {
          return socket.close(1008, 'policy violation');
        }
        const message = parsePresenceClientMessage(text);
        if (message?.type === 'ping') holder.connection.send(encodePresenceMessage({ type: 'pong' }));
      });
      // Connecting awaits the colleague list; a socket that closed meanwhile must still be let go.
      const connected = deps.presence.connect(holder).catch((error: unknown) => {
        if (isUnavailable(error)) {
          request.log.warn({ err: error }, 'presence dependency unavailable');
          return socket.close(1013, 'try again later');
        }
        request.log.error({ err: error }, 'presence connect failed');
        socket.close(1011, 'internal error');
      });
      socket.on('close', () => {
        clearInterval(heartbeat);
        void connected.then(() => deps.presence.disconnect(holder));
      });
    },
  );
}
