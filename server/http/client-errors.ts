import http from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './errors';

/**
 * Requests Fastify refuses before routing (an over-long path parameter, a malformed URL) and those
 * Node refuses before Fastify sees them (headers over the limit, a timeout) answer in the documented
 * error format, like every other error, and never quote the URL back: it may carry whatever a
 * client put there, and an echo is material for reflection tricks.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.status(414).send(errorBody('uri_too_long', 'The address is too long.'));
    return;
  }
  if (error.code === 'FST_ERR_BAD_URL') {
    void reply.status(400).send(errorBody('invalid_url', 'The address is not valid.'));
    return;
  }
  void reply.status(400).send(errorBody('invalid_body', 'The request could not be read.'));
}

const clientErrorAnswers: Record<string, { status: number; body: ReturnType<typeof errorBody> }> = {
  HPE_HEADER_OVERFLOW: { status: 431, body: errorBody('headers_too_large', 'The request headers (or the address) are too large.') },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, body: errorBody('request_timeout', 'The request took too long to arrive.') },
  HPE_URI_TOO_LONG: { status: 414, body: errorBody('uri_too_long', 'The address is too long.') },
};

/** Node's `clientError`: the parser refused the request, so only the raw socket is left to answer on. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = clientErrorAnswers[error.code ?? ''] ?? { status: 400, body: errorBody('invalid_body', 'The request could not be read.') };
  const json = JSON.stringify(answer.body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${http.STATUS_CODES[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy();
}
