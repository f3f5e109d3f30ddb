import { LEVEL_FLOOR } from '../web/call/adaptation';
import { Api, AppServer, createConsultation, createHost, invitationLink, launchChromium, SmtpCapture, TrackedPage, uniqueEmail } from '../e2e/support';
import { expectVideoDecoding } from '../e2e/support/media';
import { admitByName, enterWaitingRoom, openHostRoom } from '../e2e/support/room';
import { liftLoopbackLimit, limitLoopback, readLinkRecorder, startLinkRecorder, waitForSample, type LinkSample } from '../e2e/support/shaping';
import { formatMs, summarise } from './stats';

/**
 * `npm run bench -- adapt` (inside the loopback-only namespace, like `call`): in one Chromium 1:1
 * call, rounds of `tc tbf` on loopback — 300 kbit/s, then 100 kbit/s — each lifted again. Measured
 * from the host page's own samples (every 250 ms): limit → the engine steps the host's video down
 * (→ paused at 100 kbit/s), lift → full quality again. The reference, in the same samples: when the
 * browser's own estimate (`availableOutgoingBitrate`) crossed the `full` level's floor — the signal
 * the engine acts on, so the difference is the engine's own hold and hysteresis.
 */

const ROUNDS = Number(process.env.BENCH_ADAPT_RUNS ?? 3);
const HOLD_MS = Number(process.env.BENCH_ADAPT_HOLD_MS ?? 12_000);
const TIMEOUT_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Round {
  kbit: number;
  toStepDown: number;
  estimateBelow: number | null;
  toFull: number;
  estimateAbove: number | null;
}

function firstAt(samples: LinkSample[], since: number, predicate: (s: LinkSample) => boolean): number | null {
  return samples.find((s) => s.at >= since && predicate(s))?.at ?? null;
}

async function round(host: TrackedPage, kbit: number): Promise<Round> {
  const stepped = kbit <= 100 ? (s: LinkSample) => s.sentLevel === 'paused' : (s: LinkSample) => s.sentLevel !== null && s.sentLevel !== 'full';
  const limitedAt = Date.now();
  await limitLoopback(kbit);
  const down = await waitForSample(host.page, limitedAt, stepped, TIMEOUT_MS, `step-down at ${kbit} kbit/s`);
  await sleep(Math.max(0, limitedAt + HOLD_MS - Date.now()));
  const liftedAt = Date.now();
  await liftLoopbackLimit();
  const full = await waitForSample(host.page, liftedAt, (s) => s.sentLevel === 'full', TIMEOUT_MS, 'full quality after the lift');
  const samples = await readLinkRecorder(host.page);
  const below = firstAt(samples, limitedAt, (s) => s.available !== null && s.available < LEVEL_FLOOR.full);
  const above = firstAt(samples, liftedAt, (s) => s.available !== null && s.available >= LEVEL_FLOOR.full);
  if (process.env.BENCH_ADAPT_VERBOSE === '1') {
    // Each level change with the estimate at that moment, in ms from the limit.
    const changes = samples.filter((s, i) => s.at >= limitedAt && (i === 0 || s.sentLevel !== samples[i - 1]!.sentLevel));
    console.log(
      `  ${kbit} kbit/s, lift at ${liftedAt - limitedAt} ms: ${changes.map((s) => `${s.at - limitedAt} ${s.sentLevel} (${Math.round((s.available ?? 0) / 1000)}k)`).join(' → ')}`,
    );
  }
  // Let the call settle at full quality before the next round.
  await sleep(5_000);
  return {
    kbit,
    toStepDown: down.at - limitedAt,
    estimateBelow: below === null ? null : below - limitedAt,
    toFull: full.at - liftedAt,
    estimateAbove: above === null ? null : above - liftedAt,
  };
}

export async function measureAdapt(): Promise<void> {
  const smtp = new SmtpCapture();
  const server = await AppServer.start({ smtpUrl: await smtp.start(), env: { LOG_LEVEL: 'warn' } });
  const browser = await launchChromium();
  const rounds: Round[] = [];
  try {
    const host = await TrackedPage.open(browser, server.origin);
    const guest = await TrackedPage.open(browser, server.origin);
    const api = new Api(host.context.request, server.origin);
    await createHost(api, smtp);
    const email = uniqueEmail('bench.adapt');
    const consultation = await createConsultation(api, [{ name: 'Bea Bench', email }]);
    const link = await invitationLink(smtp, email, server.origin);
    await openHostRoom(host.page, consultation.id);
    await guest.page.goto(link, { waitUntil: 'domcontentloaded' });
    await enterWaitingRoom(guest.page);
    await admitByName(host.page, 'Bea Bench');
    await expectVideoDecoding(guest.page, 1, 'guest');
    await startLinkRecorder(host.page);
    await waitForSample(host.page, Date.now(), (s) => s.sentLevel === 'full', TIMEOUT_MS, 'full quality');
    for (let run = 0; run < ROUNDS; run += 1) {
      rounds.push(await round(host, 300));
      rounds.push(await round(host, 100));
    }
  } finally {
    await liftLoopbackLimit();
    await browser.close();
    await server.dispose();
    await smtp.stop();
  }

  const line = (values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? `${formatMs(summarise(known))}${known.length < values.length ? ` (${values.length - known.length} without)` : ''}` : 'not seen';
  };
  console.log(`\nAdaptation to a weak link (Chromium 1:1, tc tbf on loopback, ${ROUNDS} rounds per rate, held ${HOLD_MS / 1000} s, samples every 250 ms)`);
  for (const kbit of [300, 100]) {
    const of = rounds.filter((r) => r.kbit === kbit);
    const target = kbit <= 100 ? 'video paused' : 'video stepped down';
    const row = (label: string, values: (number | null)[]) => console.log(`  ${`${kbit} kbit/s: ${label}`.padEnd(62)} ${line(values)}`);
    row(
      `reference: limit → browser estimate below ${LEVEL_FLOOR.full / 1000} kbit/s`,
      of.map((r) => r.estimateBelow),
    );
    row(
      `limit → ${target}`,
      of.map((r) => r.toStepDown),
    );
    row(
      'reference: lift → estimate back above that floor',
      of.map((r) => r.estimateAbove),
    );
    row(
      'lift → full quality',
      of.map((r) => r.toFull),
    );
  }
}
