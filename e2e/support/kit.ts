import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stunBinding } from './coturn';
import { repositoryRoot } from './server';

/**
 * The production kit (deploy/) started the way deploy/install.sh configures it, inside the test's
 * network namespace: every configuration file is rendered from the kit's templates by the kit's
 * own deploy/render.sh, and only paths move into the test's directory (the namespace has its own
 * ports, so 80, 443, 3001, 3002, 3478, 5432 and 6379 are the production ones).
 */

export const KIT = path.join(repositoryRoot, 'deploy');
export const KIT_DOMAIN = 'sprechzimmer.test';
/** The address of v0 in e2e/netns.sh: the browser reaches nginx and coturn on it, so it is the client's address. */
export const CLIENT_ADDRESS = '192.0.2.1';

/** Renders a kit template with exactly `vars` (and PATH): a placeholder the test does not know fails. */
export async function renderKit(template: string, vars: Record<string, string>, target: string): Promise<string> {
  const { code, output } = await run('bash', [path.join(KIT, 'render.sh'), path.join(KIT, template)], { env: { PATH: process.env.PATH ?? '', ...vars } });
  if (code !== 0) throw new Error(`render.sh ${template} failed:\n${output.stderr}`);
  await writeFile(target, output.stdout);
  return output.stdout;
}

export async function run(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; input?: string } = {},
): Promise<{ code: number | null; output: { stdout: string; stderr: string } }> {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    cwd: options.cwd,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  child.stdin?.end(options.input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  return { code, output };
}

async function mustRun(command: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<string> {
  const { code, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output.stdout}${output.stderr}`);
  return output.stdout;
}

export interface TestCertificate {
  caPem: string;
  certFile: string;
  keyFile: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiHash: string;
}

/** A throw-away CA (ECDSA P-256) and a server certificate for `domain` signed by it. */
export async function createTestCertificate(dir: string, domain: string): Promise<TestCertificate> {
  const file = (name: string) => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  await mustRun('openssl', [
    'req',
    '-x509',
    ...ec,
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '1',
    '-subj',
    '/CN=Sprechzimmer throw-away test CA',
  ]);
  await mustRun('openssl', ['req', ...ec, '-keyout', file('server.key'), '-out', file('server.csr'), '-subj', `/CN=${domain}`]);
  await writeFile(file('server.ext'), `subjectAltName=DNS:${domain}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  await mustRun('openssl', [
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file('server.pem'),
    '-days',
    '1',
    '-extfile',
    file('server.ext'),
  ]);
  const spki = new X509Certificate(await readFile(file('server.pem'))).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caPem: await readFile(file('ca.pem'), 'utf8'),
    certFile: file('server.pem'),
    keyFile: file('server.key'),
    spkiHash: createHash('sha256').update(spki).digest('base64'),
  };
}

const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of living) child.kill('SIGKILL');
});

/**
 * A long-running service of the kit. Its stdout and stderr go to `<logDir>/<name>.out`, as systemd
 * would put them into the journal, so the address check reads them too.
 */
export class KitProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;
  private output = '';

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { env: Record<string, string>; cwd?: string; logDir: string },
  ) {}

  get running(): boolean {
    return this.child !== undefined;
  }

  logs(): string {
    return this.output;
  }

  async start(ready: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
    const log = createWriteStream(path.join(this.options.logDir, `${this.name}.out`), { flags: 'a' });
    const child = spawn(this.command, this.args, { env: this.options.env, cwd: this.options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    living.add(child);
    const record = (chunk: Buffer) => {
      this.output += chunk.toString();
      log.write(chunk);
    };
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    let stopped: string | undefined;
    this.exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        stopped = error.message;
        resolve();
      });
      child.once('exit', (code, signal) => {
        living.delete(child);
        stopped = `exit ${code}, signal ${signal}`;
        if (this.child === child) this.child = undefined;
        log.end();
        resolve();
      });
    });
    const deadline = Date.now() + timeoutMs;
    // Not answering yet is the expected failure while it starts; the last one is named at the deadline.
    let notReady: unknown;
    for (;;) {
      if (stopped) throw new Error(`${this.name} stopped before it was ready (${stopped}):\n${this.output}`);
      try {
        if (await ready()) return;
        notReady = 'answered, not ready';
      } catch (error) {
        notReady = error;
      }
      if (Date.now() > deadline) throw new Error(`${this.name} was not ready within ${timeoutMs} ms (${String(notReady)}):\n${this.output}`);
      await sleep(100);
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL after 10 s). */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.exited) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** `Environment=` lines, `EnvironmentFile=` and `ExecStart=` of a systemd unit, with `%i` replaced. */
export function readUnit(unit: string, instance: string): { environment: Record<string, string>; environmentFile: string; execStart: string[] } {
  const environment: Record<string, string> = {};
  let environmentFile = '';
  let execStart: string[] = [];
  for (const line of unit.split('\n').map((l) => l.trim().replaceAll('%i', instance))) {
    const [key, ...rest] = line.split('=');
    const value = rest.join('=');
    if (key === 'Environment') {
      const [name, ...parts] = value.split('=');
      environment[name!] = parts.join('=');
    } else if (key === 'EnvironmentFile') environmentFile = value;
    else if (key === 'ExecStart') execStart = value.split(/\s+/);
  }
  return { environment, environmentFile, execStart };
}

