import { cookieNames } from '../server/http/auth';
import { activeCustomer, MemoryMailer, startTestApp } from '../server/test-support/app';

/**
 * The app under `npm run bench -- api`, in a process of its own so that the load generator does not
 * share its event loop: a logged-in customer holding CONSULTATIONS open consultations of two invited
 * guests each (what the dashboard lists) and APPOINTMENTS booked ones in the coming days (their week in
 * the practice's day view), then the port, that browser's cookies and the account's id on stdout.
 * PostgreSQL when TEST_DATABASE_URL is set, PGlite otherwise.
 */
const CONSULTATIONS = 5;
const APPOINTMENTS = 8;
const mailer = new MemoryMailer();
// Production's configuration, as a practice runs it: development and test add checks for programmers
// (the message guard's AsyncLocalStorage costs every promise an async hook) that production leaves out.
const production = process.env.BENCH_API_ENVIRONMENT !== 'test';
const productionEnv = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://praxis.example.org',
  BCRYPT_COST: '12',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  OPERATOR_NAME: 'Bench Praxisverbund',
  OPERATOR_ADDRESS: 'Benchstraße 1, 10115 Berlin',
  PRIVACY_CONTACT_EMAIL: 'datenschutz@example.org',
  PROCESSOR_HOSTING: 'self',
  SUPERVISORY_AUTHORITY: 'Bench-Aufsicht | Benchweg 2, 10115 Berlin | https://aufsicht.example.org',
};
const testApp = await startTestApp({ mailer, env: { LOG_LEVEL: 'silent', ...(production ? productionEnv : { BCRYPT_COST: '10' }) } });
const cookieNamesInUse = cookieNames(testApp.config.secureContext);
const { client } = await activeCustomer(testApp, mailer);
for (let index = 0; index < CONSULTATIONS; index += 1) {
  const guests = [0, 1].map((guest) => ({ name: `Bench Guest ${guest}`, email: `guest.${index}.${guest}@example.org` }));
  const created = await client.post('/api/consultations', { guests });
  if (created.statusCode !== 201) throw new Error(`creating a consultation failed: ${created.body}`);
}
await testApp.app.http.listen({ port: 0, host: '127.0.0.1' });
const { port } = testApp.app.http.server.address() as { port: number };
const cookie = [cookieNamesInUse.session, cookieNamesInUse.browser]
  .map((name) => [name, client.cookie(name)] as const)
  .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
  .map(([name, value]) => `${name}=${value}`)
  .join('; ');
const self = (await client.get('/api/session')).json<{ account: { id: string } }>().account.id;
// Their week in the practice's day view: APPOINTMENTS booked by phone over the next days.
await client.put(`/api/appointments/professionals/${self}/hours`, {
  ranges: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 8 * 60, endMinute: 18 * 60 })),
  minimumNoticeMinutes: 0,
});
const typeId = (await client.post('/api/appointment-types', { name: 'Sprechstunde', durationMinutes: 30 })).json<{ id: string }>().id;
const tomorrow = new Date();
tomorrow.setUTCHours(24 + 9, 0, 0, 0);
for (let index = 0; index < APPOINTMENTS; index += 1) {
  const startsAt = new Date(tomorrow.getTime() + Math.floor(index / 4) * 86_400_000 + (index % 4) * 3_600_000).toISOString();
  const booked = await client.post('/api/appointments', {
    professionalId: self,
    typeId,
    startsAt,
    name: `Bench Patient ${index}`,
    email: `patient.${index}@example.org`,
  });
  if (booked.statusCode !== 201) throw new Error(`booking an appointment failed: ${booked.body}`);
}
process.stdout.write(`${JSON.stringify({ port, cookie, self })}\n`);
process.on('SIGTERM', () => {
  void testApp.close().then(() => process.exit(0));
});
// The bench asks for this process's CPU time around each measured window.
process.on('message', () => {
  const usage = process.cpuUsage();
  process.send?.(usage.user + usage.system);
});
