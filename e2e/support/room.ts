import type { Page } from 'playwright-core';
import { ui, type AnyPage, type Target, type UiPage } from './engines';

/**
 * Reading a page's call through its test hook `window.__sprechzimmerCall` (the CallSession of the
 * room page; web/README.md) and the browser journeys through the app's pages that tests and the
 * bench share. Snapshots are reduced to JSON (streams and blobs cannot cross evaluate()).
 */

interface ParticipantSnapshot {
  id: string;
  displayName: string;
  role: 'host' | 'member' | 'guest';
  status: 'waiting' | 'admitted';
  online: boolean;
  media: {
    audio: boolean;
    video: boolean;
    screen: boolean;
    cameraStreamId: string | null;
    screenStreamId: string | null;
    /** Ids of those to whom this participant's video is paused because the link is weak. */
    videoPausedTo?: string[];
  };
  link: string | null;
  hasCamera: boolean;
  hasScreen: boolean;
}

export interface CallSnapshotJson {
  state: 'idle' | 'joining' | 'waiting' | 'connected' | 'reconnecting' | 'ended' | 'failed';
  endReason: string | null;
  error: string | null;
  signaling: 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';
  self: { id: string; displayName: string; role: string; status: string } | null;
  participants: ParticipantSnapshot[];
  chat: { from: string; fromName: string; text: string }[];
  transfers: { name: string; size: number; direction: 'outgoing' | 'incoming'; state: string; sha256: string | null; bytes: number }[];
  waitingMessages: { fromName: string; text: string }[];
  refused: { displayName: string; reason: string }[];
  lastServerError: { code: string; ref: string | null } | null;
  local: { audioEnabled: boolean; videoEnabled: boolean; screenSharing: boolean };
}

interface HookSession {
  getSnapshot(): {
    state: string;
    endReason: string | null;
    error: string | null;
    signaling: string;
    self: { id: string; displayName: string; role: string; status: string } | null;
    participants: readonly {
      id: string;
      displayName: string;
      role: string;
      status: string;
      online: boolean;
      media: Record<string, unknown>;
      link: string | null;
      cameraStream: unknown;
      screenStream: unknown;
    }[];
    chat: readonly { from: string; fromName: string; text: string }[];
    transfers: readonly { name: string; size: number; direction: string; state: string; sha256: string | null; bytes: number }[];
    waitingMessages: readonly { fromName: string; text: string }[];
    refused: readonly { displayName: string; reason: string }[];
    lastServerError: { code: string; ref: string | null } | null;
    local: Record<string, unknown>;
  };
  admit(participantId: string): void;
  peerConnection(participantId: string): {
    connectionState: string;
    iceConnectionState: string;
    signalingState: string;
    currentLocalDescription: unknown;
    currentRemoteDescription: unknown;
  } | null;
  rtcStats(participantId: string): Promise<{ values(): Iterable<Record<string, unknown>> } | null>;
}

interface HookWindow {
  __sprechzimmerCall?: HookSession;
}

/** The call as the page's session sees it, or null while the page has no session (yet). */
function callSnapshot(page: AnyPage): Promise<CallSnapshotJson | null> {
  return ui(page).evaluate(() => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    if (!session) return null;
    const s = session.getSnapshot();
    const local = s.local as { audioEnabled: boolean; videoEnabled: boolean; screenSharing: boolean };
    return {
      state: s.state,
      endReason: s.endReason,
      error: s.error,
      signaling: s.signaling,
      self: s.self ? { ...s.self } : null,
      participants: s.participants.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        role: p.role,
        status: p.status,
        online: p.online,
        media: { ...p.media },
        link: p.link,
        hasCamera: p.cameraStream !== null,
        hasScreen: p.screenStream !== null,
      })),
      chat: s.chat.map((m) => ({ from: m.from, fromName: m.fromName, text: m.text })),
      transfers: s.transfers.map((t) => ({ name: t.name, size: t.size, direction: t.direction, state: t.state, sha256: t.sha256, bytes: t.bytes })),
      waitingMessages: s.waitingMessages.map((m) => ({ fromName: m.fromName, text: m.text })),
      refused: s.refused.map((r) => ({ displayName: r.displayName, reason: r.reason })),
      lastServerError: s.lastServerError ? { ...s.lastServerError } : null,
      local: { audioEnabled: local.audioEnabled, videoEnabled: local.videoEnabled, screenSharing: local.screenSharing },
    } as CallSnapshotJson;
  });
}

/**
 * Per other participant (by display name): the frames decoded and audio packets received on the
 * peer connection to them (from the page's own CallSession, `rtcStats(participantId)`).
 */
