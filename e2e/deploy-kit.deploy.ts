import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createConsultation, createHost, invitationLink, launchChromium, selectedPairs, SmtpCapture, TrackedPage, uniqueEmail } from './support';
import {
  CLIENT_ADDRESS,
  KIT,
  countFiles,
  createTestCertificate,
  filesHolding,
  KIT_DOMAIN,
  KitProcess,
  readEnvironmentFile,
  readUnit,
  renderKit,
  run,
  startCoturn,
  startPostgres,
  startRedis,
  type TestCertificate,
} from './support/kit';
import { expectVideoDecoding, sampleFrames } from './support/media';
import { pageRequest } from './support/page-request';
import { admitByName, enterWaitingRoom, openHostRoom, setMicrophone, waitForSnapshot } from './support/room';
import { repositoryRoot } from './support/server';
import { handshake, httpGet, httpsGet } from './support/tls-probe';

/**
 * The production kit (deploy/) as deploy/install.sh sets it up, proven end to end: nginx with a
 * certificate from a throw-away CA, two app processes in production mode started from the kit's
 * systemd unit and environment file, PostgreSQL from initdb, Redis and coturn with the kit's
 * settings. Chromium trusts the certificate by its key (--ignore-certificate-errors-spki-list), not
 * by ignoring errors. The browser reaches nginx and coturn on 192.0.2.1 (e2e/netns.sh), which is
 * therefore the client address that no log or data file may hold.
 */

const ORIGIN = `https://${KIT_DOMAIN}`;
const GUEST = 'Gerda Gastnah';
const APP_PORTS = ['3001', '3002'] as const;

