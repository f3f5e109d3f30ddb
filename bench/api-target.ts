import { activeCustomer, MemoryMailer, startTestApp } from '../server/test-support/app';

/**
 * The app under `npm run bench -- api`, in a process of its own so that the load generator does not
 * share its event loop: a logged-in customer holding CONSULTATIONS open consultations of two invited
 * guests each (what the dashboard lists), then the port and that browser's cookies on stdout.
 * PostgreSQL when TEST_DATABASE_URL is set, PGlite otherwise.
 */
const CONSULTATIONS = 5;
const mailer = new MemoryMailer();
const testApp = await startTestApp({ mailer, env: { LOG_LEVEL: 'silent', BCRYPT_COST: '10' } });
const { client } = await activeCustomer(testApp, mailer);
for (let index = 0; index < CONSULTATIONS; index += 1) {
  const guests = [0, 1].map((guest) => ({ name: `Bench Guest ${guest}`, email: `guest.${index}.${guest}@example.org` }));
  const created = await client.post('/api/consultations', { guests });
  if (created.statusCode !== 201) throw new Error(`creating a consultation failed: ${created.body}`);
}
await testApp.app.http.listen({ port: 0, host: '127.0.0.1' });
const { port } = testApp.app.http.server.address() as { port: number };
const cookie = ['sz_session', 'sz_browser']
  .map((name) => [name, client.cookie(name)] as const)
  .filter((pair): pair is readonly [string, string] => pair[1] !== undefined)
  .map(([name, value]) => `${name}=${value}`)
  .join('; ');
process.stdout.write(`${JSON.stringify({ port, cookie })}\n`);
process.on('SIGTERM', () => {
  void testApp.close().then(() => process.exit(0));
});
// The bench asks for this process's CPU time around each measured window.
process.on('message', () => {
  const usage = process.cpuUsage();
  process.send?.(usage.user + usage.system);
});
