import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * Swagger UI's own files, found through the package rather than beside its code: the compiled server
 * bundles the plugin (scripts/build-server.ts), and its code then no longer sits next to them.
 */
function swaggerUiFiles(): { baseDir: string; logo: { type: string; content: Buffer } } {
  const baseDir = path.join(path.dirname(createRequire(import.meta.url).resolve('@fastify/swagger-ui')), 'static');
  return { baseDir, logo: { type: 'image/svg+xml', content: readFileSync(path.join(baseDir, 'logo.svg')) } };
}

/** The OpenAPI document is generated from the route schemas, so it cannot drift from the code. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Sprechzimmer API',
        description:
          'Every write request needs the X-CSRF-Token header from GET /api/session. Errors are ' +
          '{ "error": { "code", "message", "fields"? } } with a stable code.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sz_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    ...swaggerUiFiles(),
    // The validator badge would call validator.swagger.io: no request may leave our origin.
    uiConfig: { validatorUrl: null, deepLinking: false },
    staticCSP: false,
    // Swagger UI injects one fixed <style> element; it is allowed by its hash (valid while the version is pinned).
    transformStaticCSP: (header) => header.replace("style-src 'self'", "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"),
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
