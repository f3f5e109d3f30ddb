import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import bcrypt from 'bcrypt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database';
import { operators, operatorSessions } from '../db/schema';
import { SEALED_PATTERN } from '../security/field-crypto';
import { sha256 } from '../security/tokens';
import { SESSION_IDLE_TIMEOUT_MS } from '../sessions/policy';
import { activeCustomer, ApiClient, ManualClock, MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { totpCodeAt } from '../second-factor/totp';
import { signInOperator } from '../test-support/operators';
import { runOperatorCommand, type CliIo } from './cli';

const PASSWORD = 'operator staff passphrase';
let address = 0;
const browser = (testApp: TestApp) => new ApiClient(testApp, {}, `127.40.0.${++address}`).init();

function io(password: string): CliIo & { lines: string[]; asked: number } {
  const lines: string[] = [];
  const result = {
    lines,
    asked: 0,
    readPassword: async () => {
      result.asked += 1;
      return password;
    },
    out: (line: string) => lines.push(line),
  };
  return result;
}

describe('operator staff (platform role)', () => {
  let testApp: TestApp;
  const mailer = new MemoryMailer();
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    testApp = await startTestApp({ mailer, clock });
  });
  afterAll(async () => testApp.close());

  /** The password step alone. */
  const login = async (client: ApiClient, email: string, password = PASSWORD) => client.post('/api/operator/session', { email, password });
  /** The whole sign-in: password, then the authenticator app set up with its first code (issue 12). */
  const signIn = async (client: ApiClient, email: string) => signInOperator(testApp, client, email, PASSWORD);

  it('are created by the CLI with the password from stdin, never from the arguments', async () => {
    const terminal = io(PASSWORD);
    const code = await runOperatorCommand(['create', '--email', 'Otto@Operator.Example', '--name', 'Otto Operator'], terminal, testApp.app.operators);
    expect(code).toBe(0);
    expect(terminal.asked).toBe(1);
    const [row] = await testApp.database.db.select().from(operators);
    // Name and address are encrypted at rest (P-21); the login finds the address by its blind index.
    expect(row!.email).toMatch(SEALED_PATTERN);
    expect(row!.name).toMatch(SEALED_PATTERN);
    expect(JSON.stringify(row)).not.toMatch(/otto/i);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    expect(await testApp.app.operators.authenticate('otto@operator.example', PASSWORD, { address: '127.0.0.1' })).toMatchObject({ id: row!.id });

    const withPassword = io(PASSWORD);
    expect(
      await runOperatorCommand(['create', '--email', 'x@operator.example', '--name', 'X', '--password', PASSWORD], withPassword, testApp.app.operators),
    ).toBe(2);
    expect(withPassword.asked).toBe(0);
    const duplicate = io(PASSWORD);
    expect(await runOperatorCommand(['create', '--email', 'otto@operator.example', '--name', 'Otto Again'], duplicate, testApp.app.operators)).toBe(1);
    expect(duplicate.lines.join('\n')).toMatch(/exists already/);
    const weak = io('passwort123');
    expect(await runOperatorCommand(['create', '--email', 'weak@operator.example', '--name', 'Weak'], weak, testApp.app.operators)).toBe(1);
    const short = io('short');
    expect(await runOperatorCommand(['create', '--email', 'short@operator.example', '--name', 'Short'], short, testApp.app.operators)).toBe(1);
    expect(await runOperatorCommand(['delete', '--email', 'otto@operator.example', '--name', 'O'], io(PASSWORD), testApp.app.operators)).toBe(2);
    expect(await testApp.database.db.select().from(operators)).toHaveLength(1);
  });

  it('are removed by the CLI when they leave, and their login ends at once', async () => {
    await testApp.app.operators.create({ email: 'leaving@operator.example', name: 'Leaving', password: PASSWORD });
    const client = await browser(testApp);
    await signIn(client, 'leaving@operator.example');
    const terminal = io(PASSWORD);
    expect(await runOperatorCommand(['remove', '--email', 'Leaving@Operator.Example'], terminal, testApp.app.operators)).toBe(0);
    expect(terminal.asked).toBe(0);
    expect((await client.get('/api/operator/tickets')).statusCode).toBe(401);
    expect((await login(await browser(testApp), 'leaving@operator.example')).statusCode).toBe(401);
    expect(await runOperatorCommand(['remove', '--email', 'leaving@operator.example'], io(PASSWORD), testApp.app.operators)).toBe(1);
  });

  it('log in with a cookie of their own (HttpOnly, SameSite=Strict, stored as a hash) that no customer route accepts', async () => {
    await testApp.app.operators.create({ email: 'olga@operator.example', name: 'Olga Operator', password: PASSWORD });
    const client = await browser(testApp);
    // The password alone earns the set-up of the second factor, never the operator cookie.
    const password = await login(client, 'olga@operator.example');
    expect(password.json()).toEqual({ operator: null, secondFactor: 'enrol' });
    expect(password.cookies.find((entry) => entry.name === 'sz_operator')?.value ?? '').toBe('');
    const { secret } = (await client.post('/api/operator/session/totp')).json<{ secret: string }>();
    const response = await client.post('/api/operator/session/totp/confirm', { code: totpCodeAt(secret, clock.now()) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      operator: { id: expect.any(String), name: 'Olga Operator', email: 'olga@operator.example' },
      recoveryCodes: expect.any(Array),
    });
    const cookie = response.cookies.find((entry) => entry.name === 'sz_operator');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const hashes = (await testApp.database.db.select().from(operatorSessions)).map((row) => row.idHash);
    expect(hashes).toContain(sha256(cookie!.value));
    expect((await client.get('/api/operator/session')).json().operator.name).toBe('Olga Operator');
    for (const url of ['/api/profile', '/api/consultations', '/api/contacts', '/api/activity']) {
      expect((await client.get(url)).statusCode, url).toBe(401);
    }
    expect((await client.get('/api/session')).json().account).toBeNull();
  });

  it('give the same answer for an unknown address and a wrong password, and are locked after 5 failures', async () => {
    await testApp.app.operators.create({ email: 'lock@operator.example', name: 'Locked Out', password: PASSWORD });
    const client = await browser(testApp);
    const wrong = await login(client, 'lock@operator.example', 'not the password');
    const unknown = await login(client, 'nobody@operator.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    for (let attempt = 0; attempt < 4; attempt += 1) await login(await browser(testApp), 'lock@operator.example', `wrong ${attempt}`);
    expect((await login(await browser(testApp), 'lock@operator.example')).statusCode).toBe(429);
  });

  it('cannot log in with a customer account, nor a customer with operator credentials', async () => {
    const customer = await activeCustomer(testApp, mailer);
    expect((await login(await browser(testApp), customer.email, customer.password)).statusCode).toBe(401);
    await testApp.app.operators.create({ email: 'both@operator.example', name: 'Bo Both', password: PASSWORD });
    const customerLogin = await (await browser(testApp)).post('/api/session', { email: 'both@operator.example', password: PASSWORD });
    expect(customerLogin.statusCode).toBe(401);
  });

  it('keep a customer login in the same browser apart: each logs out on its own', async () => {
    const customer = await activeCustomer(testApp, mailer);
    await testApp.app.operators.create({ email: 'two@operator.example', name: 'Two Hats', password: PASSWORD });
    await signIn(customer.client, 'two@operator.example');
    expect((await customer.client.get('/api/profile')).statusCode).toBe(200);
    expect((await customer.client.get('/api/operator/tickets')).statusCode).toBe(200);
    const operatorCookie = customer.client.cookie('sz_operator');
    expect((await customer.client.delete('/api/operator/session')).json()).toEqual({ operator: null });
    expect((await customer.client.get('/api/operator/tickets')).statusCode).toBe(401);
    expect((await customer.client.get('/api/profile')).statusCode).toBe(200);
    const replay = await testApp.app.http.inject({ method: 'GET', url: '/api/operator/session', headers: { cookie: `sz_operator=${operatorCookie}` } });
    expect(replay.statusCode).toBe(401);
  });

  it('download the Art. 30 record rendered from the data inventory, naming the contact-form processing', async () => {
    await testApp.app.operators.create({ email: 'record@operator.example', name: 'Record Keeper', password: PASSWORD });
    const client = await browser(testApp);
    await signIn(client, 'record@operator.example');
    const german = (await client.get('/api/operator/art30')).json<{ markdown: string; record: Record<string, unknown> }>();
    expect(german.markdown).toContain('Verzeichnis von Verarbeitungstätigkeiten');
    expect(german.markdown).toContain('Kontaktanfragen');
    expect(german.markdown).toContain('2 Jahre nach Abschluss der Anfrage');
    const english = (await client.get('/api/operator/art30?lang=en')).json<{ markdown: string; record: Record<string, unknown> }>();
    expect(english.markdown).toContain('Contact requests');
    expect(JSON.stringify(english.record)).toContain('Operator area');
  });

  it('lift a restriction the customer set, after which the customer logs in again (Art. 18)', async () => {
    const customer = await activeCustomer(testApp, mailer);
    const restrictedId = (await customer.client.get('/api/profile')).json<{ id: string }>().id;
    expect((await customer.client.post('/api/privacy/restrict', { currentPassword: customer.password })).statusCode).toBeLessThan(300);
    const refused = await (await browser(testApp)).post('/api/session', { email: customer.email, password: customer.password });
    expect(refused.json().error.code).toBe('account_restricted');

    await testApp.app.operators.create({ email: 'lifter@operator.example', name: 'Lifter', password: PASSWORD });
    const staff = await browser(testApp);
    await signIn(staff, 'lifter@operator.example');
    const listed = (await staff.get('/api/operator/restrictions')).json<{ accounts: { id: string; email: string }[] }>().accounts;
    expect(listed).toContainEqual(expect.objectContaining({ id: restrictedId, email: customer.email }));
    expect((await staff.post(`/api/operator/restrictions/${restrictedId}/lift`)).statusCode).toBe(200);
    expect((await staff.post(`/api/operator/restrictions/${restrictedId}/lift`)).statusCode).toBe(404);
    expect((await staff.get('/api/operator/restrictions')).json().accounts.map((entry: { id: string }) => entry.id)).not.toContain(restrictedId);
    expect((await (await browser(testApp)).post('/api/session', { email: customer.email, password: customer.password })).statusCode).toBe(200);
  });

  it('end after 30 idle minutes like any login', async () => {
    await testApp.app.operators.create({ email: 'idle@operator.example', name: 'Idle', password: PASSWORD });
    const client = await browser(testApp);
    await signIn(client, 'idle@operator.example');
    clock.advance(SESSION_IDLE_TIMEOUT_MS - 60_000);
    expect((await client.get('/api/operator/tickets')).statusCode).toBe(200);
    clock.advance(SESSION_IDLE_TIMEOUT_MS);
    const ended = await client.get('/api/operator/tickets');
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('operator_login_required');
  });
});

describe('npm run operator -- create', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-operator-cli-'));
  });
  afterAll(async () => rm(dataDir, { recursive: true, force: true }));

  it('reads the password from stdin and stores only its bcrypt hash', async () => {
    const child = spawn('npm', ['run', '--silent', 'operator', '--', 'create', '--email', 'cli@operator.example', '--name', 'Cli Staff'], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', BCRYPT_COST: '4', NODE_ENV: 'test', LOG_LEVEL: 'silent' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end(`${PASSWORD}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, output).toBe(0);
    expect(output).toContain('created');
    expect(output).not.toContain(PASSWORD);
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const [row] = await database.db.select().from(operators);
      // Sealed with the key the CLI settled on in DATA_DIR, the one the server will use.
      expect(row?.email).toMatch(SEALED_PATTERN);
      expect(existsSync(path.join(dataDir, 'encryption.key'))).toBe(true);
      expect(row?.passwordHash).toMatch(/^\$2b\$04\$/);
      expect(await bcrypt.compare(PASSWORD, row!.passwordHash)).toBe(false);
    } finally {
      await database.close();
    }
  }, 60_000);
});
