import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { SmtpCapture } from '../../server/test-support/smtp';
import { launchChromium, TrackedPage } from './browser';
import { AppServer, reportServerOnFailure, type AppServerOptions } from './server';

type PageOptions = Parameters<typeof TrackedPage.open>[2];

/**
 * The set-up most browser test files share, in one place: an app server sending to an SMTP capture,
 * one Chromium, and every page opened through `open` — all closed after the file, the server's log
 * kept when a test failed. Call it inside `describe`.
 */
export function chromiumSuite(options: Omit<AppServerOptions, 'smtpUrl'> = {}) {
  const smtp = new SmtpCapture();
  const report = reportServerOnFailure();
  const pages: TrackedPage[] = [];
  let server: AppServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // Chromium starts while the server does (both mostly wait on their own process); whichever
    // started is kept for afterAll even when the other failed.
    const smtpUrl = await smtp.start();
    const [app, chromium] = await Promise.allSettled([AppServer.start({ ...options, smtpUrl }), launchChromium()]);
    if (app.status === 'fulfilled') server = app.value;
    if (chromium.status === 'fulfilled') browser = chromium.value;
    if (app.status === 'rejected') throw app.reason;
    if (chromium.status === 'rejected') throw chromium.reason;
  }, 120_000);

  afterAll(async () => {
    for (const page of pages) {
      await page.close().catch((error: unknown) => process.stderr.write(`e2e teardown: a page did not close: ${String(error)}\n`));
    }
    await browser?.close();
    await server?.dispose(report.failed());
    await smtp.stop();
  });

  const started = () => {
    if (!server || !browser) throw new Error('chromiumSuite: used before its beforeAll ran');
    return { server, browser };
  };

  return {
    smtp,
    get server(): AppServer {
      return started().server;
    },
    /** A new page in a context of its own, closed after the file. */
    async open(pageOptions?: PageOptions): Promise<TrackedPage> {
      const { server: app, browser: chromium } = started();
      const page = await TrackedPage.open(chromium, app.origin, pageOptions);
      pages.push(page);
      return page;
    },
  };
}
