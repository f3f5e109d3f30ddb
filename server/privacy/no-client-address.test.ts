import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../clock';
import { loadConfig } from '../config/config';
import { openDatabase, type Database } from '../db/database';
import { buildApp, type App } from '../http/app';
import { OutboxMailer } from '../notify/mailer';
import { OutboxSmsSender } from '../notify/sms';
import { MemoryAttemptCounter } from '../throttle/limiter';
import { registrationBody, TEST_DATA_KEY } from '../test-support/app';
import { FieldCipher } from '../security/field-crypto';

/**
 * P-03: the client's address is never stored. A real server on a file-backed database is
 * called from a marked loopback address with a marked X-Forwarded-For; afterwards neither marker
 * (nor the e-mail, password, token or session id) may appear in any file or log line.
 */

const CLIENT_ADDRESS = '127.0.0.77';
const FORWARDED_MARKER = '198.51.100.231';

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

function call(port: number, method: string, url: string, headers: Record<string, string>, body?: unknown) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        localAddress: CLIENT_ADDRESS,
        headers: {
          'x-forwarded-for': FORWARDED_MARKER,
          forwarded: `for=${FORWARDED_MARKER}`,
          'x-real-ip': FORWARDED_MARKER,
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

describe('no client address anywhere (P-03)', () => {
  let dataDir: string;
  let database: Database;
  let app: App;
  let outbox: OutboxMailer;
  let port = 0;
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'sz-privacy-'));
    // Trusting one proxy hop is the setting under which a forwarded address is most at risk.
    const config = loadConfig({ NODE_ENV: 'test', BCRYPT_COST: '4', LOG_LEVEL: 'trace', DATA_DIR: dataDir, TRUST_PROXY_HOPS: '1' });
    database = await openDatabase({ kind: 'pglite', dataDir });
    outbox = new OutboxMailer(path.join(dataDir, 'outbox'), (line) => logLines.push(line));
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString()));
    app = await buildApp({
      config,
      database,
      mailer: outbox,
      sms: new OutboxSmsSender(path.join(dataDir, 'outbox'), (line) => logLines.push(line)),
      clock: systemClock,
      attempts: new MemoryAttemptCounter(systemClock),
      throttleSecret: Buffer.alloc(32, 1),
      cipher: new FieldCipher(TEST_DATA_KEY),
      logStream,
    });
    await app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (app.http.server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await app.http.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps neither the socket address nor a forwarded one in files or logs', async () => {
    const start = await call(port, 'GET', '/api/session', {});
    const browserCookie = start.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    const csrf = JSON.parse(start.body).csrfToken as string;
    const headers = { cookie: browserCookie, 'x-csrf-token': csrf };
    const body = registrationBody({ email: 'marked.person@example.org', password: 'marked secret passphrase' });

    expect((await call(port, 'POST', '/api/accounts', headers, body)).status).toBe(202);
    const [mail] = await outbox.list();
    const token = new URL(mail!.links[0]!).hash.slice(1);
    expect((await call(port, 'POST', '/api/accounts/confirm-email', headers, { token, password: body.password })).status).toBe(200);
    expect((await call(port, 'POST', '/api/session', headers, { email: body.email, password: 'wrong password here' })).status).toBe(401);
    const login = await call(port, 'POST', '/api/session', headers, { email: body.email, password: body.password });
    expect(login.status).toBe(200);
    const sessionCookie = login.headers['set-cookie']?.[0]?.split(';')[0] ?? '';
    const sessionId = sessionCookie.split('=')[1] ?? '';
    const loggedIn = { cookie: `${browserCookie}; ${sessionCookie}`, 'x-csrf-token': JSON.parse(login.body).csrfToken };
    expect((await call(port, 'GET', '/api/profile', loggedIn)).status).toBe(200);
    expect((await call(port, 'GET', `/api/profile?email=${body.email}&token=${token}`, loggedIn)).status).toBe(200);
    expect((await call(port, 'POST', '/api/profile/password', loggedIn, { nonsense: true })).status).toBe(422);
    expect((await call(port, 'DELETE', '/api/session', loggedIn)).status).toBe(200);
    await database.close();

    const logs = logLines.join('');
    expect(logs).toContain('request completed');
    for (const marker of [CLIENT_ADDRESS, FORWARDED_MARKER]) {
      expect(logs, `log holds ${marker}`).not.toContain(marker);
      for (const file of await filesUnder(dataDir)) {
        const content = await readFile(file);
        expect(content.includes(marker), `${path.relative(dataDir, file)} holds ${marker}`).toBe(false);
      }
    }
    const logsWithoutOutbox = logLines.filter((line) => !line.startsWith('[outbox]')).join('');
    for (const secret of [body.email, body.password, 'wrong password here', token, sessionId, csrf]) {
      expect(logsWithoutOutbox, 'log holds a personal value or secret').not.toContain(secret);
    }
    database = await openDatabase({ kind: 'pglite', dataDir });
  });
});
