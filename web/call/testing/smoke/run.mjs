// Real-Chromium smoke check of web/call (no app server). Run as root inside a loopback-only network
// namespace (see ../../../../../shared/ENVIRONMENT.md, or e2e/netns.sh):
//   unshare --net bash -c 'ip link set lo up && exec "$@"' netns node web/call/testing/smoke/run.mjs
// Prints a JSON summary and exits non-zero when a step fails.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

const dir = mkdtempSync(join(tmpdir(), 'call-smoke-'));
await build({
  entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
  bundle: true,
  format: 'esm',
  outfile: join(dir, 'page.js'),
  logLevel: 'warning',
});
writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="page.js"></script>');
const server = createServer((request, response) => {
  const file = request.url === '/page.js' ? 'page.js' : 'index.html';
  response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
  response.end(readFileSync(join(dir, file)));
}).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection',
  ],
});
let failed = true;
try {
  const page = await browser.newPage();
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'domcontentloaded' });
  await page.waitForFunction(() => typeof globalThis.runSmoke === 'function');
  const result = await page.evaluate(() => globalThis.runSmoke());
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  failed = result.ok !== true;
} catch (error) {
  process.stderr.write(`smoke failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await browser.close();
  server.close();
}
process.exit(failed ? 1 : 0);
