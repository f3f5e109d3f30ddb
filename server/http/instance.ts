import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config/config';
import { registerRequestMetrics, type AppMetrics } from '../metrics/metrics';
import type { RouteLimits } from '../throttle/route-limits';
import { clientErrorHandler, frameworkErrors } from './client-errors';
import { AppError } from './errors';
import { loggerOptions } from './logging';

/** Requests carry small JSON documents; anything larger is refused before it is parsed. */
const BODY_LIMIT_BYTES = 64 * 1024;
/** Request headers are small: whoever has not sent them within this long is cut off. */
const HEADERS_TIMEOUT_MS = 10_000;

export interface RouteEntry {
  method: string;
  url: string;
  access: string | undefined;
  /** The abuse limits the route declares (server/throttle/route-limits.ts). */
  limits: RouteLimits | undefined;
  /** Status codes of the response schema: 201/202 mark a route that creates or sends. */
  statuses: string[];
  hidden: boolean;
  /** The body schema (zod), so tests can find every route that takes, e.g., a password to check. */
  body: unknown;
  /** A sensitive route that asks for the second factor besides the password (server/second-factor/fresh-check.ts). */
  freshCheck: boolean;
  /** Why the route takes no CSRF token (a signed server-to-server webhook), if it takes none. */
  csrfExempt: string | undefined;
}

/**
 * Node enforces requestTimeout only while headersTimeout is no larger, and only when it checks its
 * connections (every 30 s by default); connectionTimeout cuts a socket silent for that long. An
 * upgraded WebSocket leaves all three (ws clears the socket timeout).
 */
function httpTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/**
 * zod validates and serialises every route (set below, typed). Named as the compilers' factories too,
 * they spare each start Fastify's defaults (ajv, fast-json-stringify), which it would otherwise load
 * at construction only to have them replaced.
 */
const zodCompilers = { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler } as unknown as NonNullable<
  FastifyServerOptions['schemaController']
>['compilersFactory'];

/**
 * The Fastify instance with the app's limits, validation and logging, and the list every route
 * lands in as it is registered: the route-table tests walk that list so a new route cannot skip a rule.
 */
export function createHttp(
  config: Config,
  logStream: NodeJS.WritableStream | undefined,
  metrics: AppMetrics | undefined,
): { http: FastifyInstance; routes: RouteEntry[] } {
  const http = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    // Trust exactly the configured proxy hops; a client-sent X-Forwarded-For is ignored otherwise.
    trustProxy: (_address: string, hop: number) => hop < config.trustProxyHops,
    bodyLimit: BODY_LIMIT_BYTES,
    ...httpTimeouts(config.requestTimeoutMs),
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
    routerOptions: { ignoreTrailingSlash: true },
    schemaController: { compilersFactory: zodCompilers },
  });
  if (metrics) registerRequestMetrics(http, metrics);
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  // Only JSON is accepted; text/plain would reach the handlers as a string.
  http.removeContentTypeParser('text/plain');
  const routes: RouteEntry[] = [];
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        access: route.config?.access,
        limits: route.config?.limits,
        statuses: Object.keys((route.schema as { response?: Record<string, unknown> } | undefined)?.response ?? {}),
        hidden: Boolean((route.schema as { hide?: boolean } | undefined)?.hide),
        body: (route.schema as { body?: unknown } | undefined)?.body,
        freshCheck: route.config?.freshCheck === true,
        csrfExempt: route.config?.csrfExempt,
      });
    }
  });
  // A route without a body schema takes no body: anything sent is refused rather than ignored.
  http.addHook('preValidation', async (request) => {
    if (
      request.body !== undefined &&
      !request.routeOptions.schema?.body &&
      !request.routeOptions.config.acceptsPdf &&
      !request.routeOptions.config.rawJsonBody
    ) {
      throw new AppError('invalid_body', 'This request takes no body.');
    }
  });
  return { http, routes };
}
