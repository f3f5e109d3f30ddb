import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser as PlaywrightBrowser, Locator, Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Browser as PuppeteerBrowser, type Page as PuppeteerPage } from 'puppeteer-core';
import { launchChromium, TrackedPage } from './browser';
import { probeScript } from './probes';

/**
 * One way to open pages in either browser engine, so a test can say "host on Chromium, guest on
 * Firefox": Chromium through playwright-core (as every other e2e test), Firefox ESR through
 * puppeteer-core over WebDriver BiDi (Playwright's Firefox needs its own patched build, which
 * cannot be downloaded here; /work/shared/ENVIRONMENT.md "Firefox").
 *
 * The two libraries' page APIs differ, so the journey helpers (e2e/support/room.ts) speak to a
 * thin common {@link UiPage}: go to a URL, find an element by its ARIA role and accessible name
 * (or CSS), click/fill/check it, upload a file, evaluate a function in the page. Everything about
 * the call is read through `evaluate` (the page's call hook and getStats probes), which both
 * engines run the same way.
 */

export type Engine = 'chromium' | 'firefox';

const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Firefox preferences: fake camera and microphone without a permission prompt; real host
 * addresses in ICE candidates (with obfuscation they are mDNS names, which nothing resolves in the
 * test namespace); a German browser like the Chromium contexts (navigator.language chooses the
 * app's language); no first-run pages or update checks on the closed network.
 */
const firefoxPrefs: Record<string, unknown> = {
  'intl.accept_languages': 'de-DE, de',
  'intl.locale.requested': 'de-DE',
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'extensions.update.enabled': false,
};

/** An element: by ARIA role and exact accessible name, by CSS, or by a piece of visible text. */
export type Target = { role: string; name: string } | { css: string } | { text: string };

export interface UiPage {
  readonly engine: Engine;
  goto(url: string): Promise<void>;
  url(): string;
  /** Runs `fn` in the page (it is serialized: no closures) with one JSON argument. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Evaluates a JavaScript expression in the page (for scripts kept as strings: no DOM types in Node). */
  evaluateScript(expression: string): Promise<unknown>;
  waitFor(target: Target, timeoutMs?: number): Promise<void>;
  isVisible(target: Target): Promise<boolean>;
  attribute(target: Target, name: string): Promise<string | null>;
  inputValue(target: Target): Promise<string>;
  /** `timeoutMs` (default 45 s) bounds the wait for the element to be there and clickable. */
  click(target: Target, options?: { timeoutMs?: number }): Promise<void>;
  fill(target: Target, value: string): Promise<void>;
  check(target: Target): Promise<void>;
  setFile(target: Target, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  /** Console errors, page errors and requests that left the origin (see TrackedPage.problems). */
  problems(allowConsole?: RegExp[]): string[];
  close(): Promise<void>;
}

export type AnyPage = PlaywrightPage | UiPage;

const EXPECT_MS = 15_000;
/**
 * Navigations and clicks wait longer than expectations: with three or more videos decoding on the
 * shared two cores, a page can take over 15 s to load or to let a button settle for a click.
 */
const ACTION_MS = 45_000;

// --- Chromium (playwright-core) ---------------------------------------------------------------------

class PlaywrightUiPage implements UiPage {
  readonly engine = 'chromium' as const;
  constructor(
    readonly page: PlaywrightPage,
    private readonly tracked: TrackedPage | null,
  ) {}

  private locate(target: Target): Locator {
    if ('role' in target) return this.page.getByRole(target.role as 'button', { name: target.name, exact: true }).first();
    if ('css' in target) return this.page.locator(target.css).first();
    return this.page.getByText(target.text, { exact: false }).first();
  }

  async goto(url: string) {
    await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: ACTION_MS });
  }
  url() {
    return this.page.url();
  }
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }
  evaluateScript(expression: string): Promise<unknown> {
    return this.page.evaluate(expression);
  }
  async waitFor(target: Target, timeoutMs = EXPECT_MS) {
    await this.locate(target).waitFor({ timeout: timeoutMs });
  }
  isVisible(target: Target) {
    return this.locate(target).isVisible();
  }
  attribute(target: Target, name: string) {
    return this.locate(target).getAttribute(name);
  }
  inputValue(target: Target) {
    return this.locate(target).inputValue();
  }
  click(target: Target, options: { timeoutMs?: number } = {}) {
    return this.locate(target).click({ timeout: options.timeoutMs ?? ACTION_MS });
  }
  fill(target: Target, value: string) {
    return this.locate(target).fill(value, { timeout: ACTION_MS });
  }
  check(target: Target) {
    return this.locate(target).check();
  }
  setFile(target: Target, file: { name: string; mimeType: string; buffer: Buffer }) {
    return this.locate(target).setInputFiles(file);
  }
  problems(allowConsole: RegExp[] = []) {
    return this.tracked ? this.tracked.problems(allowConsole) : [];
  }
  async close() {
    if (this.tracked) await this.tracked.close();
    else await this.page.close();
  }
}

