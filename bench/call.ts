import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  Api,
  AppServer,
  connectionsDecodingVideo,
  createConsultation,
  createHost,
  inboundStats,
  installProbes,
  invitationLink,
  launchChromium,
  maxFramesDecoded,
  SmtpCapture,
  uniqueEmail,
} from '../e2e/support';
import { admitWhenWaiting, enterWaitingRoom, openHostRoom, waitingGuestIds, admitAll } from '../e2e/support/room';
import { measureColleagueCall } from './colleague';
import { startReferenceServer } from './reference/server';
import { formatMs, summarise, type Summary } from './stats';

/**
 * `npm run bench -- call` (inside the loopback-only namespace; bench/run.ts wraps it with
 * e2e/netns.sh): the time from opening an invitation link to the first decoded remote video frame,
 * through the whole app, next to a bare reference page (two RTCPeerConnections and a WebSocket
 * relay, bench/reference/) in the same browser with the same fake devices; and the 5-person mesh's
 * all-connected time next to the 1:1 time. Capture is 320×240 in both (e2e/support/probes.ts).
 */

const RUNS = Number(process.env.BENCH_CALL_RUNS ?? 5);
const MESH_RUNS = Number(process.env.BENCH_MESH_RUNS ?? RUNS);
const POLL_MS = 20;
/** A mesh run that has not connected all 20 paths by then is counted as stuck, not measured. */
const MESH_TIMEOUT_MS = Number(process.env.BENCH_MESH_TIMEOUT_MS ?? 60_000);
const TIMEOUT_MS = 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(POLL_MS);
  }
}

/** Resolves with Date.now() at the first poll that sees a decoded remote video frame in `page`. */
function firstFrame(page: Page): Promise<number> {
  return until('first decoded remote frame', async () => ((await maxFramesDecoded(page).catch(() => 0)) > 0 ? Date.now() : undefined));
}

async function newContext(browser: Browser, origin?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'de-DE', ...(origin ? { baseURL: origin } : {}) });
  context.setDefaultTimeout(TIMEOUT_MS);
  await installProbes(context);
  return context;
}

async function measureReference(browser: Browser): Promise<Summary> {
  const reference = await startReferenceServer();
  const samples: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run += 1) {
      const hostContext = await newContext(browser);
      const guestContext = await newContext(browser);
      const host = await hostContext.newPage();
      const guest = await guestContext.newPage();
      await host.goto(`${reference.origin}/?role=host&room=${run}`, { waitUntil: 'domcontentloaded' });
      await host.waitForFunction('document.title.endsWith("ready")');
      const started = Date.now();
      const frame = firstFrame(guest);
      await guest.goto(`${reference.origin}/?role=guest&room=${run}`, { waitUntil: 'domcontentloaded' });
      const elapsed = (await frame) - started;
      // The first run warms the browser up (codec, first process); it is not counted.
      if (run > 0) samples.push(elapsed);
      await Promise.all([hostContext.close(), guestContext.close()]);
    }
  } finally {
    await reference.close();
  }
  return summarise(samples);
}

interface AppRun {
  linkToFrame: number;
  admitToFrame: number;
  /** Admission until both sides decode the other's video. */
  admitToBoth: number;
}

async function measureApp(browser: Browser, server: AppServer, smtp: SmtpCapture, hostContext: BrowserContext, hostApi: Api): Promise<AppRun[]> {
  const runs: AppRun[] = [];
  for (let run = 0; run < RUNS + 1; run += 1) {
    const email = uniqueEmail('bench.gast');
    const consultation = await createConsultation(hostApi, [{ name: 'Bea Bench', email }]);
    const link = await invitationLink(smtp, email, server.origin);
    const host = await hostContext.newPage();
    await openHostRoom(host, consultation.id);
    const admitted = admitWhenWaiting(host, 1);
    const guestContext = await newContext(browser, server.origin);
    const guest = await guestContext.newPage();
    const started = Date.now();
    const guestFrame = firstFrame(guest);
    const hostFrame = firstFrame(host);
    await guest.goto(link, { waitUntil: 'domcontentloaded' });
    await enterWaitingRoom(guest, { waitForWaitingRoom: false });
    const [frameAt, hostFrameAt, admitAt] = await Promise.all([guestFrame, hostFrame, admitted]);
    if (run > 0) runs.push({ linkToFrame: frameAt - started, admitToFrame: frameAt - admitAt, admitToBoth: Math.max(frameAt, hostFrameAt) - admitAt });
    await hostApi.call('POST', `/api/consultations/${consultation.id}/end`);
    await Promise.all([guestContext.close(), host.close()]);
  }
  return runs;
}

