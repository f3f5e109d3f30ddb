import { sql } from 'drizzle-orm';
import { ApiClient, activeCustomer, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../server/test-support/app';
import { openTestDatabase } from '../server/test-support/database';
import { postgresReachable } from './postgres';
import { formatMs, sample, summarise, type Summary } from './stats';

/**
 * `npm run bench -- booking` (issue 10): slot search for a practice of 10 professionals over 8 weeks,
 * next to the raw SELECT of the same appointment rows; and bookings under contention (many patients
 * on the same few slots at once), next to plain single-row inserts on the same database. PGlite, and
 * PostgreSQL when reachable. Through the app's HTTP layer (inject), so validation, throttling and
 * sealing are in the figures.
 */

const PROFESSIONALS = 10;
const WEEKS = 8;
const SEARCH_ROUNDS = Number(process.env.BENCH_BOOKING_ROUNDS ?? 3);
const CONTENTION_ROUNDS = 3;
const SLOTS_PER_ROUND = 10;
const CONTENDERS_PER_SLOT = 10;
const BOOKED_PER_DAY = [60, 360];
const POSTGRES_URL = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// Thursday 15 January 2026; the 8 weeks searched start Monday 19 January (Berlin, UTC+1 all along).
const START = '2026-01-15T10:00:00Z';
const DAY = 24 * 60 * 60_000;
const FIRST_MONDAY = Date.parse('2026-01-19T00:00:00Z');
const localDay = (offsetDays: number) => new Date(FIRST_MONDAY + offsetDays * DAY).toISOString().slice(0, 10);
/** 08:00 Berlin on a day, plus minutes, as an instant. */
const at = (offsetDays: number, minutes: number) => new Date(FIRST_MONDAY + offsetDays * DAY + (7 * 60 + minutes) * 60_000).toISOString();

interface Practice {
  app: TestApp;
  professionals: { id: string; typeId: string; slug: string }[];
}

let address = 0;
/** Every request from its own client address, so the per-client limits do not shape the figures. */
const freshClient = (app: TestApp) =>
  new ApiClient(app, {}, `127.${20 + Math.floor(++address / 62_500)}.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`).init();
let patients = 0;
const patient = () => ({ name: 'Bea Bench', email: `bench.patient.${++patients}@example.org`, consent: true });

async function setUpPractice(app: TestApp, mailer: MemoryMailer): Promise<Practice> {
  const professionals: Practice['professionals'] = [];
  for (let index = 0; index < PROFESSIONALS; index += 1) {
    const { client } = await activeCustomer(app, mailer);
    const id = (await client.get('/api/profile')).json<{ id: string }>().id;
    // Monday to Friday 08:00–12:00 and 13:00–18:00: two ranges a day.
    const ranges = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, startMinute: 8 * 60, endMinute: 12 * 60 },
      { weekday, startMinute: 13 * 60, endMinute: 18 * 60 },
    ]);
    const hours = await client.put(`/api/appointments/professionals/${id}/hours`, { ranges, bufferMinutes: 5, minimumNoticeMinutes: 60, horizonDays: 70 });
    if (hours.statusCode !== 200) throw new Error(`hours: ${hours.body}`);
    const typeId = (await client.post('/api/appointment-types', { name: 'Kontrolle', durationMinutes: 15 })).json<{ id: string }>().id;
    const slug = `bench-${index}-${Date.now()}`;
    if ((await client.put('/api/booking-page', { slug, enabled: true })).statusCode !== 200) throw new Error('booking page');
    professionals.push({ id, typeId, slug });
  }
  // A calendar already partly full: on Tuesdays and Thursdays, two appointments a day each.
  for (const professional of professionals) {
    for (let week = 0; week < WEEKS; week += 1) {
      for (const day of [1, 3]) {
        for (const minutes of BOOKED_PER_DAY) {
          const booked = await (
            await freshClient(app)
          ).post(`/api/book/${professional.slug}`, {
            professionalId: professional.id,
            typeId: professional.typeId,
            startsAt: at(week * 7 + day, minutes),
            ...patient(),
          });
          if (booked.statusCode !== 202) throw new Error(`pre-booking: ${booked.body}`);
        }
      }
    }
  }
  return { app, professionals };
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function measureSearch({ app, professionals }: Practice): Promise<{ request: Summary; round: Summary; reference: Summary; referenceRound: Summary }> {
  const client = await freshClient(app);
  const requests: number[] = [];
  const references: number[] = [];
  const round = await sample(SEARCH_ROUNDS, () =>
    timed(async () => {
      for (const professional of professionals) {
        for (let week = 0; week < WEEKS; week += 1) {
          const query = new URLSearchParams({ professionalId: professional.id, typeId: professional.typeId, from: localDay(week * 7), days: '7' });
          requests.push(
            await timed(async () => {
              const response = await client.get(`/api/book/${professional.slug}/slots?${query.toString()}`);
              if (response.statusCode !== 200) throw new Error(`slots: ${response.body}`);
            }),
          );
        }
      }
    }),
  );
  // The reference: the same weeks' appointment rows, selected raw, nothing computed.
  const referenceRound = await sample(SEARCH_ROUNDS, () =>
    timed(async () => {
      for (const professional of professionals) {
        for (let week = 0; week < WEEKS; week += 1) {
          const from = new Date(FIRST_MONDAY + week * 7 * DAY);
          const to = new Date(from.getTime() + 7 * DAY);
          references.push(
            await timed(() =>
              app.database.db.execute(
                sql`select starts_at, ends_at from appointments where professional_account_id = ${professional.id} and starts_at >= ${from.toISOString()} and starts_at < ${to.toISOString()}`,
              ),
            ),
          );
        }
      }
    }),
  );
  return { request: summarise(requests), round, reference: summarise(references), referenceRound };
}

