import { handlingOf, offlineDocument, shellCachePrefix, shellDocument } from './shellPolicy';

/*
 * The service worker (built by web/pwa/plugin.ts into /sw.js with the build's file list). It keeps
 * the app shell and static assets for a fast start and shows an offline page; see shellPolicy.ts for
 * what it answers. A new version waits until every tab of the app is closed (or the user asks for it
 * outside a call): nothing here ever reloads a page.
 */
declare const SZ_BUILD: { version: string; precache: string[] };

// The DOM library's `self` is a window; these are the few worker events and methods used here.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageEventWithData extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageEventWithData) => void): void;
}

const worker = self as unknown as WorkerScope;
const cacheName = `${shellCachePrefix}${SZ_BUILD.version}`;
const precache = new Set(SZ_BUILD.precache);

worker.addEventListener('install', (event) => {
  // `reload`: the HTTP cache may hold an older index.html; the shell must match this build's files.
  event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(SZ_BUILD.precache.map((path) => new Request(path, { cache: 'reload' })))));
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(shellCachePrefix) && name !== cacheName) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('message', (event) => {
  // Sent only by the "update now" button, which the app never offers during a call.
  if (typeof event.data === 'object' && event.data !== null && (event.data as { type?: unknown }).type === 'skip-waiting') {
    event.waitUntil(worker.skipWaiting());
  }
});

async function fromCache(path: string): Promise<Response | undefined> {
  const cache = await caches.open(cacheName);
  return cache.match(path);
}

async function answerPage(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (offline) {
    const stored = (await fromCache(shellDocument)) ?? (await fromCache(offlineDocument));
    if (stored) return stored;
    throw offline;
  }
}

async function answerPrecached(request: Request): Promise<Response> {
  return (await fromCache(new URL(request.url).pathname)) ?? fetch(request);
}

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const handling = handlingOf({ url: request.url, method: request.method, mode: request.mode }, worker.location.origin, precache);
  if (handling === 'page') event.respondWith(answerPage(request));
  else if (handling === 'precached') event.respondWith(answerPrecached(request));
});
