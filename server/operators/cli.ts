import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { PasswordHasher } from '../accounts/passwords';
import { bcryptRunner } from '../accounts/bcrypt-threads';
import { HashingPool } from '../accounts/hashing-pool';
import { systemClock } from '../clock';
import { ConfigError, loadConfig } from '../config/config';
import { openDatabase, pgliteSnapshotPlace, type Database } from '../db/database';
import { DataKeyError, dataCipher } from '../security/data-key';
import { Sealer } from '../security/sealed-columns';
import { DirectoryLockedError } from '../db/directory-lock';
import { MemoryAttemptCounter } from '../throttle/limiter';
import { Throttle } from '../throttle/throttle';
import { randomBytes } from 'node:crypto';
import { SessionService } from '../sessions/service';
import { OperatorSecondFactor } from './second-factor';
import { OperatorRecoveryCodeStore, OperatorTotpStore } from './second-factor-store';
import { OperatorService } from './service';
import { OperatorSessionStore, OperatorStore } from './store';

/**
 * `npm run operator -- create --email X --name Y`: the only way operator staff come to exist (and
 * `remove`, `reset-second-factor`: the only way a lost authenticator app is reset). The
 * password is read from the terminal (hidden) or from stdin, never from the arguments, which other
 * users of the machine can see in the process list and which shells keep in their history.
 */

const USAGE = [
  'usage: npm run operator -- create --email <address> --name <name>   (password from the prompt or stdin)',
  '       npm run operator -- remove --email <address>                 (when someone leaves the staff)',
  '       npm run operator -- reset-second-factor --email <address>    (lost authenticator app: set up anew at the next sign-in)',
].join('\n');

export interface CliIo {
  /** The password, typed (twice, hidden) or piped. */
  readPassword(): Promise<string>;
  out(line: string): void;
}

/** Returns the exit code; messages go to `io.out`. `secondFactor`: for `reset-second-factor`. */
export async function runOperatorCommand(argv: string[], io: CliIo, service: OperatorService, secondFactor?: OperatorSecondFactor): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { email: { type: 'string' }, name: { type: 'string' } } });
  } catch (error) {
    io.out(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  const { email, name } = parsed.values;
  if (command === 'remove' && extra.length === 0 && email && !name) {
    const removed = await service.remove(email);
    io.out(removed ? `Operator <${email}> removed; their logins ended.` : `No operator <${email}>.`);
    return removed ? 0 : 1;
  }
  // Issue 12: there is no one above the operator, so whoever runs the installation resets a lost app.
  if (command === 'reset-second-factor' && extra.length === 0 && email && !name && secondFactor) {
    const reset = await secondFactor.reset(email);
    io.out(reset ? `Second factor of <${email}> reset; their logins ended. The next sign-in sets up a new authenticator app.` : `No operator <${email}>.`);
    return reset ? 0 : 1;
  }
  if (command !== 'create' || extra.length > 0 || !email || !name) {
    io.out(USAGE);
    return 2;
  }
  const password = await io.readPassword();
  try {
    const operator = await service.create({ email, name, password });
    io.out(`Operator ${operator.name} <${operator.email}> created; log in at /operator/login.`);
    return 0;
  } catch (error) {
    io.out(`Not created: ${(error as Error).message}`);
    return 1;
  }
}

function readHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    process.stdout.write(prompt);
    let value = '';
    const finish = (result: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stdout.write('\n');
      result();
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n') return finish(() => resolve(value));
        if (character === '\u0003') return finish(() => reject(new Error('cancelled')));
        value = character === '\u007f' || character === '\b' ? value.slice(0, -1) : value + character;
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

const terminalIo: CliIo = {
  async readPassword() {
    if (!process.stdin.isTTY) return readPiped();
    const first = await readHidden('Password (at least 10 characters): ');
    const second = await readHidden('Repeat the password: ');
    if (first !== second) throw new Error('the two passwords differ');
    return first;
  },
  out: (line) => process.stdout.write(`${line}\n`),
};

async function main(): Promise<number> {
  const config = loadConfig();
  let database: Database | undefined;
  let hasher: PasswordHasher | undefined;
  try {
    // A new DATA_DIR starts from the prepared snapshot as the server's would, so staff can be created before the first start.
    database = await openDatabase(
      config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl } : { kind: 'pglite', dataDir: config.dataDir, snapshot: pgliteSnapshotPlace() },
    );
    const counter = new MemoryAttemptCounter(systemClock);
    // The same key as the server (configured, or DATA_DIR/encryption.key, generated there if none yet).
    const cipher = await dataCipher(config, database.db, (text) => process.stdout.write(`${text}\n`));
    const sealer = new Sealer(cipher);
    const throttle = new Throttle(counter, randomBytes(32));
    const service = new OperatorService({
      store: new OperatorStore(database.db, sealer),
      hasher: (hasher = new PasswordHasher(config.bcryptCost, new HashingPool(config.hashing), bcryptRunner(config))),
      throttle,
      clock: systemClock,
    });
    const secondFactor = new OperatorSecondFactor({
      operators: new OperatorStore(database.db, sealer),
      store: new OperatorTotpStore(database.db, sealer),
      recoveryCodes: new OperatorRecoveryCodeStore(database.db),
      sessions: new SessionService(new OperatorSessionStore(database.db), systemClock),
      throttle,
      clock: systemClock,
      issuer: config.operator.name,
    });
    const code = await runOperatorCommand(process.argv.slice(2), terminalIo, service, secondFactor);
    await counter.close();
    return code;
  } finally {
    await hasher?.close();
    await database?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof ConfigError || error instanceof DirectoryLockedError || error instanceof DataKeyError;
      process.stderr.write(`${known ? (error as Error).message : `operator: ${(error as Error).message}`}\n`);
      process.exit(1);
    },
  );
}
