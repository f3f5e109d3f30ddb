import { createServer } from 'node:http';
import { RETRY_AFTER_UNAVAILABLE_SECONDS, unavailableBody } from './errors';

export interface StartingServer {
  close(): Promise<void>;
}

/**
 * Holds the port while the process waits for a dependency at start-up (Redis): every request is
 * answered 503 `service_unavailable` with Retry-After, /healthz says the process lives and /readyz
 * that it is not ready, so a load balancer routes elsewhere and clients retry, instead of the
 * process exiting and being restarted in a loop. The real app takes the port once it is built.
 */
export async function listenWhileStarting(host: string, port: number): Promise<StartingServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    const [status, body] = path === '/healthz' ? [200, { status: 'ok' }] : path === '/readyz' ? [503, { status: 'unavailable' }] : [503, unavailableBody()];
    response.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...(status === 503 ? { 'retry-after': String(RETRY_AFTER_UNAVAILABLE_SECONDS) } : {}),
      connection: 'close',
    });
    response.end(JSON.stringify(body));
  });
  // A WebSocket upgrade is refused the same way, as a plain HTTP answer.
  server.on('upgrade', (_request, socket) => {
    socket.end(`HTTP/1.1 503 Service Unavailable\r\nRetry-After: ${RETRY_AFTER_UNAVAILABLE_SECONDS}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