describe('the production kit', () => {
  const smtp = new SmtpCapture();
  const secret = () => randomBytes(24).toString('hex');
  const passwords = { PG_PASSWORD: secret(), REDIS_PASSWORD: secret(), TURN_SECRET: secret() };
  const services: KitProcess[] = [];
  const apps: KitProcess[] = [];
  let root = '';
  let dirs: { etc: string; log: string; data: string };
  let cert: TestCertificate;
  let nginx: KitProcess;
  let browser: Browser;
  const pages: TrackedPage[] = [];
  let failed = false;
  const guestEmail = uniqueEmail('gerda');

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sz-kit-'));
    // nginx's workers run as www-data and PostgreSQL as postgres: they must reach their directories.
    await chmod(root, 0o755);
    dirs = { etc: path.join(root, 'etc'), log: path.join(root, 'log'), data: path.join(root, 'data') };
    for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
    cert = await createTestCertificate(dirs.etc, KIT_DOMAIN);
    // The unit runs the compiled server, as the installer builds it: built here, so it is never stale.
    const built = await run('npm', ['run', '--silent', 'build:server'], { cwd: repositoryRoot });
    if (built.code !== 0) throw new Error(`npm run build:server failed:\n${built.output.stderr}`);
    const smtpUrl = await smtp.start();
    const etc = (name: string) => path.join(dirs.etc, name);
    const vars: Record<string, string> = {
      ...passwords,
      DOMAIN: KIT_DOMAIN,
      PUBLIC_IP: CLIENT_ADDRESS,
      TURN_HOST: CLIENT_ADDRESS,
      TLS_CERT: cert.certFile,
      TLS_KEY: cert.keyFile,
      ACME_ROOT: path.join(dirs.data, 'acme'),
      NGINX_USER: 'www-data',
      NGINX_PID_FILE: path.join(dirs.data, 'nginx.pid'),
      NGINX_LOG_DIR: dirs.log,
      NGINX_TEMP_DIR: path.join(dirs.data, 'nginx'),
      NGINX_SITE: etc('sprechzimmer.conf'),
      APP_DIR: repositoryRoot,
      APP_ENV_FILE: etc('sprechzimmer.env'),
      PG_PORT: '5432',
      REDIS_PORT: '6379',
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      SMTP_URL: smtpUrl,
      MAIL_FROM: `Sprechzimmer <no-reply@${KIT_DOMAIN}>`,
      OPERATOR_NAME: 'Praxisverbund Kit GmbH',
      OPERATOR_ADDRESS: 'Domkloster 4, 50667 Köln, Deutschland',
      OPERATOR_EMAIL: `betrieb@${KIT_DOMAIN}`,
      PRIVACY_CONTACT_EMAIL: `datenschutz@${KIT_DOMAIN}`,
      PROCESSOR_HOSTING: 'self',
      SUPERVISORY_AUTHORITY: 'LDI NRW | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de',
    };
    await renderKit('nginx/nginx.conf.in', vars, etc('nginx.conf'));
    await renderKit('nginx/sprechzimmer.conf.in', vars, etc('sprechzimmer.conf'));
    const unit = await renderKit('systemd/sprechzimmer@.service.in', vars, etc('sprechzimmer@.service'));
    const environmentFile = readEnvironmentFile(await renderKit('app/sprechzimmer.env.in', vars, etc('sprechzimmer.env')));
    await renderKit('coturn/turnserver.conf.in', vars, etc('turnserver.conf'));
    await renderKit('redis/sprechzimmer.conf.in', vars, etc('redis.conf'));

    const [postgres, redis, turn] = await Promise.all([
      startPostgres(path.join(dirs.data, 'postgresql'), dirs.log, passwords.PG_PASSWORD),
      startRedis(etc('redis.conf'), path.join(dirs.data, 'redis'), dirs.log, passwords.REDIS_PASSWORD),
      startCoturn(etc('turnserver.conf'), path.join(dirs.data, 'coturn'), dirs.log),
    ]);
    services.push(postgres, redis, turn);

    // Both processes at once, as systemd starts them: migrations wait for each other (advisory lock).
    await Promise.all(
      APP_PORTS.map(async (port) => {
        const { environment, environmentFile: file, execStart } = readUnit(unit, port);
        expect(file).toBe(etc('sprechzimmer.env'));
        expect(environment.NODE_ENV).toBe('production');
        // systemd's StateDirectory= would create /var/lib/sprechzimmer/<port>; here it is the test's.
        const dataDir = path.join(dirs.data, 'app', port);
        await mkdir(dataDir, { recursive: true });
        const [command, ...args] = execStart;
        const app = new KitProcess(`app-${port}`, command!, args, {
          env: { PATH: process.env.PATH ?? '', HOME: root, ...environment, ...environmentFile, DATA_DIR: dataDir },
          cwd: repositoryRoot,
          logDir: dirs.log,
        });
        apps.push(app);
        await app.start(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 90_000);
      }),
    );
    apps.sort((a, b) => a.name.localeCompare(b.name));

    // Debian's package creates it (/var/lib/nginx); nginx creates the directories inside.
    await mkdir(vars.NGINX_TEMP_DIR!, { recursive: true });
    nginx = new KitProcess('nginx', 'nginx', ['-p', root, '-c', etc('nginx.conf'), '-g', 'daemon off;'], {
      env: { PATH: process.env.PATH ?? '' },
      logDir: dirs.log,
    });
    await nginx.start(async () => (await httpsGet(target(), '/healthz')).status === 200);
    services.push(nginx);

    browser = await launchChromium([`--ignore-certificate-errors-spki-list=${cert.spkiHash}`, `--host-resolver-rules=MAP ${KIT_DOMAIN} ${CLIENT_ADDRESS}`]);
  }, 150_000);

  afterAll(async () => {
    for (const page of pages) await page.close().catch((error: Error) => process.stderr.write(`closing a page: ${error.message}\n`));
    await browser?.close();
    await stopAll();
    await smtp.stop();
    if (failed || process.env.SZ_E2E_KEEP === '1') {
      for (const app of apps) process.stderr.write(`\n--- ${app.name} (last lines) ---\n${app.logs().split('\n').slice(-25).join('\n')}\n`);
      process.stderr.write(`e2e: kept ${root}\n`);
    } else if (root) {
      await rm(root, { recursive: true, force: true });
    }
  });

  /** In the order systemd would stop them: the proxy, the app processes, then what they use. */
  async function stopAll(): Promise<void> {
    for (const service of [nginx, ...apps, ...services.filter((s) => s !== nginx).reverse()]) await service?.kill('SIGTERM');
  }

  const target = () => ({ host: CLIENT_ADDRESS, servername: KIT_DOMAIN, ca: cert.caPem });

  it('serves TLS 1.2 and 1.3 only, with BSI suites, HTTP/2, HSTS and the redirect', async () => {
    try {
      for (const version of ['TLSv1', 'TLSv1.1'] as const) {
        const refused = await handshake(target(), { version });
        expect(refused, version).toEqual({ accepted: false, serverAlert: true, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
      }
      expect(await handshake(target(), { version: 'TLSv1.2', alpn: ['h2', 'http/1.1'] })).toMatchObject({
        accepted: true,
        protocol: 'TLSv1.2',
        cipher: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
        alpn: 'h2',
      });
      expect(await handshake(target(), { version: 'TLSv1.3' })).toMatchObject({ accepted: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' });
      // Suites outside TR-02102-2: CBC with SHA-1, ChaCha20 in TLS 1.2.
      expect(await handshake(target(), { version: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0' })).toMatchObject({
        accepted: false,
        serverAlert: true,
      });
      expect(await handshake(target(), { version: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-CHACHA20-POLY1305' })).toMatchObject({ accepted: false, serverAlert: true });

      const page = await httpsGet(target(), '/');
      expect(page.status).toBe(200);
      expect(page.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      const redirect = await httpGet(CLIENT_ADDRESS, KIT_DOMAIN, '/join?lang=de');
      expect(redirect.status).toBe(301);
      expect(redirect.headers.location).toBe(`${ORIGIN}/join?lang=de`);
    } catch (error) {
      failed = true;
      throw error;
    }
  });

  it('carries a relay-only consultation and keeps it when one app process dies', async () => {
    try {
      const host = await TrackedPage.open(browser, ORIGIN, { debugCall: true });
      const guest = await TrackedPage.open(browser, ORIGIN, { debugCall: true });
      pages.push(host, guest);
      await host.page.goto('/');
      const api = new Api(pageRequest(host.page), ORIGIN);
      // Registration, the confirmation mail over SMTP, login: all through nginx in the browser.
      const hostAccount = await createHost(api, smtp, { firstName: 'Karla', lastName: 'Kit' });
      const cookies = await host.context.cookies(ORIGIN);
      const session = cookies.find((cookie) => cookie.name.endsWith('sz_session'));
      expect(session).toMatchObject({ name: '__Host-sz_session', secure: true, httpOnly: true, path: '/' });
      for (const cookie of cookies) expect(cookie.name, 'every cookie of the app is __Host-').toMatch(/^__Host-/);

      const consultation = await createConsultation(api, [{ name: GUEST, email: guestEmail }]);
      await openHostRoom(host.page, consultation.id);
      await guest.page.goto(await invitationLink(smtp, guestEmail, ORIGIN));
      await enterWaitingRoom(guest.page);
      await admitByName(host.page, GUEST);
      await expectVideoDecoding(guest.page, 1, 'guest');
      await expectVideoDecoding(host.page, 1, 'host');
      for (const [name, page] of [
        ['host', host],
        ['guest', guest],
      ] as const) {
        const pairs = (await selectedPairs(page.page)).filter((pair) => pair.state !== null);
        expect(pairs.length, name).toBeGreaterThanOrEqual(1);
        for (const pair of pairs)
          expect({ local: pair.local, remote: pair.remote, protocol: pair.relayProtocol }, name).toEqual({ local: 'relay', remote: 'relay', protocol: 'udp' });
      }

      // Metrics: each process on its own loopback port (unit: METRICS_PORT=1<port>), never through nginx.
      const personal = [GUEST, guestEmail, hostAccount.email, 'Karla', consultation.id, CLIENT_ADDRESS];
      const scraped = await Promise.all(APP_PORTS.map(async (port) => (await fetch(`http://127.0.0.1:1${port}/metrics`)).text()));
      const total = (pattern: RegExp) => scraped.reduce((sum, text) => sum + Number(pattern.exec(text)?.[1] ?? 0), 0);
      expect(total(/^sprechzimmer_http_requests_total\{method="POST",route="\/api\/consultations",status="201"\} (\d+)$/m)).toBe(1);
      expect(total(/^sprechzimmer_rooms (\d+)$/m)).toBe(1);
      expect(total(/^sprechzimmer_signaling_connections (\d+)$/m)).toBe(2);
      // The registration's confirmation and the invitation; the host signs in in the browser where they
      // confirmed their address, which is known to the account since: no "new sign-in" mail.
      expect(total(/^sprechzimmer_messages_total\{channel="mail",outcome="sent"\} (\d+)$/m)).toBe(2);
      for (const text of scraped) for (const value of personal) expect(text).not.toContain(value);
      const proxied = await httpsGet(target(), '/metrics');
      expect(proxied.body).not.toContain('sprechzimmer_');

      // A crash of one process in the middle of the call: nginx sends the reconnecting sockets to the other.
      // nginx balances without stickiness: the process to kill is one that holds signaling sockets.
      const upgrades = (app: KitProcess) =>
        app
          .logs()
          .split('\n')
          .filter((line) => line.includes('"path":"/api/signaling"')).length;
      const victim = [...apps].sort((a, b) => upgrades(b) - upgrades(a))[0]!;
      expect(upgrades(victim)).toBeGreaterThan(0);
      const samplers = [sampleFrames(host.page), sampleFrames(guest.page)] as const;
      const noticed = Promise.any(
        [host, guest].map((page) => waitForSnapshot(page.page, (s) => s.signaling !== 'open', 15_000, 'signaling lost with its process')),
      );
      await victim.kill('SIGKILL');
      await noticed;
      await waitForSnapshot(host.page, (s) => s.signaling === 'open' && s.participants[0]?.online === true, 45_000, 'host signaling back');
      await waitForSnapshot(guest.page, (s) => s.signaling === 'open', 45_000, 'guest signaling back');
      const [hostFrames, guestFrames] = await Promise.all([samplers[0].stop(), samplers[1].stop()]);
      expect(hostFrames.at(-1)!).toBeGreaterThan(hostFrames[0]!);
      expect(guestFrames.at(-1)!).toBeGreaterThan(guestFrames[0]!);
      await setMicrophone(guest.page, false);
      await waitForSnapshot(host.page, (s) => s.participants[0]?.media.audio === false, 15_000, 'mute reaches the host through the other process');
      await expectVideoDecoding(host.page, 1, 'host after the crash');
      expect([...host.pageErrors, ...guest.pageErrors]).toEqual([]);
    } catch (error) {
      failed = true;
      throw error;
    }
  }, 150_000);

  it('installs a valid, hardened systemd unit and an installer that shows its plan first', async () => {
    const unit = path.join(dirs.etc, 'sprechzimmer@3001.service');
    await symlink(path.join(dirs.etc, 'sprechzimmer@.service'), unit);
    const verify = await run('systemd-analyze', ['verify', unit]);
    expect(verify.output.stderr + verify.output.stdout).toBe('');
    expect(verify.code).toBe(0);
    const security = await run('systemd-analyze', ['security', '--offline=true', unit]);
    const exposure = Number(/Overall exposure level for [^:]+: ([\d.]+)/.exec(security.output.stdout)?.[1]);
    // systemd's scale: 0–10, up to 2 is "OK"; Debian's own units are mostly 9+ ("UNSAFE").
    expect(exposure).toBeLessThanOrEqual(2);

    const plan = await run('bash', [path.join(KIT, 'install.sh'), '--dry-run', path.join(KIT, 'settings.example')]);
    expect(plan.code).toBe(0);
    expect(plan.output.stdout).toContain('plan for https://video.praxis-beispiel.de');
    expect(plan.output.stdout).toContain('(dry run: nothing changed)');
    const incomplete = path.join(dirs.etc, 'incomplete.settings');
    await writeFile(incomplete, 'DOMAIN=video.example.org\n');
    const refused = await run('bash', [path.join(KIT, 'install.sh'), '--dry-run', incomplete]);
    expect(refused.code).toBe(2);
    expect(refused.output.stderr).toContain('set PUBLIC_IP ADMIN_EMAIL SMTP_URL');
  });

  it('keeps the client address and the guest name out of every log and data file', async () => {
    try {
      // Stopped first, so that every process has written what it keeps (WAL, logs, Redis) to disk.
      for (const page of pages.splice(0)) await page.close();
      await stopAll();
      const scanned = [dirs.log, dirs.data];
      expect(await countFiles(scanned)).toBeGreaterThan(100);
      // The scan would see them: the access log has a line per request, the app its start banner.
      expect(await readFile(path.join(dirs.log, 'access.log'), 'utf8')).toMatch(/ GET \/api\/session 200 /);
      expect(await filesHolding(scanned, [CLIENT_ADDRESS, GUEST, guestEmail])).toEqual([]);
    } catch (error) {
      failed = true;
      throw error;
    }
  });
});
