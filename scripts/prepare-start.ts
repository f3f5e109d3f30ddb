import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` prepares what it runs, each part only when what goes into it changed: the web app
 * (vite) and the server (esbuild, scripts/build-server.ts; the server then starts as production
 * runs it, compiled, without the TypeScript loader's seconds), each judged by a SHA-256 over its
 * sources kept beside the build; and the embedded database's snapshot, made when none exists for
 * the current migrations (server/db/snapshot-cli.ts). One process for all three: each `tsx` or
 * `npm run` of its own cost a start of its own.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Build {
  name: string;
  /** Files and directories (every file under them) whose content goes into the build. */
  inputs: string[];
  /** A file the finished build always has: without it the build is made again. */
  output: string;
  stampFile: string;
  build: () => Promise<void>;
}

const builds: Build[] = [
  {
    name: 'web app',
    inputs: ['web', 'common', 'package-lock.json'],
    output: 'dist/web/index.html',
    stampFile: 'dist/web/.sources-sha256',
    // Loaded only when needed: importing vite is most of this script's time when nothing changed.
    build: async () => {
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'web/vite.config.ts') });
    },
  },
  {
    name: 'server',
    inputs: ['server', 'common', 'scripts/build-server.ts', 'package-lock.json'],
    output: 'dist/server/main.js',
    stampFile: 'dist/server/.sources-sha256',
    build: async () => (await import('./build-server')).buildServer(),
  },
];

async function filesUnder(entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  if (!(await stat(full)).isDirectory()) return [entry];
  const nested = await Promise.all((await readdir(full)).map((child) => filesUnder(path.join(entry, child))));
  return nested.flat();
}

async function sourcesHash(inputs: string[]): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\n`).update(await readFile(path.join(root, file)));
  return hash.digest('hex');
}

async function buildIfChanged({ name, inputs, output, stampFile, build }: Build): Promise<void> {
  const wanted = await sourcesHash(inputs);
  const stamp = path.join(root, stampFile);
  const built = existsSync(path.join(root, output)) && existsSync(stamp) ? (await readFile(stamp, 'utf8')).trim() : '';
  if (built === wanted) {
    process.stdout.write(`${name}: up to date (sources unchanged since the last build)\n`);
    return;
  }
  await build();
  await writeFile(stamp, `${wanted}\n`);
}

async function main(): Promise<void> {
  for (const build of builds) await buildIfChanged(build);
  await (await import('../server/db/snapshot-cli')).ensureSnapshot();
}

main().catch((error: unknown) => {
  process.stderr.write(`preparing the start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
