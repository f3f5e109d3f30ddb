import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const webBuildDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/**
 * Serves the built web app from the same origin as the API. Returns the SPA fallback used for
 * client-side routes, or undefined when the web app has not been built (API-only tests).
 */
export async function registerWebApp(
  app: FastifyInstance,
  root: string = webBuildDirectory,
): Promise<((request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined) | undefined> {
  if (!existsSync(path.join(root, 'index.html'))) return undefined;
  // One wildcard route, not one per file: listing the build and routing each of its ~90 files took
  // some 80 ms of a restart's CPU (issue 17). A file it does not find goes to the not-found
  // handler, as an unrouted path did.
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: 'index.html',
    setHeaders(reply, filePath) {
      const hashed = filePath.includes(`${path.sep}assets${path.sep}`);
      void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return (request, reply) => {
    const urlPath = request.url.split('?')[0] ?? '';
    // Client-side routes have no file extension; a missing asset or API path stays a 404.
    const wantsPage = request.method === 'GET' && !urlPath.startsWith('/api/') && !urlPath.startsWith('/dev/') && !/\.[a-z0-9]+$/i.test(urlPath);
    if (!wantsPage) return undefined;
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
}
