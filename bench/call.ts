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
import { installTrace, pageLog, pageMarks, printTimeline, Waterfall } from './join-trace';
import { startReferenceServer } from './reference/server';
import { formatMs, summarise, type Summary } from './stats';
import { WebVariants } from './web-variants';

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
/** Records the guest's waterfall (bench/join-trace.ts); its hooks cost a little, so only on demand. */
const TRACE = process.env.BENCH_CALL_TRACE === '1';

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

/**
 * Frames decoded so far; none while the page navigates (the join goes through a few pages). Any other
 * failure, such as a closed or crashed page, ends the wait at once instead of looking like a slow call.
 */
async function framesOn(page: Page): Promise<number> {
  try {
    return await maxFramesDecoded(page);
  } catch (error) {
    if (error instanceof Error && /execution context was destroyed|navigat/i.test(error.message)) return 0;
    throw error;
  }
}

/** Resolves with Date.now() at the first poll that sees a decoded remote video frame in `page`. */
function firstFrame(page: Page): Promise<number> {
  return until('first decoded remote frame', async () => ((await framesOn(page)) > 0 ? Date.now() : undefined));
}

async function newContext(browser: Browser, origin?: string, trace = false): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'de-DE', ...(origin ? { baseURL: origin } : {}) });
  context.setDefaultTimeout(TIMEOUT_MS);
  await installProbes(context);
  if (trace) await installTrace(context);
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
  /** Link opened until the name field of the details form shows: the app's own start. */
  linkToForm: number;
  /**
   * The simulated person's own steps: from the form showing to its submission (the name is there,
   * consent ticked, the button clicked, each a Playwright action). A person takes seconds here; the
   * bench a few round trips, which still belong to the person, not to the app.
   */
  formSteps: number;
  admitToFrame: number;
  /** Admission until both sides decode the other's video. */
  admitToBoth: number;
  /** Which web build served the run (BENCH_CALL_COMPARE, bench/web-variants.ts). */
  variant: number;
}

async function measureApp(
  browser: Browser,
  server: AppServer,
  smtp: SmtpCapture,
  hostContext: BrowserContext,
  hostApi: Api,
  waterfall: Waterfall | null,
  variants: WebVariants,
): Promise<AppRun[]> {
  const runs: AppRun[] = [];
  for (let run = 0; run < RUNS * variants.labels.length + 1; run += 1) {
    const variant = await variants.use(run);
    const email = uniqueEmail('bench.gast');
    const consultation = await createConsultation(hostApi, [{ name: 'Bea Bench', email }]);
    const link = await invitationLink(smtp, email, server.origin);
    const host = await hostContext.newPage();
    await openHostRoom(host, consultation.id);
    const admitted = admitWhenWaiting(host, 1);
    const guestContext = await newContext(browser, server.origin, waterfall !== null);
    const guest = await guestContext.newPage();
    const started = Date.now();
    const guestFrame = firstFrame(guest);
    const hostFrame = firstFrame(host);
    const submitted = guest.waitForRequest((request) => request.method() === 'PUT' && request.url().endsWith('/api/join/details')).then(() => Date.now());
    await guest.goto(link, { waitUntil: 'domcontentloaded' });
    const gotoAt = Date.now();
    await guest.getByRole('textbox', { name: 'Ihr vollständiger Name', exact: true }).waitFor();
    const formAt = Date.now();
    await enterWaitingRoom(guest, { waitForWaitingRoom: false });
    const enteredAt = Date.now();
    const [frameAt, hostFrameAt, admitAt, submittedAt] = await Promise.all([guestFrame, hostFrame, admitted, submitted]);
    if (run > 0) {
      runs.push({
        linkToFrame: frameAt - started,
        linkToForm: formAt - started,
        formSteps: submittedAt - formAt,
        admitToFrame: frameAt - admitAt,
        admitToBoth: Math.max(frameAt, hostFrameAt) - admitAt,
        variant,
      });
    }
    if (run > 0 && waterfall && variant === 0) {
      const hostMarks = (await pageMarks(host)).filter((mark) => mark.at >= started).map((mark) => ({ ...mark, what: `host: ${mark.what}` }));
      waterfall.add(started, [
        ...(await pageMarks(guest)),
        ...hostMarks,
        { at: gotoAt, what: 'bench: goto() returned (domcontentloaded)' },
        { at: formAt, what: 'bench: details form shown (name field visible)' },
        { at: submittedAt, what: 'bench: details submitted (PUT request seen)' },
        { at: enteredAt, what: 'bench: form steps done (enterWaitingRoom returned)' },
        { at: admitAt, what: 'bench: host admitted (admitWhenWaiting)' },
        { at: frameAt, what: 'bench: guest sees a decoded frame (getStats poll)' },
        { at: hostFrameAt, what: 'bench: host sees a decoded frame (getStats poll)' },
      ]);
    }
    await hostApi.call('POST', `/api/consultations/${consultation.id}/end`);
    await Promise.all([guestContext.close(), host.close()]);
  }
  return runs;
}

/** Runs whose mesh did not fully connect: per page, how many remote videos decoded. */
const stuck: number[][] = [];

/** Remote videos decoding on a page; a page whose stats cannot be read (it crashed, it closed) counts none, and says why. */
async function decodingOn(page: Page): Promise<number> {
  try {
    return connectionsDecodingVideo(await inboundStats(page));
  } catch (error) {
    console.log(`    (a mesh page's stats could not be read: ${error instanceof Error ? error.message : String(error)})`);
    return 0;
  }
}

