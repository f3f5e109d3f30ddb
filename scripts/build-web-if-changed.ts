import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm start` builds the web app only when what goes into it changed: a SHA-256 over every file of
 * web/ and common/ and the lock file is kept next to the build, and an equal one skips vite.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, '.sources-sha256');
const inputs = ['web', 'common', 'package-lock.json'];

async function filesUnder(entry: string): Promise<string[]> {
  const full = path.join(root, entry);
  if (!(await stat(full)).isDirectory()) return [entry];
  const nested = await Promise.all((await readdir(full)).map((child) => filesUnder(path.join(entry, child))));
  return nested.flat();
}

async function sourcesHash(): Promise<string> {
  const files = (await Promise.all(inputs.map(filesUnder))).flat().sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file}\n`).update(await readFile(path.join(root, file)));
  return hash.digest('hex');
}

async function main(): Promise<void> {
  const wanted = await sourcesHash();
  const built = existsSync(path.join(outDir, 'index.html')) && existsSync(stampFile) ? (await readFile(stampFile, 'utf8')).trim() : '';
  if (built === wanted) {
    process.stdout.write('web app: up to date (sources unchanged since the last build)\n');
    return;
  }
  // Loaded only when needed: importing vite is most of this script's time when nothing changed.
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts') });
  await writeFile(stampFile, `${wanted}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`web build failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