/** Runs whose mesh did not fully connect: per page, how many remote videos decoded. */
const stuck: number[][] = [];

async function measureMesh(browser: Browser, server: AppServer, smtp: SmtpCapture, hostContext: BrowserContext, hostApi: Api): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < MESH_RUNS; run += 1) {
    const guests = [1, 2, 3, 4].map((index) => ({ name: `Gast ${index} Bench`, email: uniqueEmail(`bench.mesh${index}`) }));
    const consultation = await createConsultation(hostApi, guests);
    const host = await hostContext.newPage();
    await openHostRoom(host, consultation.id);
    const contexts: BrowserContext[] = [];
    const pages: Page[] = [host];
    for (const guest of guests) {
      const link = await invitationLink(smtp, guest.email, server.origin);
      const context = await newContext(browser, server.origin);
      contexts.push(context);
      const page = await context.newPage();
      pages.push(page);
      await page.goto(link, { waitUntil: 'domcontentloaded' });
      await enterWaitingRoom(page, { waitForWaitingRoom: true });
    }
    await until('four guests waiting', async () => (await waitingGuestIds(host)).length === 4);
    const admitAt = Date.now();
    await admitAll(host);
    const connected = await until(
      'all 20 directed paths decode',
      async () => {
        const decoding = await Promise.all(pages.map(async (page) => connectionsDecodingVideo(await inboundStats(page).catch(() => []))));
        return decoding.every((count) => count >= 4);
      },
      MESH_TIMEOUT_MS,
    ).then(
      () => true,
      () => false,
    );
    if (connected) samples.push(Date.now() - admitAt);
    else stuck.push(await Promise.all(pages.map(async (page) => connectionsDecodingVideo(await inboundStats(page).catch(() => [])))));
    await hostApi.call('POST', `/api/consultations/${consultation.id}/end`);
    await Promise.all([...contexts.map((context) => context.close()), host.close()]);
  }
  return samples;
}

export async function measureCall(): Promise<void> {
  const smtp = new SmtpCapture();
  const server = await AppServer.start({ smtpUrl: await smtp.start(), env: { LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  try {
    const reference = await measureReference(browser);

    const hostContext = await newContext(browser, server.origin);
    const hostApi = new Api(hostContext.request, server.origin);
    await createHost(hostApi, smtp);
    const app = await measureApp(browser, server, smtp, hostContext, hostApi);
    const mesh = await measureMesh(browser, server, smtp, hostContext, hostApi);
    await hostContext.close();
    const colleague = await measureColleagueCall(browser, server, smtp);

    const summary = (values: number[]) => formatMs(summarise(values));
    console.log(`\nCall set-up in Chromium ${browser.version()} (loopback namespace, fake devices at 320×240, first run of each kind not counted)`);
    console.log(`  reference: bare page, goto → first remote frame         ${formatMs(reference)}`);
    console.log(`  app: invitation link opened → first remote frame (guest) ${summary(app.map((r) => r.linkToFrame))}`);
    console.log(`  app: admission → first remote frame (guest)             ${summary(app.map((r) => r.admitToFrame))}`);
    console.log(`  1:1: admission → both sides decode                      ${summary(app.map((r) => r.admitToBoth))}`);
    console.log(`  5-person mesh: admission of 4 → all 20 paths decode     ${mesh.length > 0 ? summary(mesh) : 'no run connected'}`);
    console.log(`  colleague call: click on "call" → ring shown             ${formatMs(colleague.clickToRing)}`);
    console.log(`  colleague call: click on "answer" → both sides decode   ${formatMs(colleague.answerToBoth)}`);
    if (stuck.length > 0) {
      console.log(`  5-person mesh: ${stuck.length} of ${MESH_RUNS} runs did not connect all 20 paths within ${MESH_TIMEOUT_MS / 1000} s`);
      for (const run of stuck) console.log(`    remote videos decoding per page (host first): ${run.join(' ')} (4 each expected)`);
    }
    console.log('  (the app run includes name + consent form, device check and waiting room; the host admits by its');
    console.log('   call session as soon as the guest appears, as fast as a click on "admit" could)');
  } finally {
    await browser.close();
    await server.dispose();
    await smtp.stop();
  }
}