export function mediaFromEach(page: AnyPage): Promise<Record<string, { framesDecoded: number; videoStreams: number; audioPackets: number }>> {
  return ui(page).evaluate(async () => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    const out: Record<string, { framesDecoded: number; videoStreams: number; audioPackets: number }> = {};
    if (!session) return out;
    for (const p of session.getSnapshot().participants) {
      if (p.status !== 'admitted') continue;
      const report = await session.rtcStats(p.id);
      const entry = { framesDecoded: 0, videoStreams: 0, audioPackets: 0 };
      if (report) {
        for (const stat of report.values()) {
          if (stat.type !== 'inbound-rtp') continue;
          if (stat.kind === 'video' && Number(stat.framesDecoded ?? 0) > 0) {
            entry.videoStreams += 1;
            entry.framesDecoded += Number(stat.framesDecoded);
          }
          if (stat.kind === 'audio') entry.audioPackets += Number(stat.packetsReceived ?? 0);
        }
      }
      out[p.displayName] = entry;
    }
    return out;
  });
}

/**
 * Per participant: the engine's link state and its RTCPeerConnection's states (for failure reports
 * of tests that wait for connections).
 */
export function linkDiagnostics(page: AnyPage): Promise<string[]> {
  return ui(page).evaluate(() => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    if (!session) return ['(no call session)'];
    return session.getSnapshot().participants.map((p) => {
      const pc = session.peerConnection(p.id);
      const states = pc
        ? `pc ${pc.connectionState}/ice ${pc.iceConnectionState}/sig ${pc.signalingState}, local description ${pc.currentLocalDescription ? 'set' : 'none'}, remote ${pc.currentRemoteDescription ? 'set' : 'none'}`
        : 'no pc';
      return `${p.displayName} (${p.status}, online ${p.online}): link ${p.link}, ${states}`;
    });
  });
}

/** Ids of participants the host sees in the waiting room. */
export async function waitingGuestIds(host: AnyPage): Promise<string[]> {
  const snapshot = await callSnapshot(host).catch(() => null);
  return snapshot ? snapshot.participants.filter((p) => p.status === 'waiting').map((p) => p.id) : [];
}

/** Admits everyone waiting, through the host's session (what the admit buttons call). */
export async function admitAll(host: AnyPage): Promise<void> {
  await ui(host).evaluate(() => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    if (!session) throw new Error('no call session on the host page');
    for (const p of session.getSnapshot().participants) if (p.status === 'waiting') session.admit(p.id);
  });
}

/**
 * In the host page: admits the first `count` guests the moment they appear in the waiting room
 * (polled every 5 ms inside the page); resolves with Date.now() of the last admission.
 */
export function admitWhenWaiting(host: AnyPage, count: number): Promise<number> {
  return ui(host).evaluate(
    (wanted) =>
      new Promise<number>((resolve) => {
        const admitted = new Set<string>();
        const timer = setInterval(() => {
          const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
          if (!session) return;
          for (const p of session.getSnapshot().participants) {
            if (p.status !== 'waiting' || admitted.has(p.id)) continue;
            session.admit(p.id);
            admitted.add(p.id);
            if (admitted.size >= wanted) {
              clearInterval(timer);
              resolve(Date.now());
              return;
            }
          }
        }, 5);
      }),
    count,
  );
}

// --- journeys through the pages (labels: web/README.md) ---------------------------------------------

/** Logs a host in through the login page (in either engine); waits for the dashboard. */
export async function logInHost(page: AnyPage, account: { email: string; password: string }): Promise<void> {
  const p = ui(page);
  await p.goto('/login');
  await p.fill({ role: 'textbox', name: 'E-Mail-Adresse' }, account.email);
  await p.fill({ css: 'input[type="password"]' }, account.password);
  await p.click({ role: 'button', name: 'Anmelden' });
  await p.waitFor({ role: 'link', name: 'Videotermin starten' });
}

/** Opens the host's room page and waits until the host's session is connected to signaling. */
export async function openHostRoom(host: AnyPage, consultationId: string): Promise<void> {
  await ui(host).goto(`/consultations/${consultationId}/room`);
  await waitForSnapshot(host, (s) => s.signaling === 'open' && s.self?.role === 'host');
}

