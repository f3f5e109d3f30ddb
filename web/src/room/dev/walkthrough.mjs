/* global window */
// Developer walkthrough of the call UI in real Chromium against the real server (not a CI test; the
// e2e suite lives in e2e/). Starts the server on a temporary data directory, registers and confirms a
// host through the API, then drives a host (1280 px) and a guest (375 px) through join page, device
// check, waiting room, admission, media, chat, a 5 MB file, screen share, PDF export, end and the
// used link, taking screenshots on the way. Run as root inside a loopback-only network namespace:
//
//   npm run build:web
//   unshare --net bash -c 'ip link set lo up && exec "$@"' netns node web/src/room/dev/walkthrough.mjs [OUT_DIR]
//
// Prints one line per step and exits non-zero when a step fails. Screenshots go to OUT_DIR
// (default: a new temporary directory, printed at the start).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const out = process.argv[2] ?? mkdtempSync(path.join(tmpdir(), 'sz-room-shots-'));
mkdirSync(out, { recursive: true });
const log = (text) => process.stdout.write(`${text}\n`);
log(`screenshots: ${out}`);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sz-room-data-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    NODE_ENV: 'test',
    BCRYPT_COST: '4',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: origin,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    REDIS_URL: '',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
server.stdout.on('data', (chunk) => (serverLog += chunk));
server.stderr.on('data', (chunk) => (serverLog += chunk));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function until(what, check, ms = 15_000) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`timed out: ${what}`);
    await sleep(200);
  }
}

await until(
  'server ready',
  async () => {
    try {
      return (await fetch(`${origin}/readyz`)).ok;
    } catch {
      return false;
    }
  },
  60_000,
);

function outbox() {
  const dir = path.join(dataDir, 'outbox');
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')));
  } catch {
    return [];
  }
}

