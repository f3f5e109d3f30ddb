import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { launch, type LaunchedChrome } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { request } from 'playwright-core';
import puppeteer, { type Browser } from 'puppeteer-core';
import { Api, AppServer, createConsultation, createHost, invitationLink, SmtpCapture, uniqueEmail } from '../e2e/support';
import { chromiumPath } from '../e2e/support/browser';

/**
 * `npm run bench -- lighthouse` (inside the test namespace, like `call`, so nothing can leave
 * loopback): Lighthouse 12 with the system Chromium on the start page, an invitation's join page
 * and the logged-in dashboard, each next to a minimal reference page (lang, title, one heading)
 * served in the same run. Default Lighthouse config: mobile emulation, simulated throttling.
 *
 * Lighthouse 12 has no PWA category and no installable-manifest audit any more, so installability
 * is asked of the same Chromium over the DevTools protocol (Page.getInstallabilityErrors: the
 * browser's own install criteria) together with whether the service worker took control.
 */
const CATEGORIES = ['accessibility', 'best-practices', 'performance'] as const;
const REFERENCE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
  '<meta name="description" content="Reference page"><link rel="icon" href="data:,"><title>Reference</title></head><body><main><h1>Reference</h1></main></body></html>';

function lighthouseVersion(): string {
  return (JSON.parse(readFileSync('node_modules/lighthouse/package.json', 'utf8')) as { version: string }).version;
}

interface PageScores {
  name: string;
  scores: Record<string, number | null>;
  failing: string[];
  installable: string;
}

/** A loopback server that answers every request with the tiny reference page (and 404 for anything else). */
async function referenceServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((incoming, response) => {
    if (incoming.url === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(REFERENCE_HTML);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}/` };
}

/** What Chromium itself says about installing the page (after the service worker controls it). */
async function installability(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle0' });
    const controlled = await page
      .waitForFunction('navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined', { timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    const session = await page.createCDPSession();
    const { installabilityErrors } = (await session.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    const errors = installabilityErrors.map((error) => error.errorId);
    return `${errors.length === 0 ? 'installable' : `not installable (${errors.join(', ')})`}, service worker ${controlled ? 'in control' : 'not in control'}`;
  } finally {
    await page.close();
  }
}

async function audit(browser: Browser, port: number, name: string, url: string): Promise<PageScores> {
  {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`lighthouse gave no result for ${name}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`${name}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((category) => [category, lhr.categories[category]?.score ?? null]));
    // The audits that cost points in accessibility and best practices (performance is a gradient).
    const failing = (['accessibility', 'best-practices'] as const).flatMap((category) =>
      (lhr.categories[category]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => `${category}: ${ref.id}`),
    );
    // The join page takes the token out of the address bar; any other change is a redirect (e.g. to /login).
    if (lhr.finalDisplayedUrl !== url.replace(/#.*$/, '')) failing.push(`ended on ${lhr.finalDisplayedUrl}`);
    return { name, scores, failing, installable: await installability(browser, url) };
  }
}

export async function measureLighthouse(): Promise<void> {
  for (const script of ['build:server', 'build:snapshot']) {
    const built = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`npm run ${script} failed (exit ${built.status ?? built.signal})`);
  }
  const smtp = new SmtpCapture();
  const server = await AppServer.start({ smtpUrl: await smtp.start(), env: { LOG_LEVEL: 'warn' } });
  const reference = await referenceServer();
  const apiContext = await request.newContext();
  let browser: Browser | undefined;
  let chrome: LaunchedChrome | undefined;
  try {
    const api = new Api(apiContext, server.origin);
    await createHost(api, smtp);
    const guestEmail = uniqueEmail('bench.gast');
    await createConsultation(api, [{ name: 'Bea Bench', email: guestEmail }]);
    const joinLink = await invitationLink(smtp, guestEmail, server.origin);
    const session = (await apiContext.storageState()).cookies.filter((cookie) => cookie.name.startsWith('sz_'));

    // chrome-launcher starts the browser Lighthouse drives by its port (Lighthouse brings its own
    // puppeteer-core); the same browser answers the installability question over puppeteer.
    chrome = await launch({
      chromePath: chromiumPath,
      chromeFlags: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
    const port = chrome.port;
    const pages: PageScores[] = [];
    pages.push(await audit(browser, port, 'reference page', reference.url));
    pages.push(await audit(browser, port, 'start page /', `${server.origin}/`));
    pages.push(await audit(browser, port, 'join page (invitation link)', joinLink));
    // The host's session cookies go into the browser's jar: Lighthouse's storage reset keeps cookies.
    const cdp = await browser.target().createCDPSession();
    await cdp.send('Storage.setCookies', {
      cookies: session.map(({ name, value, domain, path, httpOnly, secure, sameSite }) => ({ name, value, domain, path, httpOnly, secure, sameSite })),
    });
    await cdp.detach();
    pages.push(await audit(browser, port, 'dashboard (logged in)', `${server.origin}/dashboard`));

    console.log(`\nLighthouse ${lighthouseVersion()} with ${await browser.version()} (mobile emulation, simulated throttling, loopback only)`);
    console.log(`  ${'page'.padEnd(30)}${CATEGORIES.map((category) => category.padStart(16)).join('')}   installability (Chromium, not Lighthouse)`);
    for (const entry of pages) {
      const cells = CATEGORIES.map((category) => {
        const score = entry.scores[category];
        return (score === null || score === undefined ? '–' : String(Math.round(score * 100))).padStart(16);
      });
      console.log(`  ${entry.name.padEnd(30)}${cells.join('')}   ${entry.name === 'reference page' ? '(no manifest)' : entry.installable}`);
      if (entry.name.startsWith('join')) console.log('      (by design no service worker is registered from the join and call pages)');
      for (const failing of entry.failing) console.log(`      loses points: ${failing}`);
    }
  } finally {
    await browser?.disconnect();
    chrome?.kill();
    await apiContext.dispose();
    await new Promise<void>((resolve) => reference.server.close(() => resolve()));
    await server.dispose();
    await smtp.stop();
  }
}
