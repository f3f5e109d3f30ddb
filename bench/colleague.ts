import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addColleague, Api, createOrganization, installProbes, maxFramesDecoded, type AppServer, type SmtpCapture } from '../e2e/support';
import { summarise, type Summary } from './stats';

const RUNS = Number(process.env.BENCH_COLLEAGUE_RUNS ?? process.env.BENCH_CALL_RUNS ?? 5);
const TIMEOUT_MS = 60_000;
const POLL_MS = 20;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean>): Promise<number> {
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    if (await probe()) return Date.now();
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(POLL_MS);
  }
}

const decoding = (page: Page) => until('a decoded remote frame', async () => (await maxFramesDecoded(page).catch(() => 0)) > 0);

export interface ColleagueRuns {
  /** The caller's click on "call" until the callee's page shows the ring. */
  clickToRing: Summary;
  /** The callee's click on "answer" until both pages decode the other's video. */
  answerToBoth: Summary;
}

/**
 * A colleague call between two professionals of one organisation, through the pages: the caller
 * clicks "call" on the dashboard, the callee's dashboard rings, the callee clicks "answer", both
 * pages open the call. The first run warms the browser up and is not counted.
 */
export async function measureColleagueCall(browser: Browser, server: AppServer, smtp: SmtpCapture): Promise<ColleagueRuns> {
  const context = async (): Promise<BrowserContext> => {
    const created = await browser.newContext({ locale: 'de-DE', baseURL: server.origin });
    created.setDefaultTimeout(TIMEOUT_MS);
    await installProbes(created);
    return created;
  };
  const calleeContext = await context();
  const callerContext = await context();
  const calleeApi = new Api(calleeContext.request, server.origin);
  const callee = await createOrganization(calleeApi, smtp, { firstName: 'Rita', lastName: 'Bench', organization: 'Praxis Bench' });
  await addColleague(calleeApi, new Api(callerContext.request, server.origin), smtp, 'member', { firstName: 'Mia', lastName: 'Bench' });
  const ring: number[] = [];
  const both: number[] = [];
  try {
    for (let run = 0; run < RUNS + 1; run += 1) {
      const calleePage = await calleeContext.newPage();
      const callerPage = await callerContext.newPage();
      await Promise.all([calleePage.goto('/dashboard'), callerPage.goto('/dashboard')]);
      const call = callerPage.getByRole('button', { name: `${callee.displayName} anrufen`, exact: true });
      await until('the callee online', async () => call.isEnabled());
      const clickedAt = Date.now();
      await call.click();
      const answer = calleePage.getByRole('alertdialog', { name: 'Eingehender Anruf' }).getByRole('button', { name: 'Annehmen', exact: true });
      await answer.waitFor();
      const ringAt = Date.now();
      const answeredAt = Date.now();
      await answer.click();
      const [calleeFrame, callerFrame] = await Promise.all([decoding(calleePage), decoding(callerPage)]);
      if (run > 0) {
        ring.push(ringAt - clickedAt);
        both.push(Math.max(calleeFrame, callerFrame) - answeredAt);
      }
      await callerPage.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Verlassen', exact: true }).click();
      await callerPage.getByRole('button', { name: 'Für alle beenden', exact: true }).click();
      await Promise.all([calleePage.close(), callerPage.close()]);
    }
  } finally {
    await Promise.all([calleeContext.close(), callerContext.close()]);
  }
  return { clickToRing: summarise(ring), answerToBoth: summarise(both) };
}
