import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { transformSync } from 'esbuild';
import { repositoryRoot } from '../e2e/support/server';

const ASSETS = path.join(repositoryRoot, 'dist/web/assets');

/** The page chunks a visitor's first load fetches besides the main chunk, per route. */
const ROUTES: Array<{ route: string; who: string; chunks: string[] }> = [
  { route: '/', who: 'anyone (start page)', chunks: [] },
  { route: '/login', who: 'a practice logging in', chunks: [] },
  // The join page is in the call chunk (web/vite.config.ts groups the engine and the room's views).
  { route: '/join#…', who: 'a patient opening the invitation', chunks: ['call'] },
  { route: '/dashboard', who: 'a logged-in practice', chunks: ['DashboardPage'] },
  { route: '/help', who: 'anyone asking for help', chunks: ['HelpPage'] },
];

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
/** React ships readable production code; minified like our bundle, it is the fair floor. */
const minifiedGzipped = (file: string) => gzipSync(transformSync(readFileSync(file, 'utf8'), { minify: true }).code, { level: 9 }).length;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Every chunk a chunk imports statically (the browser fetches them before it runs); lazy ones are not followed. */
function closure(entries: string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file; file = queue.shift()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(ASSETS, file), 'utf8');
    for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) queue.push(match[1]!);
  }
  return [...seen];
}

function chunkNamed(files: string[], name: string): string {
  const file = files.find((candidate) => candidate.startsWith(`${name}-`) && candidate.endsWith('.js'));
  if (!file) throw new Error(`no chunk ${name}-*.js in dist/web/assets`);
  return file;
}

/**
 * The JavaScript each kind of visitor downloads before the page can run (gzip -9, the static import
 * closure of the main chunk plus the route's own lazy chunk), next to React and react-dom alone (minified),
 * the floor every React page pays. Reads the last `npm run build:web`.
 */
export function measureBundle(): void {
  if (!existsSync(ASSETS)) throw new Error('dist/web is missing: run `npm run build:web` first');
  const files = readdirSync(ASSETS);
  const main = /<script type="module" crossorigin src="\/assets\/([^"]+)"/.exec(readFileSync(path.join(ASSETS, '../index.html'), 'utf8'))?.[1];
  if (!main) throw new Error('no module script in dist/web/index.html');
  const framework = ['react/cjs/react.production.js', 'react-dom/cjs/react-dom-client.production.js', 'scheduler/cjs/scheduler.production.js']
    .map((file) => minifiedGzipped(path.join(repositoryRoot, 'node_modules', file)))
    .reduce((sum, size) => sum + size, 0);

  console.log('\nJavaScript fetched before a page runs (gzip -9; the last `npm run build:web`)');
  console.log(`  reference: React + react-dom alone, minified  ${kb(framework)}`);
  for (const { route, who, chunks } of ROUTES) {
    const needed = closure([main, ...chunks.map((name) => chunkNamed(files, name))]);
    const total = needed.reduce((sum, file) => sum + gzipped(path.join(ASSETS, file)), 0);
    console.log(`  ${route.padEnd(11)} ${who.padEnd(32)} ${kb(total).padStart(7)} in ${needed.length} files`);
  }
}
