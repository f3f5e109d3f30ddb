import { describe, expect, it } from 'vitest';
import { Api, chromiumSuite, createConsultation, createHost, invitationLink, linkToken, type TrackedPage, uniqueEmail } from './support';

/**
 * The installable app in Chromium: the manifest and its icons, the service worker, the shell
 * served from the cache when the server is gone, the offline page, and what the caches hold after
 * a host and a guest used the app: only the build's own files — no API answer, no page address,
 * no invitation token.
 */
interface Manifest {
  name: string;
  short_name: string;
  lang: string;
  start_url: string;
  scope: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

/** Every cache's name and the URLs it holds, read inside the page. */
const cacheContents = `(async () => {
  const result = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    result[name] = (await cache.keys()).map((request) => request.url);
  }
  return result;
})()`;

describe('installable app', () => {
  const suite = chromiumSuite();
  const { smtp } = suite;

  it('links a valid manifest in the page’s language, with icons of the stated sizes (maskable too)', async () => {
    const tracked = await suite.open({ probes: false });
    try {
      const { page } = tracked;
      await page.goto('/', { waitUntil: 'networkidle' });
      const manifestLink = page.locator('link[rel="manifest"]');
      expect(await manifestLink.getAttribute('href')).toBe('/manifest.de.webmanifest');
      expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#0a5c61');
      await page.getByRole('button', { name: 'English' }).click();
      await expect.poll(() => manifestLink.getAttribute('href')).toBe('/manifest.en.webmanifest');

      for (const language of ['de', 'en']) {
        const response = await page.request.get(`/manifest.${language}.webmanifest`);
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toMatch(/^application\/manifest\+json/);
        const manifest = (await response.json()) as Manifest;
        expect(manifest).toMatchObject({
          short_name: 'Sprechzimmer',
          lang: language,
          start_url: '/',
          scope: '/',
          display: 'standalone',
          theme_color: '#0a5c61',
        });
        expect(manifest.name).toMatch(language === 'de' ? /Videosprechstunde/ : /video consultation/);
        const offered = manifest.icons.map((icon) => `${icon.purpose} ${icon.sizes}`);
        expect(offered).toEqual(expect.arrayContaining(['any 192x192', 'any 512x512', 'maskable 192x192', 'maskable 512x512']));
        for (const icon of manifest.icons) {
          const image = await page.request.get(icon.src);
          expect(image.headers()['content-type'], icon.src).toBe('image/png');
          const bytes = await image.body();
          const size = Number(icon.sizes.split('x')[0]);
          expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], icon.src).toEqual([size, size]);
        }
      }
      // Chromium's own reading of the manifest: what "install" would use.
      const session = await page.context().newCDPSession(page);
      const parsed = (await session.send('Page.getAppManifest')) as { errors: { message: string; critical: number }[]; url: string };
      expect(parsed.url).toBe(`${suite.server.origin}/manifest.en.webmanifest`);
      expect(parsed.errors).toEqual([]);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('registers the service worker; the CSP allows it and nothing else', async () => {
    const tracked = await suite.open({ probes: false });
    try {
      const response = await tracked.page.goto('/', { waitUntil: 'networkidle' });
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("manifest-src 'self'");
      const scriptUrl = await tracked.page.evaluate<string>('navigator.serviceWorker.ready.then((r) => r.active.scriptURL)');
      expect(scriptUrl).toBe(`${suite.server.origin}/sw.js`);
      expect(tracked.problems()).toEqual([]);
    } finally {
      await tracked.close();
    }
  });

  it('keeps no API answer, page address or token in any cache after a host and a guest used the app', async () => {
    const host = await suite.open({ probes: false });
    const guest = await suite.open();
    try {
      const api = new Api(host.context.request, suite.server.origin);
      await createHost(api, smtp);
      const guestEmail = uniqueEmail('gast');
      const consultation = await createConsultation(api, [{ name: 'Gerda Gast', email: guestEmail }]);
      await host.page.goto('/dashboard', { waitUntil: 'networkidle' });
      await host.page.evaluate('navigator.serviceWorker.ready');
      // Now controlled by the worker: every later request passes through it.
      for (const path of ['/dashboard', '/contacts', '/profile', `/consultations/${consultation.id}`]) {
        await host.page.goto(path, { waitUntil: 'networkidle' });
        await host.page.locator('h1').first().waitFor();
      }
      const link = await invitationLink(smtp, guestEmail, suite.server.origin);
      await guest.page.goto('/', { waitUntil: 'networkidle' });
      await guest.page.evaluate('navigator.serviceWorker.ready');
      await guest.page.goto(link, { waitUntil: 'networkidle' });
      await guest.page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await guest.page.evaluate<boolean>('navigator.serviceWorker.controller !== null')).toBe(true);

      const precache = await precacheList(host);
      for (const tracked of [host, guest]) {
        const caches = await tracked.page.evaluate<Record<string, string[]>>(cacheContents);
        const urls = Object.values(caches).flat();
        expect(Object.keys(caches)).toHaveLength(1);
        expect(urls.length).toBeGreaterThan(10);
        expect(urls.filter((url) => url.includes('/api/'))).toEqual([]);
        expect(urls.filter((url) => url.includes(linkToken(link)) || url.includes('?') || url.includes('#'))).toEqual([]);
        // Exactly the build's own files: no page address (/dashboard, /join, /consultations/…) either.
        expect(urls.map((url) => new URL(url).pathname).sort()).toEqual([...precache].sort());
        expect(tracked.problems()).toEqual([]);
      }
    } finally {
      await host.close();
      await guest.close();
    }
  });

  it('with the server stopped: starts from the cache and says the call needs a connection; else the offline page', async () => {
    const tracked = await suite.open({ probes: false });
    try {
      const { page } = tracked;
      await page.goto('/', { waitUntil: 'networkidle' });
      await page.evaluate('navigator.serviceWorker.ready');
      await suite.server.stop();
      for (const path of ['/', '/join']) {
        const response = await page.goto(path);
        expect(response?.fromServiceWorker(), path).toBe(true);
        await page.getByRole('heading', { level: 1, name: 'Sie sind offline — Ihr Gespräch braucht eine Verbindung' }).waitFor();
      }
      // Without a cached shell (storage pressure), the worker's offline page answers instead.
      await page.evaluate(`caches.keys().then((names) => Promise.all(names.map((name) => caches.open(name).then((cache) => cache.delete('/index.html')))))`);
      const response = await page.goto('/help');
      expect(response?.fromServiceWorker()).toBe(true);
      await page.getByRole('heading', { level: 1, name: 'Sie sind offline — Ihr Gespräch braucht eine Verbindung' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'You are offline — your call needs a connection' }).waitFor();
      // The app's failed session request while offline is expected; nothing else may go wrong.
      expect(tracked.problems([/Failed to load resource|net::ERR_CONNECTION_REFUSED/])).toEqual([]);
    } finally {
      await tracked.close();
      await suite.server.start();
    }
  });
});

/** The file list the built worker precaches (from its own source, as the browser got it). */
async function precacheList(tracked: TrackedPage): Promise<string[]> {
  const source = await (await tracked.page.request.get('/sw.js')).text();
  const match = /SZ_BUILD=(\{.*?\});/.exec(source);
  if (!match?.[1]) throw new Error('no build list in /sw.js');
  return (JSON.parse(match[1]) as { precache: string[] }).precache;
}