const wrapped = new WeakMap<PlaywrightPage, PlaywrightUiPage>();

/** The common interface for a page of either engine (a Playwright page is wrapped once). */
export function ui(page: AnyPage): UiPage {
  if ('engine' in page) return page;
  let wrapper = wrapped.get(page);
  if (!wrapper) {
    wrapper = new PlaywrightUiPage(page, null);
    wrapped.set(page, wrapper);
  }
  return wrapper;
}

// --- Firefox (puppeteer-core over WebDriver BiDi) -----------------------------------------------------

function quoted(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

class PuppeteerUiPage implements UiPage {
  readonly engine = 'firefox' as const;
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];
  readonly consoleLog: string[] = [];
  readonly pageErrors: string[] = [];
  /** Directories of uploaded files: Firefox reads a picked file lazily, so they live until close(). */
  private readonly uploads: string[] = [];

  constructor(
    readonly page: PuppeteerPage,
    readonly origin: string,
    private readonly dispose: () => Promise<void>,
  ) {
    page.on('request', (request) => this.requests.push(request.url()));
    page.on('console', (message) => {
      this.consoleLog.push(`${new Date().toISOString().slice(11, 23)} ${message.type()} ${message.text()}`);
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.pageErrors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  }

  private selector(target: Target): string {
    // Puppeteer's ARIA selector asks the browser's accessibility tree (over BiDi, locateNodes), as
    // Playwright's getByRole does in Chromium: the same names select the same elements.
    if ('role' in target) return `::-p-aria([name="${quoted(target.name)}"][role="${quoted(target.role)}"])`;
    if ('css' in target) return target.css;
    return `::-p-text(${target.text})`;
  }

  async goto(url: string) {
    await this.page.goto(new URL(url, this.origin).toString(), { waitUntil: 'domcontentloaded', timeout: ACTION_MS });
  }
  url() {
    return this.page.url();
  }
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg) as Promise<R>;
  }
  evaluateScript(expression: string): Promise<unknown> {
    return this.page.evaluate(expression);
  }
  async waitFor(target: Target, timeoutMs = EXPECT_MS) {
    await this.page.waitForSelector(this.selector(target), { visible: true, timeout: timeoutMs });
  }
  async isVisible(target: Target) {
    const handle = await this.page.$(this.selector(target));
    if (!handle) return false;
    try {
      return await handle.isVisible();
    } finally {
      await handle.dispose();
    }
  }
  async attribute(target: Target, name: string) {
    const handle = await this.page.waitForSelector(this.selector(target), { timeout: EXPECT_MS });
    if (!handle) throw new Error(`no element for ${JSON.stringify(target)}`);
    try {
      return await handle.evaluate((element, attribute) => element.getAttribute(attribute), name);
    } finally {
      await handle.dispose();
    }
  }
  async inputValue(target: Target) {
    const handle = await this.page.waitForSelector(this.selector(target), { timeout: EXPECT_MS });
    if (!handle) throw new Error(`no element for ${JSON.stringify(target)}`);
    try {
      return await handle.evaluate((element) => (element as unknown as { value: string }).value);
    } finally {
      await handle.dispose();
    }
  }
  async click(target: Target, options: { timeoutMs?: number } = {}) {
    await this.page
      .locator(this.selector(target))
      .setTimeout(options.timeoutMs ?? ACTION_MS)
      .click();
  }
  async fill(target: Target, value: string) {
    await this.page.locator(this.selector(target)).setTimeout(ACTION_MS).fill(value);
  }
  async check(target: Target) {
    const checked = await this.attribute(target, 'checked').catch(() => null);
    if (checked === null) await this.click(target);
  }
  async setFile(target: Target, file: { name: string; mimeType: string; buffer: Buffer }) {
    // uploadFile takes paths: the file gets its name from a directory of its own.
    const directory = await mkdtemp(path.join(tmpdir(), 'sz-upload-'));
    this.uploads.push(directory);
    const filePath = path.join(directory, file.name);
    await writeFile(filePath, file.buffer);
    const handle = await this.page.waitForSelector(this.selector(target), { timeout: EXPECT_MS });
    if (!handle) throw new Error(`no element for ${JSON.stringify(target)}`);
    try {
      await (handle as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(filePath);
    } finally {
      await handle.dispose();
    }
  }
  problems(allowConsole: RegExp[] = []) {
    const leaving = this.requests.filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return false;
      if (url.startsWith('ws:') && url.replace(/^ws:/, 'http:').startsWith(`${this.origin}/`)) return false;
      try {
        return new URL(url).origin !== this.origin;
      } catch {
        return true;
      }
    });
    return [
      ...leaving.map((url) => `request left the origin: ${url}`),
      ...this.consoleErrors.filter((text) => !allowConsole.some((pattern) => pattern.test(text))).map((text) => `console error: ${text}`),
      // Firefox reports some network events as page errors (a WebSocket cut by the network: "The
      // connection to ws://… was interrupted"), so a test that provokes one allows it here too.
      ...this.pageErrors.filter((text) => !allowConsole.some((pattern) => pattern.test(text))).map((text) => `page error: ${text}`),
    ];
  }
  async close() {
    await this.dispose();
    for (const directory of this.uploads.splice(0)) await rm(directory, { recursive: true, force: true });
  }
}

