import type { BrowserContext, Page } from 'playwright-core';
import { summarise } from './stats';

/**
 * `BENCH_CALL_TRACE=1 npm run bench -- call`: where the guest's time from the invitation link to
 * the first remote frame goes. An init script (installed only in traced runs: its hooks cost a little
 * themselves) records, in wall-clock milliseconds, the page's own milestones: requests (fetch), the
 * signaling socket and the types of its messages, getUserMedia, the peer connections' descriptions and
 * states, each new page heading and the first remote video frame (requestVideoFrameCallback).
 * Navigation and script timings come from the Performance API. The bench adds its own steps (the
 * simulated person filling the form). Printed as a waterfall of medians from the link's opening.
 * Only message types and states are recorded, never their content.
 */

const traceScript = `(() => {
  if (window.__szTrace) return;
  const marks = [];
  const log = [];
  const now = () => performance.timeOrigin + performance.now();
  const mark = (what) => { const at = now(); marks.push({ at, what }); log.push({ at, what }); };
  window.__szTrace = marks;
  window.__szLog = log;
  const seen = new Set();
  const once = (what) => { if (!seen.has(what)) { seen.add(what); mark(what); } else log.push({ at: now(), what }); };

  const nativeFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    const name = (init && init.method ? init.method : 'GET') + ' ' + url.pathname;
    mark('fetch → ' + name);
    return nativeFetch(input, init).then((response) => { mark('fetch ← ' + name + ' ' + response.status); return response; });
  };

  const NativeSocket = window.WebSocket;
  window.WebSocket = function WebSocket(url, protocols) {
    const socket = protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
    const path = new URL(url).pathname;
    mark('socket new ' + path);
    socket.addEventListener('open', () => mark('socket open ' + path));
    socket.addEventListener('message', (event) => {
      try {
        const message = JSON.parse(event.data);
        const detail = message.type === 'signal' && message.payload ? ' ' + (message.payload.kind === 'description' ? message.payload.description.type : message.payload.kind) : '';
        once('socket ← ' + message.type + detail);
      } catch { once('socket ← (unparsed)'); }
    });
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      try {
        const message = JSON.parse(data);
        const detail = message.type === 'signal' && message.payload ? ' ' + (message.payload.kind === 'description' ? message.payload.description.type : message.payload.kind) : '';
        once('socket → ' + message.type + detail);
      } catch { once('socket → (unparsed)'); }
      return send(data);
    };
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });

  const devices = window.MediaDevices && window.MediaDevices.prototype;
  if (devices && devices.getUserMedia) {
    const gum = devices.getUserMedia;
    devices.getUserMedia = function (constraints) {
      const kinds = [constraints && constraints.audio ? 'audio' : '', constraints && constraints.video ? 'video' : ''].filter(Boolean).join('+');
      mark('getUserMedia → ' + kinds);
      return gum.call(this, constraints).then((stream) => { mark('getUserMedia ← ' + kinds); return stream; });
    };
  }

  const Pc = window.RTCPeerConnection;
  if (Pc) {
    const proto = Pc.prototype;
    const setLocal = proto.setLocalDescription;
    proto.setLocalDescription = function (description) {
      const pc = this;
      once('pc setLocalDescription →');
      return setLocal.apply(this, arguments).then((value) => { once('pc local ' + (pc.localDescription ? pc.localDescription.type : '?') + ' set'); return value; });
    };
    const setRemote = proto.setRemoteDescription;
    proto.setRemoteDescription = function (description) {
      once('pc remote ' + (description && description.type) + ' →');
      return setRemote.apply(this, arguments).then((value) => { once('pc remote ' + (description && description.type) + ' set'); return value; });
    };
    const Tracked = window.RTCPeerConnection;
    window.RTCPeerConnection = function RTCPeerConnection(...args) {
      const pc = new Tracked(...args);
      once('pc created');
      pc.addEventListener('iceconnectionstatechange', () => once('pc ice ' + pc.iceConnectionState));
      pc.addEventListener('connectionstatechange', () => once('pc ' + pc.connectionState));
      pc.addEventListener('track', (event) => {
        once('pc track ' + event.track.kind);
        if (event.track.kind !== 'video') return;
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = new MediaStream([event.track]);
        const frame = () => once('remote video frame (rVFC)');
        if (video.requestVideoFrameCallback) video.requestVideoFrameCallback(frame);
        // A refused play shows in the waterfall instead of vanishing: the frame mark would then never come.
        video.play().catch((error) => once('remote video play refused: ' + (error && error.name)));
      });
      return pc;
    };
    window.RTCPeerConnection.prototype = Tracked.prototype;
    Object.setPrototypeOf(window.RTCPeerConnection, Tracked);
  }

  // The engine's debug lines (message only, never its fields): e.g. the polite side waiting for an offer.
  for (const level of ['debug', 'info', 'warn']) {
    const original = console[level].bind(console);
    console[level] = (...args) => {
      if (typeof args[0] === 'string' && args[0].startsWith('[call]')) {
        once(args[0]);
        const fields = args[1] && typeof args[1] === 'object' ? ' ' + JSON.stringify(args[1]) : '';
        log.push({ at: now(), what: args[0] + fields });
      }
      return original(...args);
    };
  }

  const headings = () => {
    const h1 = document.querySelector('main h1');
    if (h1 && h1.textContent) once('h1 ' + h1.textContent.slice(0, 40));
  };
  const watch = () => new MutationObserver(headings).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) watch(); else document.addEventListener('DOMContentLoaded', watch);
})();`;