/** KEY=value lines as systemd's EnvironmentFile= reads them (the kit writes no quotes). */
export function readEnvironmentFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const at = line.indexOf('=');
    values[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return values;
}

/** A fresh PostgreSQL cluster (initdb, as the `postgres` user) with the kit's conf.d file, on 127.0.0.1:5432. */
export async function startPostgres(dataDir: string, logDir: string, password: string): Promise<KitProcess> {
  const bin = await postgresBin();
  await mkdir(dataDir, { recursive: true });
  await chmod(dataDir, 0o700);
  await mustRun('chown', ['postgres:postgres', dataDir]);
  const asPostgres = (command: string, args: string[]) => mustRun('runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]);
  await asPostgres('initdb', ['-D', dataDir, '--auth-local=peer', '--auth-host=scram-sha-256', '-U', 'postgres', '--no-sync']);
  // As Debian's packaging does: the cluster includes conf.d, where the kit's file goes.
  const conf = path.join(dataDir, 'postgresql.conf');
  await writeFile(conf, `${await readFile(conf, 'utf8')}\ninclude_dir = 'conf.d'\nunix_socket_directories = '${dataDir}'\nport = 5432\n`);
  await mkdir(path.join(dataDir, 'conf.d'));
  await writeFile(path.join(dataDir, 'conf.d/sprechzimmer.conf'), await readFile(path.join(KIT, 'postgresql/sprechzimmer.conf')));
  await mustRun('chown', ['-R', 'postgres:postgres', dataDir]);
  const server = new KitProcess('postgresql', 'runuser', ['-u', 'postgres', '--', path.join(bin, 'postgres'), '-D', dataDir], {
    env: { PATH: process.env.PATH ?? '' },
    logDir,
  });
  await server.start(async () => (await run(path.join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', '5432'])).code === 0);
  // The database and role as deploy/install.sh creates them.
  const sql = await readFile(path.join(KIT, 'postgresql/create-database.sql'), 'utf8');
  await mustRun('runuser', ['-u', 'postgres', '--', path.join(bin, 'psql'), '-h', dataDir, '-v', 'ON_ERROR_STOP=1', '-d', 'postgres'], {
    input: `\\set password '${password}'\n${sql}`,
  });
  return server;
}

async function postgresBin(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
  if (!versions[0]) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

/** redis-server with the kit's settings file; only the working directory moves to the test's. */
export async function startRedis(configFile: string, dataDir: string, logDir: string, password: string): Promise<KitProcess> {
  await mkdir(dataDir, { recursive: true });
  const redis = new KitProcess('redis', 'redis-server', [configFile, '--dir', dataDir, '--daemonize', 'no', '--logfile', ''], {
    env: { PATH: process.env.PATH ?? '' },
    logDir,
  });
  await redis.start(async () => (await run('redis-cli', ['-h', '127.0.0.1', '-a', password, '--no-auth-warning', 'ping'])).output.stdout.trim() === 'PONG');
  return redis;
}

/** coturn with the kit's turnserver.conf; its user database and pid file move to the test's directory. */
export async function startCoturn(configFile: string, dataDir: string, logDir: string): Promise<KitProcess> {
  await mkdir(dataDir, { recursive: true });
  const turn = new KitProcess(
    'coturn',
    process.env.TURNSERVER_PATH ?? 'turnserver',
    ['-c', configFile, `--userdb=${path.join(dataDir, 'turndb')}`, `--pidfile=${path.join(dataDir, 'turnserver.pid')}`],
    { env: { PATH: process.env.PATH ?? '' }, logDir },
  );
  await turn.start(() => stunBinding(3478, 300, CLIENT_ADDRESS));
  return turn;
}

/**
 * Every file under `dirs` whose bytes contain one of `needles` (as UTF-8), with the needle found:
 * logs, databases, WAL, Redis and coturn state alike.
 */
export async function filesHolding(dirs: string[], needles: string[]): Promise<string[]> {
  const found: string[] = [];
  // A file that cannot be read fails the scan: skipping it could hide the very address it looks for.
  // Only a file that went away meanwhile (a process's lock or socket) is passed over.
  const visit = async (entry: string): Promise<void> => {
    const kind = await lstat(entry).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!kind || kind.isSymbolicLink()) return;
    if (kind.isDirectory()) {
      for (const item of await readdir(entry)) await visit(path.join(entry, item));
      return;
    }
    // Sockets and FIFOs hold no stored bytes (and reading a FIFO would block).
    if (!kind.isFile()) return;
    const bytes = await readFile(entry);
    for (const needle of needles) if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${entry}: ${needle}`);
  };
  for (const dir of dirs) await visit(dir);
  return found;
}

/** How many files (not directories) lie under `dirs`: a scan of nothing proves nothing. */
export async function countFiles(dirs: string[]): Promise<number> {
  let count = 0;
  for (const dir of dirs) {
    for (const item of await readdir(dir, { withFileTypes: true, recursive: true })) if (item.isFile()) count += 1;
  }
  return count;
}