// --- launching ------------------------------------------------------------------------------------------

export interface E2EBrowser {
  readonly engine: Engine;
  /** The engine's version string (e.g. "firefox/153.8.0"), for reports. */
  version(): Promise<string>;
  /** The loopback TCP port the test drives the browser through (null: a pipe, as for Chromium). */
  readonly controlPort: number | null;
  /** A fresh, isolated context (its own cookies and storage) with the getStats probes installed. */
  /** `initScripts` run in every document of the page before its own scripts. */
  newPage(origin: string, options?: { initScripts?: readonly string[] }): Promise<UiPage>;
  close(): Promise<void>;
}

export async function launchBrowser(engine: Engine): Promise<E2EBrowser> {
  if (engine === 'chromium') {
    const browser: PlaywrightBrowser = await launchChromium();
    return {
      engine,
      version: async () => `chromium/${browser.version()}`,
      controlPort: null,
      async newPage(origin, options = {}) {
        const tracked = await TrackedPage.open(browser, origin);
        for (const content of options.initScripts ?? []) await tracked.context.addInitScript({ content });
        return new PlaywrightUiPage(tracked.page, tracked);
      },
      close: () => browser.close(),
    };
  }
  const browser: PuppeteerBrowser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
    // Launching Firefox with a fresh profile takes ≈ 20 s on the shared CI cores.
    timeout: 90_000,
    protocolTimeout: 60_000,
  });
  return {
    engine,
    version: () => browser.version(),
    controlPort: Number(new URL(browser.wsEndpoint()).port),
    async newPage(origin, options = {}) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.setDefaultTimeout(EXPECT_MS);
      await page.evaluateOnNewDocument(probeScript);
      for (const script of options.initScripts ?? []) await page.evaluateOnNewDocument(script);
      return new PuppeteerUiPage(page, origin, () => context.close());
    },
    close: () => browser.close(),
  };
}
