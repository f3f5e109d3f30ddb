import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { installProbes } from './probes';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Without the network flags Chromium stalls on the closed network; the media flags give a fake
 * camera, microphone and screen and grant permission prompts; loopback peer connections are
 * needed inside the loopback-only namespace (see e2e/netns.sh).
 */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--allow-loopback-in-peer-connection',
];

export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...extraArgs] });
}

/** A phone-sized, touch page (Chromium mobile emulation): CSS viewport, pixel ratio, touch, mobile meta viewport. */
export interface PhoneScreen {
  width: number;
  height: number;
  /** Device pixels per CSS pixel (default 3, as most current phones). */
  deviceScaleFactor?: number;
}

/** The two phone sizes the layouts are checked at, portrait (swap width and height for landscape). */
export const PHONES = {
  small: { width: 360, height: 640, deviceScaleFactor: 3 },
  tall: { width: 390, height: 844, deviceScaleFactor: 3 },
} as const satisfies Record<string, PhoneScreen>;

export interface WebSocketFrame {
  url: string;
  direction: 'sent' | 'received';
  /** Text frames as they are; binary frames as base64 (the app sends none). */
  payload: string;
  at: number;
}

export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
}

/**
 * A fresh browser context and page that records what a test must check on every page: each
 * request URL, console errors, uncaught page errors and Content-Security-Policy violations.
 */
export class TrackedPage {
  /** Every URL the context requested (pages, workers, assets, API calls). */
  readonly requests: string[] = [];
  readonly consoleErrors: string[] = [];
  /** Every console message (any level), prefixed with the time, for failure reports. */
  readonly consoleLog: string[] = [];
  readonly pageErrors: string[] = [];
  readonly cspViolations: CspViolation[] = [];
  /** Every document URL the page navigated to (main frame). */
  readonly visited: string[] = [];
  /** Every WebSocket frame of the page (signaling), in both directions, with the socket's URL. */
  readonly webSocketFrames: WebSocketFrame[] = [];
  /** URLs of every WebSocket the page opened. */
  readonly webSockets: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly origin: string,
  ) {}

  /**
   * `probes` (default true) installs e2e/support/probes.ts: RTCPeerConnection registry for getStats
   * and 320×240 camera capture. `phone` opens a phone-sized touch page (see {@link PHONES}); rotate
   * it with `page.setViewportSize` (width and height swapped).
   */
  static async open(
    browser: Browser,
    origin: string,
    options: { locale?: string; probes?: boolean; debugCall?: boolean; phone?: PhoneScreen } = {},
  ): Promise<TrackedPage> {
    const phone = options.phone
      ? {
          viewport: { width: options.phone.width, height: options.phone.height },
          deviceScaleFactor: options.phone.deviceScaleFactor ?? 3,
          isMobile: true,
          hasTouch: true,
        }
      : {};
    const context = await browser.newContext({ locale: options.locale ?? 'de-DE', baseURL: origin, acceptDownloads: true, ...phone });
    if (options.probes !== false) await installProbes(context);
    // The call engine logs every state transition at debug level when this is set (web/call/README.md).
    if (options.debugCall ?? process.env.SZ_E2E_DEBUG_CALL === '1') {
      await context.addInitScript({ content: `try { localStorage.setItem('sprechzimmer:debug', '1'); } catch {}` });
    }
    // Fail fast: every expectation in these tests is met within seconds when the app works.
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const tracked = new TrackedPage(context, page, origin);
    context.on('request', (request) => tracked.requests.push(request.url()));
    page.on('console', (message: ConsoleMessage) => {
      tracked.consoleLog.push(`${new Date().toISOString().slice(11, 23)} ${message.type()} ${message.text()}`);
      if (message.type() !== 'error') return;
      const where = message.location().url;
      tracked.consoleErrors.push(`${message.text()}${where ? ` (${where})` : ''}`);
    });
    page.on('pageerror', (error) => {
      tracked.pageErrors.push(`${error.name}: ${error.message}`);
      // E2E_STACKS=1 prints where a page error was thrown (build the web app with --mode development to read it).
      if (process.env.E2E_STACKS) process.stderr.write(`PAGE STACK ${Date.now()} ${error.stack ?? ''}\n`);
    });
    page.on('websocket', (socket) => {
      tracked.webSockets.push(socket.url());
      const record = (direction: WebSocketFrame['direction']) => (frame: { payload: string | Buffer }) =>
        tracked.webSocketFrames.push({
          url: socket.url(),
          direction,
          payload: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('base64'),
          at: Date.now(),
        });
      socket.on('framesent', record('sent'));
      socket.on('framereceived', record('received'));
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) tracked.visited.push(frame.url());
    });
    // The listener is installed before any page script, through the DevTools protocol, so the
    // page's own CSP does not block it.
    await context.exposeBinding('__szCspViolation', (source, violation: Omit<CspViolation, 'page'>) => {
      tracked.cspViolations.push({ page: source.page.url(), ...violation });
    });
    // A string, not a function: this project's Node tsconfig has no DOM types.
    await context.addInitScript({
      content: `document.addEventListener('securitypolicyviolation', (event) => {
        window.__szCspViolation?.({ directive: event.effectiveDirective, blocked: event.blockedURI });
      });`,
    });
    return tracked;
  }

  /** Parsed JSON text frames of the signaling socket(s), in one direction. */
  signalingMessages(direction: WebSocketFrame['direction']): { type?: string; [key: string]: unknown }[] {
    const messages: { type?: string; [key: string]: unknown }[] = [];
    for (const frame of this.webSocketFrames) {
      if (frame.direction !== direction) continue;
      try {
        messages.push(JSON.parse(frame.payload) as { type?: string });
      } catch {
        messages.push({ type: '(not json)', raw: frame.payload });
      }
    }
    return messages;
  }

  /** Requests to anything but the app's origin (data: and blob: URLs stay in the page). */
  thirdPartyRequests(): string[] {
    return this.requests.filter((url) => {
      if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return false;
      // The app's own signaling socket (same host and port, ws: scheme).
      if (url.startsWith('ws:') && url.replace(/^ws:/, 'http:').startsWith(`${this.origin}/`)) return false;
      try {
        return new URL(url).origin !== this.origin;
      } catch {
        return true;
      }
    });
  }

  /**
   * Everything that went wrong in the browser so far: third-party requests, console errors, page
   * errors, CSP violations. `allowConsole` lists console errors a test provokes on purpose, e.g.
   * Chromium's "Failed to load resource: … status of 401" after a wrong password.
   */
  problems(allowConsole: RegExp[] = []): string[] {
    return [
      ...this.thirdPartyRequests().map((url) => `request left the origin: ${url}`),
      ...this.consoleErrors.filter((text) => !allowConsole.some((pattern) => pattern.test(text))).map((text) => `console error: ${text}`),
      ...this.pageErrors.map((text) => `page error: ${text}`),
      ...this.cspViolations.map((v) => `CSP violation on ${v.page}: ${v.directive} blocked ${v.blocked || '(inline)'}`),
    ];
  }

  /** Forgets console errors so far, e.g. after a step whose errors were checked on purpose. */
  clearConsole(): void {
    this.consoleErrors.length = 0;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