async function measureContention({ app, professionals }: Practice): Promise<{ bookings: Summary; requests: Summary; inserts: Summary; winnersOk: boolean }> {
  const professional = professionals[0]!;
  await app.database.db.execute(
    sql`create table if not exists bench_insert_reference (id uuid primary key default gen_random_uuid(), at timestamptz not null)`,
  );
  const bookingsPerSecond: number[] = [];
  const requestsPerSecond: number[] = [];
  const insertsPerSecond: number[] = [];
  let winnersOk = true;
  for (let round = 0; round < CONTENTION_ROUNDS; round += 1) {
    // Mondays of the searched weeks are free: 10 slots, 10 patients on each, all at once.
    const slots = Array.from({ length: SLOTS_PER_ROUND }, (_, index) => at(round * 7, index * 20));
    const clients = await Promise.all(Array.from({ length: SLOTS_PER_ROUND * CONTENDERS_PER_SLOT }, () => freshClient(app)));
    const started = performance.now();
    const answers = await Promise.all(
      clients.map((client, index) =>
        client.post(`/api/book/${professional.slug}`, {
          professionalId: professional.id,
          typeId: professional.typeId,
          startsAt: slots[index % SLOTS_PER_ROUND],
          ...patient(),
        }),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const won = answers.filter((answer) => answer.statusCode === 202).length;
    const lost = answers.filter((answer) => answer.statusCode === 409).length;
    if (won !== SLOTS_PER_ROUND || lost !== answers.length - won) winnersOk = false;
    bookingsPerSecond.push(won / seconds);
    requestsPerSecond.push(answers.length / seconds);

    const insertStarted = performance.now();
    await Promise.all(answers.map(() => app.database.db.execute(sql`insert into bench_insert_reference (at) values (now())`)));
    insertsPerSecond.push(answers.length / ((performance.now() - insertStarted) / 1000));
  }
  return { bookings: summarise(bookingsPerSecond), requests: summarise(requestsPerSecond), inserts: summarise(insertsPerSecond), winnersOk };
}

const formatRate = (summary: Summary) => `${summary.median.toFixed(1)}/s (range ${summary.min.toFixed(1)}–${summary.max.toFixed(1)}, n=${summary.n})`;

async function measureOn(kind: 'pglite' | 'postgres'): Promise<void> {
  const database = await openTestDatabase(kind === 'postgres' ? POSTGRES_URL : undefined);
  const mailer = new MemoryMailer();
  const app = await startTestApp({ database, mailer, clock: new ManualClock(START), env: { BCRYPT_COST: '4', LOG_LEVEL: 'silent' } });
  try {
    const practice = await setUpPractice(app, mailer);
    const search = await measureSearch(practice);
    const contention = await measureContention(practice);
    const ratio = (a: Summary, b: Summary) => (a.median / b.median).toFixed(1);
    console.log(
      `\nBooking on ${database.label}: ${PROFESSIONALS} professionals, ${WEEKS} weeks, ${PROFESSIONALS * WEEKS * 2 * BOOKED_PER_DAY.length} appointments already booked`,
    );
    console.log(`  slot search, one professional's week (GET .../slots)   ${formatMs(search.request)}`);
    console.log(`  reference: raw SELECT of that week's appointments       ${formatMs(search.reference)}   ratio ${ratio(search.request, search.reference)}×`);
    console.log(`  whole practice, 8 weeks (${PROFESSIONALS * WEEKS} searches) per round        ${formatMs(search.round)}`);
    console.log(
      `  reference: the ${PROFESSIONALS * WEEKS} raw SELECTs per round                ${formatMs(search.referenceRound)}   ratio ${ratio(search.round, search.referenceRound)}×`,
    );
    console.log(
      `  contention: ${SLOTS_PER_ROUND * CONTENDERS_PER_SLOT} bookings at once on ${SLOTS_PER_ROUND} slots   requests ${formatRate(contention.requests)}, bookings won ${formatRate(contention.bookings)}; exactly one per slot: ${contention.winnersOk ? 'yes' : 'NO'}`,
    );
    console.log(
      `  reference: ${SLOTS_PER_ROUND * CONTENDERS_PER_SLOT} plain single-row inserts at once      ${formatRate(contention.inserts)}   ratio ${(contention.inserts.median / contention.requests.median).toFixed(1)}× the booking requests`,
    );
  } finally {
    await app.close();
    await database.close();
  }
}

export async function measureBooking(): Promise<void> {
  await measureOn('pglite');
  if (await postgresReachable(POSTGRES_URL)) await measureOn('postgres');
}
