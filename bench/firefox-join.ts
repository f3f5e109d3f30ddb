import { request } from 'playwright-core';
import { Api, AppServer, createConsultation, createHost, invitationLink, maxFramesDecoded, SmtpCapture, uniqueEmail } from '../e2e/support';
import { launchBrowser, type E2EBrowser, type Engine, type UiPage } from '../e2e/support/engines';
import { admitWhenWaiting, enterWaitingRoom, logInHost, openHostRoom } from '../e2e/support/room';
import { formatMs, summarise } from './stats';

/**
 * `npm run bench -- firefox-join` (inside the test namespace, like `call`): a Chromium host admits
 * a guest the moment they wait; the guest is Chromium or Firefox ESR, alternating run by run in
 * the same server and browsers. Per guest engine: invitation link opened → first remote frame
 * decoded by the guest, and admission → both sides decode. The Chromium guest is the reference.
 */

const RUNS = Number(process.env.BENCH_FIREFOX_RUNS ?? 4);
const TIMEOUT_MS = 60_000;
const POLL_MS = 20;

async function firstFrame(page: UiPage): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    if ((await maxFramesDecoded(page).catch(() => 0)) > 0) return Date.now();
    if (Date.now() > deadline) throw new Error(`no remote frame decoded in ${page.engine} within ${TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

interface JoinRun {
  linkToFrame: number;
  admitToBoth: number;
}

export async function measureFirefoxJoin(): Promise<void> {
  const smtp = new SmtpCapture();
  const server = await AppServer.start({ smtpUrl: await smtp.start(), env: { LOG_LEVEL: 'warn' } });
  const apiContext = await request.newContext();
  const browsers = new Map<Engine, E2EBrowser>();
  try {
    const [chromium, firefox] = await Promise.all([launchBrowser('chromium'), launchBrowser('firefox')]);
    browsers.set('chromium', chromium).set('firefox', firefox);
    const hostApi = new Api(apiContext, server.origin);
    const account = await createHost(hostApi, smtp);
    const host = await chromium.newPage(server.origin);
    await logInHost(host, account);

    const runs: Record<Engine, JoinRun[]> = { chromium: [], firefox: [] };
    // One warm-up run per engine (not counted), then alternating runs.
    for (let run = 0; run < RUNS + 1; run += 1) {
      for (const engine of ['chromium', 'firefox'] as const) {
        const email = uniqueEmail('bench.gast');
        const consultation = await createConsultation(hostApi, [{ name: 'Bea Bench', email }]);
        const link = await invitationLink(smtp, email, server.origin);
        await openHostRoom(host, consultation.id);
        const admitted = admitWhenWaiting(host, 1);
        const guest = await browsers.get(engine)!.newPage(server.origin);
        const started = Date.now();
        const guestFrame = firstFrame(guest);
        const hostFrame = firstFrame(host);
        await guest.goto(link);
        await enterWaitingRoom(guest, { waitForWaitingRoom: false });
        const [guestAt, hostAt, admitAt] = await Promise.all([guestFrame, hostFrame, admitted]);
        if (run > 0) runs[engine].push({ linkToFrame: guestAt - started, admitToBoth: Math.max(guestAt, hostAt) - admitAt });
        await hostApi.call('POST', `/api/consultations/${consultation.id}/end`);
        await guest.close();
      }
    }
    const summary = (values: number[]) => formatMs(summarise(values));
    console.log(`\nGuest join by browser engine: Chromium host (${await chromium.version()}), guest in Chromium or ${await firefox.version()}`);
    console.log('(test namespace with veth, fake devices at 320×240, first run of each engine not counted)');
    for (const engine of ['chromium', 'firefox'] as const) {
      console.log(`  ${engine.padEnd(8)} guest: invitation link opened → first remote frame  ${summary(runs[engine].map((r) => r.linkToFrame))}`);
      console.log(`  ${engine.padEnd(8)} guest: admission → both sides decode               ${summary(runs[engine].map((r) => r.admitToBoth))}`);
    }
    console.log('  (reference: the Chromium guest; the link run includes name + consent, device check and waiting room)');
  } finally {
    await Promise.all([...browsers.values()].map((browser) => browser.close()));
    await apiContext.dispose();
    await server.dispose();
    await smtp.stop();
  }
}
