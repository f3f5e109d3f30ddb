import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { freePort } from './server';

/**
 * Debian's WebKitGTK (MiniBrowser) driven over W3C WebDriver by `WebKitWebDriver`, in a virtual X
 * display (`xvfb-run`): the closest engine to Safari these machines have. It is built without
 * WebRTC (no RTCPeerConnection, /work/shared/ENVIRONMENT.md), so it proves pages and devices, never
 * a call. MiniBrowser's mock capture devices stand in for camera and microphone. The client is the
 * few WebDriver commands the tests need, over fetch (no driver library).
 */

const miniBrowserPath = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const webKitDriverPath = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
const xvfbRunPath = '/usr/bin/xvfb-run';

/** Whether WebKitGTK, its driver and a virtual display are installed (`.ci/run` installs them). */
export function webKitAvailable(): boolean {
  return [miniBrowserPath, webKitDriverPath, xvfbRunPath].every((file) => existsSync(file));
}

/** A W3C WebDriver element reference. */
type ElementRef = Record<string, string>;

export class WebKitSession {
  private constructor(
    private readonly driver: ChildProcess,
    private readonly base: string,
    private readonly id: string,
    readonly version: string,
    /** What MiniBrowser printed (console messages included), for failure reports. */
    readonly output: string[],
  ) {}

  static async start(options: { width: number; height: number }): Promise<WebKitSession> {
    const port = await freePort();
    const output: string[] = [];
    // Its own process group, so that closing ends the X server, the driver and the browser together.
    const driver = spawn(xvfbRunPath, ['-a', webKitDriverPath, `--port=${port}`], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [driver.stdout, driver.stderr]) stream?.on('data', (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean)));
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    for (;;) {
      let failure: unknown = 'not ready';
      try {
        const status = await fetch(`${base}/status`);
        if (status.ok) break;
      } catch (error) {
        // Not listening yet: ask again until the deadline.
        failure = error;
      }
      if (Date.now() > deadline) throw new Error(`WebKitWebDriver did not start:\n${output.join('\n')}`, { cause: failure });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const created = await command<{ sessionId: string; capabilities: { browserVersion: string } }>(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'MiniBrowser',
          'webkitgtk:browserOptions': {
            binary: miniBrowserPath,
            args: [
              '--automation',
              '--enable-media-stream=true',
              '--enable-mock-capture-devices=true',
              // Safari's rule: media with sound plays only after a user gesture (muted video may autoplay).
              '--media-playback-requires-user-gesture=true',
              '--enable-write-console-messages-to-stdout=true',
            ],
          },
        },
      },
    });
    const session = new WebKitSession(driver, base, created.sessionId, created.capabilities.browserVersion, output);
    await session.call('POST', '/window/rect', { width: options.width, height: options.height });
    return session;
  }

  private call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return command<T>(this.base, method, `/session/${this.id}${path}`, body);
  }

  async goto(url: string): Promise<void> {
    await this.call('POST', '/url', { url });
  }

  /** Runs `body` (the text of an async function body) in the page; its return value comes back as JSON. */
  async run<T>(body: string): Promise<T> {
    const result = await this.call<{ ok: true; value: T } | { ok: false; error: string }>('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        (async () => { ${body} })().then((value) => done({ ok: true, value }), (error) => done({ ok: false, error: String(error && error.stack || error) }));`,
      args: [],
    });
    if (!result.ok) throw new Error(`script failed in WebKit: ${result.error}`);
    return result.value;
  }

  /**
   * Polls a page expression until it is truthy; returns its value. 45 s, as the other engines'
   * actions (e2e/support/engines.ts): WebKit's mock camera makes its frames through GStreamer on the
   * shared cores, and in a CI run beside the accessibility scans its preview did not play within
   * 15 s (3 s on a quiet machine).
   */
  async waitFor<T>(what: string, expression: string, timeoutMs = 45_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
      try {
        const value = await this.run<T>(`return (${expression});`);
        if (value) return value;
        last = value;
      } catch (error) {
        // The page may be between documents (a navigation); the next poll asks again.
        last = String(error);
      }
      if (Date.now() > deadline) throw new Error(`WebKit: ${what} not within ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Clicks (real pointer events through the automation session: a user gesture) the first match of an XPath. */
  async click(xpath: string): Promise<void> {
    const element = await this.call<ElementRef>('POST', '/element', { using: 'xpath', value: xpath });
    await this.call('POST', `/element/${Object.values(element)[0]}/click`, {});
  }

  async close(): Promise<void> {
    await this.call('DELETE', '').catch((error: unknown) => this.output.push(`closing the session failed: ${String(error)}`));
    if (this.driver.pid !== undefined && this.driver.exitCode === null) process.kill(-this.driver.pid, 'SIGTERM');
  }
}

async function command<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as { value: T };
  if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${response.status} ${JSON.stringify(json.value)}`);
  return json.value;
}

/** XPath of a button by its visible text. */
export function buttonNamed(text: string): string {
  return `//button[normalize-space(.)=${JSON.stringify(text)}]`;
}