export async function installTrace(context: BrowserContext): Promise<void> {
  // Debug logging shows the engine's own steps (e.g. the polite side waiting for the first offer).
  await context.addInitScript({ content: `try { localStorage.setItem('sprechzimmer:debug', '1') } catch {}\n${traceScript}` });
}

interface Mark {
  at: number;
  what: string;
}

/** The page's marks plus navigation and script timings, as wall-clock milliseconds. */
export async function pageMarks(page: Page): Promise<Mark[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as {
      __szTrace?: Mark[];
      performance: { timeOrigin: number; getEntriesByType(type: string): Array<Record<string, number | string>> };
    };
    const origin = w.performance.timeOrigin;
    const out: Mark[] = [...(w.__szTrace ?? [])];
    const navigation = w.performance.getEntriesByType('navigation')[0];
    if (navigation) {
      for (const key of ['responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventEnd', 'loadEventEnd']) {
        out.push({ at: origin + Number(navigation[key]), what: `navigation ${key}` });
      }
    }
    const resources = w.performance
      .getEntriesByType('resource')
      .filter((entry) => String(entry.name).includes('/assets/') && String(entry.name).endsWith('.js'));
    if (resources.length > 0) {
      out.push({ at: origin + Math.min(...resources.map((entry) => Number(entry.startTime))), what: `scripts: first request (${resources.length} files)` });
      out.push({ at: origin + Math.max(...resources.map((entry) => Number(entry.responseEnd))), what: 'scripts: last byte' });
    }
    for (const entry of w.performance.getEntriesByType('paint')) out.push({ at: origin + Number(entry.startTime), what: `paint ${String(entry.name)}` });
    return out;
  });
}

/** Every recorded event of the page (not only the first of each kind), for one run's full timeline. */
export async function pageLog(page: Page): Promise<Mark[]> {
  return page.evaluate(() => (globalThis as unknown as { __szLog?: Mark[] }).__szLog ?? []);
}

/** Prints the events of several pages after `from`, merged in time order, labelled by page. */
export function printTimeline(title: string, from: number, pages: Array<{ label: string; marks: Mark[] }>): void {
  console.log(`\n${title}`);
  const rows = pages.flatMap(({ label, marks }) => marks.filter((mark) => mark.at >= from).map((mark) => ({ ...mark, label })));
  for (const row of rows.sort((a, b) => a.at - b.at)) console.log(`  ${(row.at - from).toFixed(0).padStart(6)}  ${row.label.padEnd(6)} ${row.what}`);
}

/** Offsets from `started` per mark name (first occurrence per run), collected over runs. */
export class Waterfall {
  private readonly offsets = new Map<string, number[]>();
  private runs = 0;

  add(started: number, marks: Mark[]): void {
    this.runs += 1;
    const first = new Map<string, number>();
    for (const { at, what } of marks) if (!first.has(what) || at < first.get(what)!) first.set(what, at);
    for (const [what, at] of first) this.offsets.set(what, [...(this.offsets.get(what) ?? []), at - started]);
  }

  print(title: string): void {
    console.log(`\n${title} (median ms from the link's opening, min–max, over ${this.runs} runs; rows seen in fewer runs say so)`);
    const rows = [...this.offsets].map(([what, values]) => ({ what, values, median: summarise(values).median })).sort((a, b) => a.median - b.median);
    for (const { what, values, median } of rows) {
      const s = summarise(values);
      const seen = values.length < this.runs ? ` (${values.length}/${this.runs} runs)` : '';
      console.log(`  ${median.toFixed(0).padStart(6)}  ${`${s.min.toFixed(0)}–${s.max.toFixed(0)}`.padEnd(12)} ${what}${seen}`);
    }
  }
}