export interface EnterOptions {
  /** The name to enter (else the prefilled one stays). */
  name?: string;
  /** Check the page's heading names the practice / the name field is prefilled. */
  expectHostName?: string;
  expectSuggestedName?: string;
  /** Wait until the page shows the waiting room (default true). */
  waitForWaitingRoom?: boolean;
  /**
   * How long each step may take to appear. A page opened while others decode many streams on this
   * machine's two cores renders late; the default suits a quiet machine.
   */
  timeoutMs?: number;
}

const EXPECT_MS = 15_000;

const button = (name: string): Target => ({ role: 'button', name });
const heading = (name: string): Target => ({ role: 'heading', name });

/**
 * On a guest page that has just opened its invitation link: confirms name and consent, passes the
 * device check (camera preview and level meter present), and (by default) waits until the page
 * shows the waiting room. The guest never clicks a "knock" button: the call session joins the
 * waiting room by itself. Works in either engine (e2e/support/engines.ts).
 */
export async function enterWaitingRoom(page: AnyPage, options: EnterOptions = {}): Promise<void> {
  const guest = ui(page);
  const wait = options.timeoutMs ?? EXPECT_MS;
  if (options.expectHostName) await guest.waitFor(heading(`Videosprechstunde bei ${options.expectHostName}`), wait);
  const name: Target = { role: 'textbox', name: 'Ihr vollständiger Name' };
  await guest.waitFor(name, wait);
  if (options.expectSuggestedName !== undefined) {
    const value = await guest.inputValue(name);
    if (value !== options.expectSuggestedName) throw new Error(`name field prefilled with "${value}", expected "${options.expectSuggestedName}"`);
  }
  if (options.name !== undefined) await guest.fill(name, options.name);
  await guest.waitFor({ text: 'Aufnahmen sind nicht erlaubt' }, wait);
  await guest.check({
    role: 'checkbox',
    name: 'Ich willige ein, dass meine Daten in dieser Videosprechstunde verarbeitet werden – auch Angaben zu meiner Gesundheit (Art. 9 Abs. 2 lit. a DSGVO).',
  });
  await guest.click(button('Weiter zur Geräteprüfung'));
  const done = button('Fertig – zum Wartezimmer');
  if (options.waitForWaitingRoom === false) {
    // The session is in the waiting room already during the device check: a host who admits at
    // once takes the guest straight into the call, maybe before the check has rendered.
    const deadline = Date.now() + wait;
    let lastClickFailure: unknown;
    for (;;) {
      const snapshot = await callSnapshot(guest).catch(() => null);
      if (snapshot?.self?.status === 'admitted') return;
      if (Date.now() > deadline) {
        throw new Error(`guest neither admitted nor past the device check: ${JSON.stringify(snapshot)}; last click failure: ${String(lastClickFailure)}`);
      }
      if (await guest.isVisible(done).catch(() => false)) {
        // The button may go away under the click when the admission lands: the loop re-checks, and a
        // timeout names the last failure.
        await guest.click(done, { timeoutMs: 1_000 }).catch((error: unknown) => {
          lastClickFailure = error;
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await guest.waitFor(heading('Kamera und Mikrofon prüfen'), wait);
  // The camera preview plays and the level meter is there.
  await guest.waitFor({ css: '[aria-label="Ihr Kamerabild"]' }, wait);
  await waitUntil(
    guest,
    'camera preview playing',
    () => {
      const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ videoWidth: number; paused: boolean }> } };
      return [...document.querySelectorAll('video')].some((video) => video.videoWidth > 0 && !video.paused);
    },
    wait,
  );
  await guest.waitFor({ role: 'meter', name: 'Mikrofonpegel' }, wait);
  await guest.click(done);
  await guest.waitFor(heading('Bitte warten Sie – Sie werden gleich hereingelassen'), wait);
  await waitForSnapshot(guest, (s) => s.state === 'waiting', wait, 'guest in the waiting room');
}

/** Polls `predicate` in the page (serialized, no closures) until it returns true. */
async function waitUntil(page: UiPage, what: string, predicate: () => boolean, timeoutMs = EXPECT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(predicate).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Makes `target` visible, opening a side panel (chat, waiting room) with its control if needed. */
async function ensureVisible(page: UiPage, target: Target, panelButton: string): Promise<void> {
  if (await page.isVisible(target).catch(() => false)) return;
  // The button toggles: clicking an open panel would close it while its content is still rendering.
  if ((await page.attribute(button(panelButton), 'aria-expanded')) !== 'true') await page.click(button(panelButton));
  await page.waitFor(target);
}

/** The host lets a waiting guest in by the button named after them. */
export async function admitByName(page: AnyPage, name: string): Promise<void> {
  const host = ui(page);
  const admit = button(`${name} hereinlassen`);
  await waitForSnapshot(host, (s) => s.participants.some((p) => p.displayName === name && p.status === 'waiting'), EXPECT_MS, `${name} waiting`);
  await ensureVisible(host, admit, 'Wartezimmer');
  await host.click(admit);
}

/** Mutes or unmutes the page's microphone with the control bar's toggle. */
export async function setMicrophone(page: AnyPage, on: boolean): Promise<void> {
  await ui(page).click(button(on ? 'Mikrofon einschalten' : 'Mikrofon ausschalten'));
  await waitForSnapshot(page, (s) => s.local.audioEnabled === on, EXPECT_MS, `microphone ${on ? 'on' : 'off'}`);
}

/** Switches the page's camera off or on with the control bar's toggle. */
export async function setCamera(page: AnyPage, on: boolean): Promise<void> {
  await ui(page).click(button(on ? 'Kamera einschalten' : 'Kamera ausschalten'));
  await waitForSnapshot(page, (s) => s.local.videoEnabled === on, EXPECT_MS, `camera ${on ? 'on' : 'off'}`);
}

const chatInput: Target = { role: 'textbox', name: 'Nachricht' };

export async function sendChat(page: AnyPage, text: string): Promise<void> {
  const p = ui(page);
  await ensureVisible(p, chatInput, 'Chat');
  await p.fill(chatInput, text);
  await p.click(button('Senden'));
  await waitForSnapshot(p, (s) => s.chat.some((m) => m.text === text), EXPECT_MS, 'chat message sent');
}

/** The message is in the page's chat log (opening the chat panel if needed). */
export async function expectChatShown(page: AnyPage, text: string): Promise<void> {
  const p = ui(page);
  await waitForSnapshot(p, (s) => s.chat.some((m) => m.text === text), EXPECT_MS, 'chat message received');
  await ensureVisible(p, chatInput, 'Chat');
  await p.waitFor({ text });
}

export async function sendFile(page: AnyPage, name: string, content: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  const p = ui(page);
  await ensureVisible(p, chatInput, 'Chat');
  // The input is visually hidden behind its "Datei senden" label.
  await p.setFile({ css: 'input.file-input[type="file"]' }, { name, mimeType, buffer: content });
}

/** Waits until `name` has arrived (verified) and downloads it through the page's download link. */
export async function downloadReceivedFile(page: Page, name: string, timeoutMs = 30_000): Promise<Buffer> {
  await waitForSnapshot(
    page,
    (s) => s.transfers.some((t) => t.direction === 'incoming' && t.name === name && t.state === 'done'),
    timeoutMs,
    `${name} received`,
  );
  const link = page.getByRole('link', { name: `${name} herunterladen`, exact: true });
  await ensureVisible(ui(page), { role: 'link', name: `${name} herunterladen` }, 'Chat');
  const [download] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
  return readDownload(download);
}

/**
 * Waits until `name` has arrived and returns the SHA-256 (hex) of the received file, computed in the
 * receiving page over the verified Blob its download link offers (the page's CSP forbids fetching
 * the blob: URL, and puppeteer has no download event for Firefox). The download link must be shown.
 */
export async function receivedFileSha256(page: AnyPage, name: string, timeoutMs = 30_000): Promise<string> {
  const p = ui(page);
  await waitForSnapshot(p, (s) => s.transfers.some((t) => t.direction === 'incoming' && t.name === name && t.state === 'done'), timeoutMs, `${name} received`);
  await ensureVisible(p, { role: 'link', name: `${name} herunterladen` }, 'Chat');
  return p.evaluate(async (fileName) => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    const transfer = session?.getSnapshot().transfers.find((t) => t.direction === 'incoming' && t.name === fileName) as { blob?: Blob | null } | undefined;
    if (!transfer?.blob) throw new Error(`no received file ${fileName}`);
    const { crypto } = globalThis as unknown as { crypto: { subtle: { digest(algorithm: string, data: ArrayBuffer): Promise<ArrayBuffer> } } };
    const digest = await crypto.subtle.digest('SHA-256', await transfer.blob.arrayBuffer());
    return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  }, name);
}

async function readDownload(download: { path(): Promise<string | null>; failure(): Promise<string | null> }): Promise<Buffer> {
  const file = await download.path();
  if (!file) throw new Error(`download failed: ${await download.failure()}`);
  const { readFile } = await import('node:fs/promises');
  return readFile(file);
}

export async function startScreenShare(page: AnyPage): Promise<void> {
  await ui(page).click(button('Bildschirm teilen'));
  await waitForSnapshot(page, (s) => s.local.screenSharing, EXPECT_MS, 'screen sharing');
}

/** Saves the chat as PDF through the chat panel's button; returns the downloaded bytes. */
export async function exportChatPdf(page: Page): Promise<Buffer> {
  await ensureVisible(ui(page), button('Chat als PDF speichern'), 'Chat');
  const save = page.getByRole('button', { name: 'Chat als PDF speichern', exact: true });
  const [download] = await Promise.all([page.waitForEvent('download'), save.first().click()]);
  return readDownload(download);
}

/** The host ends the consultation for everyone (leave dialog → "Für alle beenden"). */
export async function endForEveryone(host: AnyPage): Promise<void> {
  await ui(host).click(button('Verlassen'));
  await ui(host).click(button('Für alle beenden'));
  await waitForSnapshot(host, (s) => s.state === 'ended', EXPECT_MS, 'host call ended');
}

/** The page of a link that cannot be used (expired, revoked, ended, unknown); returns its main text. */
export async function expectInvalidLinkPage(page: Page): Promise<string> {
  await ui(page).waitFor(heading('Dieser Link kann nicht verwendet werden'));
  await page.getByText('Bitte wenden Sie sich an die Praxis', { exact: false }).waitFor();
  return (await page.getByRole('main').innerText()).trim();
}

/** Opens `link` afresh (a fragment-only change does not reload the app) and expects the invalid page. */
export async function expectEndedLinkPage(page: Page, link: string): Promise<string> {
  await page.goto('/privacy');
  await page.goto(link);
  return expectInvalidLinkPage(page);
}

/** The not-yet-valid page names the opening time (as the browser formats it). */
export async function expectNotYetValidPage(page: Page, opensAt: Date): Promise<void> {
  await ui(page).waitFor(heading('Ihr Termin hat noch nicht begonnen'));
  const time = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    opensAt.toISOString(),
  );
  await page.getByText(`Der Link gilt ab`, { exact: false }).filter({ hasText: time }).first().waitFor();
}

/** The host's notice of the refusal, and the refused guest's message that the call is full. */
export async function expectRefusedShown(host: Page, refused: Page, name: string): Promise<void> {
  await host
    .getByText(new RegExp(`${name} konnte um .* nicht beitreten: Die Sprechstunde ist voll`))
    .first()
    .waitFor();
  const refusedText = await refused
    .getByRole('main')
    .innerText()
    .catch(() => '');
  await refused
    .getByText(/voll/)
    .first()
    .waitFor()
    .catch(() => {
      throw new Error(`the refused guest's page shows no message that the call is full (main text: ${JSON.stringify(refusedText)})`);
    });
}

/** Polls the page's call snapshot until `predicate` holds; returns that snapshot. */
export async function waitForSnapshot(
  page: AnyPage,
  predicate: (snapshot: CallSnapshotJson) => boolean,
  timeoutMs = 15_000,
  what = 'call state',
): Promise<CallSnapshotJson> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await callSnapshot(page).catch(() => null);
    if (last && predicate(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`${what} not reached within ${timeoutMs} ms; last snapshot: ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a page shows as the safety code of its connection to `name` (P-12): the code behind the words, the words, the digits. */
export interface ShownSafetyCode {
  code: string;
  words: string[];
  digits: string;
  badge: string;
}

/** Waits until the page's tile for `name` shows a safety code, and reads it from the page. */
export async function shownSafetyCode(page: AnyPage, name: string, timeoutMs = 30_000): Promise<ShownSafetyCode> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await ui(page).evaluate((who: string) => {
      // The e2e code has no DOM types: the little it needs of an element.
      interface El {
        getAttribute(name: string): string | null;
        textContent: string | null;
        querySelector(selector: string): El | null;
        querySelectorAll(selector: string): ArrayLike<El>;
      }
      const doc = (globalThis as unknown as { document: El }).document;
      const tile = Array.from(doc.querySelectorAll('figure.tile')).find((figure) => figure.getAttribute('aria-label') === who);
      const list = tile?.querySelector('[data-testid="safety-words"]');
      if (!tile || !list) return null;
      return {
        code: list.getAttribute('data-code') ?? '',
        words: Array.from(list.querySelectorAll('li')).map((item) => item.textContent ?? ''),
        digits: tile.querySelector('[data-testid="safety-digits"]')?.textContent ?? '',
        badge: tile.querySelector('[data-testid="safety-code"] summary')?.textContent ?? '',
      };
    }, name);
    if (shown) return shown;
    if (Date.now() > deadline) throw new Error(`no safety code shown for ${name} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