// --- host account through the API -----------------------------------------------------------------
const jar = new Map();
async function api(method, url, body) {
  const headers = { accept: 'application/json', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = jar.csrf ?? '';
  const response = await fetch(`${origin}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, ...value] = pair.split('=');
    jar.set(name, value.join('='));
  }
  const json = await response.json().catch(() => null);
  if (json?.csrfToken) jar.csrf = json.csrfToken;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}
const hostEmail = `praxis-${Date.now()}@example.org`;
const password = 'a long and friendly passphrase 42';
await api('GET', '/api/session');
await api('POST', '/api/accounts', {
  firstName: 'Anna',
  lastName: 'Weiß',
  dateOfBirth: '1980-04-02',
  email: hostEmail,
  street: 'Hauptstraße',
  houseNumber: '1',
  postalCode: '10115',
  city: 'Berlin',
  country: 'DE',
  phone: '030 1234567',
  password,
  acceptTerms: true,
  acceptPrivacyPolicy: true,
});
const confirmation = await until('confirmation mail', () => outbox().find((mail) => mail.to === hostEmail));
const confirmToken = confirmation.links.find((link) => link.includes('#')).split('#')[1];
await api('POST', '/api/accounts/confirm-email', { token: confirmToken });
log('ok   host registered and confirmed');

// --- browsers ---------------------------------------------------------------------------------------
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
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
const hostContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
const guestContext = await browser.newContext({ locale: 'de-DE', viewport: { width: 375, height: 740 }, acceptDownloads: true, hasTouch: true });
for (const context of [hostContext, guestContext]) {
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['camera', 'microphone'], { origin });
}
if (process.env.SZ_DEBUG) {
  for (const context of [hostContext, guestContext]) {
    await context.addInitScript(() => window.localStorage.setItem('sprechzimmer:debug', '1'));
  }
}
const host = await hostContext.newPage();
const guest = await guestContext.newPage();
const errors = [];
for (const [name, page] of [
  ['host', host],
  ['guest', guest],
]) {
  page.on('pageerror', (error) => errors.push(`${name} page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${name} console: ${message.text()}`);
    if (process.env.SZ_DEBUG) log(`     [${name}] ${message.text()}`);
  });
}
const shot = async (page, name, fullPage = false) => {
  await page.screenshot({ path: path.join(out, `${name}.png`), fullPage });
  log(`shot ${name}.png`);
};

let failed = false;
async function step(name, action) {
  try {
    await action();
    log(`ok   ${name}`);
  } catch (error) {
    failed = true;
    log(`FAIL ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    await shot(host, `fail-host-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
    await shot(guest, `fail-guest-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
    throw error;
  }
}

async function framesDecoded(page) {
  return page.evaluate(async () => {
    const session = window.__sprechzimmerCall;
    if (!session) return 0;
    let frames = 0;
    for (const participant of session.getSnapshot().participants) {
      const report = await session.rtcStats(participant.id);
      report?.forEach((entry) => {
        if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
      });
    }
    return frames;
  });
}

const guestName = 'Jürgen Groß';
let consultationId = '';
try {
  await step('host logs in and creates a consultation', async () => {
    await host.goto(`${origin}/login`);
    await host.getByLabel('E-Mail-Adresse').fill(hostEmail);
    await host.getByLabel('Passwort', { exact: true }).fill(password);
    await host.getByRole('button', { name: 'Anmelden' }).click();
    await host.waitForURL(/\/dashboard/);
    consultationId = await host.evaluate(async (name) => {
      const session = await (await fetch('/api/session')).json();
      const response = await fetch('/api/consultations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ guests: [{ name, email: 'juergen@example.org' }] }),
      });
      return (await response.json()).id;
    }, guestName);
    if (!consultationId) throw new Error('no consultation');
  });

  await step('host opens the room', async () => {
    await host.goto(`${origin}/consultations/${consultationId}/room`);
    await host.getByRole('button', { name: 'Verlassen', exact: true }).waitFor();
    await host.getByText('Gerade wartet niemand.').waitFor();
    await sleep(1500);
    await shot(host, '01-host-room-empty-1280');
  });

  const invitation = await until('invitation mail', () => outbox().find((mail) => mail.to === 'juergen@example.org'));
  const link = invitation.links.find((candidate) => candidate.includes('/join#'));

  await step('guest sees practice name, name, consent, no-recording note', async () => {
    await guest.goto(link);
    await guest.getByRole('heading', { name: 'Videosprechstunde bei Anna Weiß' }).waitFor();
    if (guest.url().includes('#')) throw new Error(`token still in the address bar: ${guest.url()}`);
    const name = await guest.getByLabel('Ihr vollständiger Name').inputValue();
    if (name !== guestName) throw new Error(`name not prefilled: ${name}`);
    await guest.getByText('Aufnahmen sind nicht erlaubt').waitFor();
    await shot(guest, '02-guest-details-375', true);
    await guest.getByRole('button', { name: 'Weiter zur Geräteprüfung' }).click();
    await guest.getByText('Bitte stimmen Sie zu').waitFor();
    await guest.getByLabel(/Ich willige ein/).check();
    await guest.getByRole('button', { name: 'Weiter zur Geräteprüfung' }).click();
  });

  await step('device check: preview, moving level meter, speaker test; guest already waiting', async () => {
    await guest.getByRole('heading', { name: 'Kamera und Mikrofon prüfen' }).waitFor();
    await guest.getByLabel('Ihr Kamerabild').waitFor();
    const levels = new Set();
    await until('meter moves', async () => {
      levels.add(await guest.getByRole('meter', { name: 'Mikrofonpegel' }).getAttribute('aria-valuenow'));
      return levels.size >= 3;
    });
    await guest.getByRole('button', { name: 'Lautsprecher testen' }).click();
    await guest.getByText('Haben Sie die Melodie gehört?').waitFor();
    await guest.getByText('Sie sind im Wartezimmer.').waitFor();
    await guest.getByLabel('Kamera', { exact: true }).waitFor();
    await guest.getByLabel('Mikrofon', { exact: true }).waitFor();
    await shot(guest, '03-guest-device-check-375', true);
    log(`     meter values seen: ${[...levels].join(', ')}`);
  });

  await step('host sees the guest waiting (notice) and sends a text', async () => {
    await host.getByRole('button', { name: `${guestName} hereinlassen` }).waitFor();
    await host.getByText(`${guestName} wartet im Wartezimmer.`).waitFor();
    await shot(host, '04-host-someone-waiting-1280');
    await host.getByLabel(`Nachricht an ${guestName}`).fill('5 Minuten, bitte');
    await host.getByRole('button', { name: `An ${guestName} senden` }).click();
  });

  await step('guest in the waiting room receives the text', async () => {
    await guest.getByRole('button', { name: 'Fertig – zum Wartezimmer' }).click();
    await guest.getByRole('heading', { name: /Bitte warten Sie/ }).waitFor();
    await guest.getByText('5 Minuten, bitte').waitFor();
    await shot(guest, '05-guest-waiting-375', true);
  });

  await step('admission: both decode the other’s video', async () => {
    await host.getByRole('button', { name: `${guestName} hereinlassen` }).click();
    await guest.getByRole('button', { name: 'Verlassen', exact: true }).waitFor();
    await until('host decodes', async () => (await framesDecoded(host)) > 0, 20_000);
    await until('guest decodes', async () => (await framesDecoded(guest)) > 0, 20_000);
    await sleep(2500);
    await shot(host, '06-host-call-1280');
    await shot(guest, '06-guest-call-375');
  });

  await step('guest mutes; host sees it', async () => {
    await guest.getByRole('button', { name: 'Mikrofon ausschalten' }).click();
    await guest.getByRole('button', { name: 'Mikrofon einschalten' }).waitFor();
    await host.getByRole('figure', { name: guestName }).getByText('Mikrofon aus').waitFor({ state: 'attached' });
    await guest.getByRole('button', { name: 'Mikrofon einschalten' }).click();
  });

  await step('quality details', async () => {
    await host.getByRole('figure', { name: guestName }).locator('summary').click();
    await host.getByText(`Verbindung zu ${guestName}`).waitFor();
    await host.getByText('Laufzeit (hin und zurück)').waitFor();
    await shot(host, '07-host-quality-1280');
    await host.getByRole('figure', { name: guestName }).locator('summary').click();
    await host.getByRole('button', { name: 'Geräte', exact: true }).click();
    await host.getByRole('meter', { name: 'Mikrofonpegel' }).waitFor();
    await shot(host, '07-host-devices-1280');
  });

  await step('chat both ways', async () => {
    await guest.getByRole('button', { name: 'Chat', exact: true }).click();
    await guest.getByLabel('Nachricht', { exact: true }).fill('Guten Tag, hören Sie mich?');
    await guest.getByRole('button', { name: 'Senden', exact: true }).click();
    await host.getByRole('button', { name: 'Chat', exact: true }).click();
    await host.getByText('Guten Tag, hören Sie mich?').waitFor();
    await host.getByLabel('Nachricht', { exact: true }).fill('Ja, sehr gut. Ich schicke Ihnen den Befund.');
    await host.getByLabel('Nachricht', { exact: true }).press('Enter');
    await guest.getByText('Ich schicke Ihnen den Befund.').waitFor();
  });

  await step('5 MB file arrives byte-identical, progress on both sides', async () => {
    const bytes = Buffer.alloc(5 * 1024 * 1024);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 31 + (index >> 13)) & 0xff;
    const expected = createHash('sha256').update(bytes).digest('hex');
    await host.getByLabel('Datei senden').setInputFiles({ name: 'befund.pdf', mimeType: 'application/pdf', buffer: bytes });
    await guest.getByText('befund.pdf').first().waitFor();
    const downloadLink = guest.getByRole('link', { name: 'befund.pdf herunterladen' });
    await downloadLink.waitFor({ timeout: 30_000 });
    await shot(guest, '08-guest-chat-file-375');
    await shot(host, '08-host-chat-file-1280');
    const [download] = await Promise.all([guest.waitForEvent('download'), downloadLink.click()]);
    const received = readFileSync(await download.path());
    const actual = createHash('sha256').update(received).digest('hex');
    if (actual !== expected) throw new Error(`sha256 differs: ${actual} vs ${expected}`);
    await host.getByText('Gesendet', { exact: true }).waitFor();
  });

  await step('screen share reaches the guest, big', async () => {
    await host.getByRole('button', { name: 'Bildschirm teilen' }).click();
    await host.getByRole('button', { name: 'Teilen beenden' }).waitFor();
    await guest.getByRole('button', { name: 'Chat', exact: true }).click();
    await guest.getByRole('figure', { name: 'Bildschirm von Anna Weiß' }).waitFor();
    await sleep(2500);
    await shot(guest, '09-guest-screen-share-375');
    await guest.setViewportSize({ width: 1280, height: 800 });
    await sleep(800);
    await shot(guest, '09-guest-screen-share-1280');
    await host.getByRole('button', { name: 'Teilen beenden' }).click();
    await host.setViewportSize({ width: 375, height: 740 });
    await sleep(800);
    await shot(host, '10-host-call-375');
    await host.getByRole('button', { name: 'Wartezimmer', exact: true }).click();
    await sleep(300);
    await shot(host, '10-host-panel-375');
    await host.getByRole('button', { name: 'Schließen' }).click();
    await host.setViewportSize({ width: 1280, height: 800 });
    await guest.setViewportSize({ width: 375, height: 740 });
  });

  await step('guest saves the chat as PDF', async () => {
    await guest.getByRole('button', { name: 'Chat', exact: true }).click();
    const [download] = await Promise.all([guest.waitForEvent('download'), guest.getByRole('button', { name: 'Chat als PDF speichern' }).click()]);
    const pdf = readFileSync(await download.path());
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
    log(`     PDF ${download.suggestedFilename()} ${pdf.length} bytes`);
  });

  await step('host mails the PDF to herself', async () => {
    await host.getByRole('button', { name: 'Chat', exact: true }).click();
    await host.getByRole('button', { name: 'Chat als PDF an meine E-Mail-Adresse senden' }).click();
    await host.getByText('Der Chat ist als PDF an Ihre E-Mail-Adresse unterwegs.').waitFor();
    await until('transcript mail', () => outbox().find((mail) => mail.to === hostEmail && /\.pdf/.test(mail.text)));
  });

  await step('host ends for everyone', async () => {
    await host.getByRole('button', { name: 'Verlassen', exact: true }).click();
    await host.getByRole('dialog').waitFor();
    await shot(host, '11-host-leave-dialog-1280');
    await host.getByRole('button', { name: 'Für alle beenden' }).click();
    await host.getByRole('heading', { name: 'Die Sprechstunde ist beendet' }).waitFor();
    await guest.getByRole('heading', { name: 'Die Sprechstunde ist beendet' }).waitFor();
    await shot(host, '12-host-ended-1280', true);
    await shot(guest, '12-guest-ended-375', true);
  });

  await step('the link now shows the cannot-be-used page', async () => {
    const again = await guestContext.newPage();
    await again.goto(link);
    try {
      await again.getByRole('heading', { name: 'Dieser Link kann nicht verwendet werden' }).waitFor();
    } catch (error) {
      await shot(again, 'fail-again', true);
      log(`     page shows: ${(await again.locator('main').innerText()).slice(0, 300)}`);
      throw error;
    }
    await shot(again, '13-guest-link-after-end-375', true);
  });

  await step('activity entry', async () => {
    host.on('dialog', (dialog) => void dialog.accept());
    await host.getByRole('link', { name: 'Zu den Aktivitäten' }).click();
    await host.getByText(guestName).first().waitFor();
    await shot(host, '14-host-activity-1280', true);
  });

  await step('English: join page, device check and waiting room', async () => {
    await host.evaluate(async () => {
      const session = await (await fetch('/api/session')).json();
      await fetch('/api/consultations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ guests: [{ name: 'Mary Smith', email: 'mary@example.org' }] }),
      });
    });
    const mail = await until('English invitation', () => outbox().find((entry) => entry.to === 'mary@example.org'));
    const english = await browser.newContext({ locale: 'en-GB', viewport: { width: 375, height: 740 }, hasTouch: true });
    await english.addInitScript(() => window.localStorage.setItem('sprechzimmer.language', 'en'));
    const page = await english.newPage();
    await page.goto(mail.links.find((candidate) => candidate.includes('/join#')));
    await page.getByRole('heading', { name: 'Video consultation with Anna Weiß' }).waitFor();
    await shot(page, '15-en-details-375', true);
    await page.getByLabel(/I consent to my data/).check();
    await page.getByRole('button', { name: 'Continue to the device check' }).click();
    await page.getByRole('heading', { name: 'Check your camera and microphone' }).waitFor();
    await page.getByText('You are in the waiting room.').waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
    await sleep(1000);
    await shot(page, '16-en-device-check-1280', true);
    await page.getByRole('button', { name: 'Done – go to the waiting room' }).click();
    await page.getByRole('heading', { name: /Please wait/ }).waitFor();
    await shot(page, '17-en-waiting-1280', true);
    await english.close();
  });
} catch {
  // reported by step()
} finally {
  if (errors.length) log(`browser errors:\n  ${errors.join('\n  ')}`);
  await browser.close();
  server.kill('SIGTERM');
  if (failed) log(serverLog.split('\n').slice(-30).join('\n'));
}
process.exit(failed ? 1 : 0);
