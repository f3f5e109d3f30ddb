import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';

/**
 * Logs never hold a client address (P-03), a token, a cookie, a password, an
 * e-mail address or a name. We replace Fastify's serializers instead of
 * redacting after the fact: what is not copied cannot leak.
 */

/** Query strings can carry tokens; paths under /api never do (tokens travel in bodies or fragments). */
function pathOnly(url: string | undefined): string {
  return (url ?? '').split('?')[0] ?? '';
}

const logSerializers = {
  req(request: { method?: string; url?: string; id?: string }) {
    return { method: request.method, path: pathOnly(request.url), id: request.id };
  },
  res(reply: { statusCode?: number }) {
    return { statusCode: reply.statusCode };
  },
  err(error: Error & { code?: string; statusCode?: number }) {
    // A driver's message can quote the offending input (an e-mail address, say); ours never do.
    return {
      type: error.name,
      message: error.name === 'AppError' ? error.message : 'message withheld',
      code: error.code,
      statusCode: error.statusCode,
      // Only the call frames: a multi-line message (a driver's "Failed query: …\nparams: …", which
      // carried a session-id hash during an outage) continues on the lines after the first.
      stack: error.stack
        ?.split('\n')
        .filter((line) => /^\s+at /.test(line))
        .slice(0, 7)
        .join('\n'),
    };
  },
};

/** Keys that must never reach a log line, wherever they appear in a logged object. */
const redactedPaths = [
  'ip',
  'ips',
  'remoteAddress',
  'remotePort',
  'hostname',
  'headers',
  'req.headers',
  'body',
  'email',
  'password',
  'token',
  'cookie',
  '*.ip',
  '*.email',
  '*.password',
  '*.token',
  '*.headers',
];

export function loggerOptions(level: string, destination?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: logSerializers,
    redact: { paths: redactedPaths, remove: true },
    base: undefined,
    ...(destination ? { stream: destination } : {}),
  } as unknown as FastifyServerOptions['logger'];
}

export type Logger = FastifyBaseLogger;
