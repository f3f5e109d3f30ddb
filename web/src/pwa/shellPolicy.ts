/**
 * What the service worker may answer from its cache. Only the files of one build (the app shell and
 * its static assets, listed at build time) are ever cached; an API answer, a page address (which may
 * carry an invitation token in its query) or anything else personal never is. Pure, so it is
 * unit-tested without a browser (shellPolicy.test.ts).
 */
export const shellCachePrefix = 'sz-shell-';
export const shellDocument = '/index.html';
export const offlineDocument = '/offline.html';

/**
 * - `network`: not ours to answer (API, WebSocket upgrades, dev pages, other origins, writes).
 * - `page`: a navigation to a client-side route: the network first, so a new version and the current
 *   security headers arrive with every start; without a network, the cached shell, else the offline page.
 * - `precached`: a file of this build: from the cache (fast start), the network only if it is missing.
 */
export type RequestHandling = 'network' | 'page' | 'precached';

export interface RequestFacts {
  url: string;
  method: string;
  mode: string;
}

/** Paths the server answers with data or per person; never cached, never stood in for. */
function isPrivatePath(pathname: string): boolean {
  return pathname.startsWith('/api/') || pathname === '/api' || pathname.startsWith('/dev/');
}

export function handlingOf(request: RequestFacts, origin: string, precache: ReadonlySet<string>): RequestHandling {
  if (request.method !== 'GET') return 'network';
  const url = new URL(request.url);
  if (url.origin !== origin || isPrivatePath(url.pathname)) return 'network';
  if (request.mode === 'navigate') return /\.[a-z0-9]+$/i.test(url.pathname) ? 'network' : 'page';
  // Built files are never asked for with a query; anything with one is not ours to keep.
  if (url.search !== '') return 'network';
  return precache.has(url.pathname) ? 'precached' : 'network';
}

/** Checked at build time: a precache list may hold only static files of the build. */
export function unfitForPrecache(paths: readonly string[]): string[] {
  return paths.filter((path) => !path.startsWith('/') || path.includes('?') || path.includes('#') || isPrivatePath(path) || path === '/sw.js');
}
