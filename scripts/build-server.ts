import { cp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * `npm run build:server`: the server as production runs it (`node dist/server/main.js`), ES modules
 * with their dependencies inside, and the migrations beside them.
 *
 * Dependencies are bundled, not left to Node's resolver: issue 17's start-up profile put 42 % of a
 * restart into loading modules — resolving packages, reading their package.json files, lexing CommonJS
 * for named exports — for some 600 files. A few stay outside because they find files of their own at
 * run time: bcrypt's native addon and PGlite's WASM and data files. pino is inside: the server logs to
 * a stream, never through pino's transports (worker threads started from pino's own files). Swagger UI
 * is told where its assets are (server/http/openapi.ts).
 *
 * What the server imports only when it needs it (`import()`: Redis, passkeys, the Stripe SDK, the
 * SMTP client, the common-password list) goes into chunks of its own beside main.js: a start parses
 * and source-maps only what it runs, some 5 MB instead of 8.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/server');
const external = ['bcrypt', '@electric-sql/pglite', 'pg-native'];

// Bundled CommonJS still calls require() (for Node's own modules), which an ES module lacks; a
// package that asks for __dirname gets the bundle's directory (only error paths and a fallback read do).
const banner = [
  "import { createRequire as __bundleCreateRequire } from 'node:module';",
  "import { fileURLToPath as __bundleFileURLToPath } from 'node:url';",
  "import { dirname as __bundleDirname } from 'node:path';",
  'const require = __bundleCreateRequire(import.meta.url);',
  'const __filename = __bundleFileURLToPath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

/** Builds dist/server afresh (`npm start` calls it through scripts/prepare-start.ts when the sources changed). */
export async function buildServer(): Promise<void> {
  // Chunk names change with their content: a previous build's would stay beside the new ones.
  await rm(outDir, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(root, 'server/main.ts')],
    outdir: outDir,
    // Chunks beside main.js, so that `__dirname` (the banner's) is the same directory in each.
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: banner },
    // Stack traces name the TypeScript line (deploy runs node --enable-source-maps); the sources
    // themselves stay out of the map, which Node reads at start.
    sourcemap: true,
    sourcesContent: false,
    // Less text to parse and to map at every start (5 MB → 3.5 MB); names stay, so a stack trace
    // without the map still says which function failed.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  await cp(path.join(root, 'server/db/migrations'), path.join(outDir, 'migrations'), { recursive: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