async function measureMesh(
  browser: Browser,
  server: AppServer,
  smtp: SmtpCapture,
  hostContext: BrowserContext,
  hostApi: Api,
  variants: WebVariants,
): Promise<number[][]> {
  const samples: number[][] = variants.labels.map(() => []);
  for (let run = 0; run < MESH_RUNS * variants.labels.length; run += 1) {
    const variant = await variants.use(run);
    const guests = [1, 2, 3, 4].map((index) => ({ name: `Gast ${index} Bench`, email: uniqueEmail(`bench.mesh${index}`) }));
    const consultation = await createConsultation(hostApi, guests);
    const host = await hostContext.newPage();
    await openHostRoom(host, consultation.id);
    const contexts: BrowserContext[] = [];
    const pages: Page[] = [host];
    for (const guest of guests) {
      const link = await invitationLink(smtp, guest.email, server.origin);
      const context = await newContext(browser, server.origin, TRACE);
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
        const decoding = await Promise.all(pages.map(decodingOn));
        return decoding.every((count) => count >= 4);
      },
      MESH_TIMEOUT_MS,
    ).then(
      () => true,
      () => false,
    );
    const connectedAfter = Date.now() - admitAt;
    if (connected) samples[variant]!.push(connectedAfter);
    else stuck.push(await Promise.all(pages.map(decodingOn)));
    if (TRACE) {
      const labels = ['host', 'g1', 'g2', 'g3', 'g4'];
      const logs = await Promise.all(pages.map(async (page, index) => ({ label: labels[index]!, marks: await pageLog(page) })));
      const outcome = connected ? `all decoding after ${connectedAfter} ms` : 'not all connected';
      printTimeline(`Mesh run ${run + 1}: every page's events after the admission (ms; ${outcome})`, admitAt, logs);
    }
    await hostApi.call('POST', `/api/consultations/${consultation.id}/end`);
    await Promise.all([...contexts.map((context) => context.close()), host.close()]);
  }
  return samples;
}

export async function measureCall(): Promise<void> {
  // Before the server starts: it lists the files it serves once, at start.
  const variants = await WebVariants.prepare(process.env.BENCH_CALL_COMPARE);
  const smtp = new SmtpCapture();
  const server = await AppServer.start({ smtpUrl: await smtp.start(), env: { LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  try {
    const reference = await measureReference(browser);

    const hostContext = await newContext(browser, server.origin, TRACE);
    const hostApi = new Api(hostContext.request, server.origin);
    await createHost(hostApi, smtp);
    const waterfall = TRACE ? new Waterfall() : null;
    const app = await measureApp(browser, server, smtp, hostContext, hostApi, waterfall, variants);
    const apps = variants.labels.map((_, index) => app.filter((run) => run.variant === index));
    waterfall?.print('Guest waterfall, invitation link → first remote frame (traced runs of this build: hooks add a little)');
    const meshes = await measureMesh(browser, server, smtp, hostContext, hostApi, variants);
    await hostContext.close();
    const colleague = await measureColleagueCall(browser, server, smtp);

    const summary = (values: number[]) => formatMs(summarise(values));
    console.log(`\nCall set-up in Chromium ${browser.version()} (loopback namespace, fake devices at 320×240, first run of each kind not counted)`);
    console.log(`  reference: bare page, goto → first remote frame         ${formatMs(reference)}`);
    for (const [index, label] of variants.labels.entries()) {
      const app = apps[index]!;
      const mesh = meshes[index]!;
      if (variants.labels.length > 1) console.log(`  web build: ${label} (runs interleaved with the other build's)`);
      console.log(`  app: invitation link opened → first remote frame (guest) ${summary(app.map((r) => r.linkToFrame))}`);
      console.log(`    of which: link → details form shown (app)              ${summary(app.map((r) => r.linkToForm))}`);
      console.log(`    of which: form filled and sent (the bench as the person) ${summary(app.map((r) => r.formSteps))}`);
      console.log(`    the app's own time: link → frame minus the form steps  ${summary(app.map((r) => r.linkToFrame - r.formSteps))}`);
      console.log(`  app: admission → first remote frame (guest)             ${summary(app.map((r) => r.admitToFrame))}`);
      console.log(`  1:1: admission → both sides decode                      ${summary(app.map((r) => r.admitToBoth))}`);
      console.log(`  5-person mesh: admission of 4 → all 20 paths decode     ${mesh.length > 0 ? summary(mesh) : 'no run connected'}`);
    }
    console.log(`  colleague call: click on "call" → ring shown             ${formatMs(colleague.clickToRing)}`);
    console.log(`  colleague call: click on "answer" → both sides decode   ${formatMs(colleague.answerToBoth)}`);
    if (stuck.length > 0) {
      console.log(
        `  5-person mesh: ${stuck.length} of ${MESH_RUNS * variants.labels.length} runs did not connect all 20 paths within ${MESH_TIMEOUT_MS / 1000} s`,
      );
      for (const run of stuck) console.log(`    remote videos decoding per page (host first): ${run.join(' ')} (4 each expected)`);
    }
    console.log('  (the app run includes name + consent form, device check and waiting room; the host admits by its');
    console.log('   call session as soon as the guest appears, as fast as a click on "admit" could)');
  } finally {
    await variants.restore();
    await browser.close();
    await server.dispose();
    await smtp.stop();
  }
}
