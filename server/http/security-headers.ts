import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The headers helmet sets with these options. Ours are the same for every response, so helmet's
 * middleware runs once, at start, on a response that only records them (the Fastify plugin would
 * build the middleware anew for every request, parsing the CSP directives each time).
 */
function helmetHeaders(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return [...headers];
}

function isUpgrade(request: FastifyRequest): boolean {
  return request.headers.upgrade !== undefined;
}

/**
 * Strict headers on every response: nothing inline, nothing from another origin (P-25) — except the
 * operator's own analytics host when one is configured (P-04); the web app loads it only after consent.
 */
export function registerSecurityHeaders(app: FastifyInstance, secure: boolean, analyticsOrigin?: string): void {
  const analytics = analyticsOrigin ? [analyticsOrigin] : [];
  const headers = helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...analytics],
        styleSrc: ["'self'"],
        // Matomo and Plausible report by fetch/beacon, Matomo's fallback is an image.
        imgSrc: ["'self'", 'data:', 'blob:', ...analytics],
        mediaSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'"],
        // The service worker (/sw.js) and the web app manifest: our own files only.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        connectSrc: ["'self'", ...analytics],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: secure ? { maxAge: 63_072_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  });
  // Where and how the plugin set them: on the raw response at the request's start, so a route may still override one.
  // A WebSocket upgrade mostly never answers over HTTP (setting a dozen headers was a tenth of opening
  // a signaling socket): its refusal gets them when it is sent, below.
  app.addHook('onRequest', (request, reply, done) => {
    if (!isUpgrade(request)) for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
  // Camera, microphone and screen capture only for our own pages; everything else a page could ask for, off.
  app.addHook('onSend', async (request, reply) => {
    // API answers carry personal data (profile, contacts, session): no browser or proxy keeps them.
    // A route that may be cached says so by setting its own Cache-Control.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    if (isUpgrade(request)) for (const [name, value] of headers) if (!reply.hasHeader(name)) void reply.header(name, value);
    void reply.header(
      'permissions-policy',
      'camera=(self), microphone=(self), display-capture=(self), speaker-selection=(self), geolocation=(), payment=(), usb=(), interest-cohort=()',
    );
  });
}
