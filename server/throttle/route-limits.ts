import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Mailer } from '../notify/mailer';
import type { SmsSender } from '../notify/sms';
import { clientOf } from '../http/client';
import type { LimitName } from './policy';
import type { Throttle } from './throttle';

/**
 * Whom a limit counts: the logged-in account, the operator, the guest's place, the client address,
 * a field of the validated body or a path parameter (an address, an id), or `service`: counted by
 * the service, where the subject is only known there (e.g. the address of an invited guest).
 */
export type LimitSubject = 'account' | 'operator' | 'guest' | 'client' | 'service' | `body.${string}` | `params.${string}`;

export interface RouteLimit {
  limit: LimitName;
  per: LimitSubject;
}

/**
 * Every write route declares its abuse limits, as it declares `access`: a request that sends a
 * message or creates something names at least one; `{ none }` says why a route needs none. The
 * route-table test refuses a write route without a declaration and a 201/202 route with `none`,
 * and the message guard below refuses a message sent by a route that declared `none`.
 */
export type RouteLimits = readonly RouteLimit[] | { none: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    limits?: RouteLimits;
  }
}

export const limitPer = (limit: LimitName, per: LimitSubject): RouteLimit => ({ limit, per });

function subjectOf(request: FastifyRequest, per: LimitSubject): string | undefined {
  if (per === 'account') return request.session?.accountId;
  if (per === 'operator') return request.operator?.accountId;
  if (per === 'guest') return request.guest?.participant.id;
  if (per === 'client') return clientOf(request).address;
  if (per === 'service') return undefined;
  const [source, ...path] = per.split('.');
  let value: unknown = source === 'body' ? request.body : request.params;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  // Addresses are compared as the blind index does: case and surrounding blanks make no new subject.
  return typeof value === 'string' && value !== '' ? value.trim().toLowerCase() : undefined;
}

/** Which route a message is sent from, so that the guard can check its declaration. */
const currentRoute = new AsyncLocalStorage<{ route: string; limits: RouteLimits | undefined }>();

/**
 * `guardMessages`: whether the message guard below learns the route of each request. It is a check
 * for programmers, found by a test of the new route, so it runs in development and tests only: on
 * Node 20 and 22 an AsyncLocalStorage in use makes every promise and socket of the process pay an
 * async hook (issue 17 measured it; `npm run bench -- api`).
 */
export function registerRouteLimits(app: FastifyInstance, throttle: Throttle, guardMessages: boolean): void {
  // run() with the callback form carries the store into every later hook and the handler.
  if (guardMessages) {
    app.addHook('onRequest', (request, _reply, done) => {
      currentRoute.run({ route: `${request.method} ${request.routeOptions.url ?? ''}`, limits: request.routeOptions.config.limits }, done);
    });
  }
  // After authentication and validation: invalid requests are not counted, and the subject is known.
  app.addHook('preHandler', async (request) => {
    const limits = request.routeOptions.config.limits;
    if (!limits || !Array.isArray(limits)) return;
    for (const { limit, per } of limits as readonly RouteLimit[]) {
      const subject = subjectOf(request, per);
      if (subject !== undefined) await throttle.consume(limit, `${per}:${subject}`);
    }
  });
}

function assertLimited(): void {
  const context = currentRoute.getStore();
  if (context && (context.limits === undefined || !Array.isArray(context.limits))) {
    throw new Error(`${context.route} sends a message but declares no abuse limit (config.limits)`);
  }
}

/**
 * Mailer and SMS sender as the app uses them: a message sent while handling a request whose route
 * declared no limit is a programming error and fails loudly, so a test of the new route finds it.
 * Messages outside requests (retention jobs, timers) are not affected, nor is production
 * (registerRouteLimits: there a route's test has found a missing declaration long before).
 */
export function limitGuardedMailer(mailer: Mailer): Mailer {
  return {
    send: async (message) => {
      assertLimited();
      await mailer.send(message);
    },
    close: () => mailer.close(),
  };
}

export function limitGuardedSms(sms: SmsSender): SmsSender {
  return {
    send: async (message) => {
      assertLimited();
      await sms.send(message);
    },
  };
}
