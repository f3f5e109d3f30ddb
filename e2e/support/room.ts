import type { Page } from 'playwright-core';

/**
 * Reading a page's call through its test hook `window.__sprechzimmerCall` (the CallSession of the
 * room page; web/README.md) and the browser journeys through the app's pages that tests and the
 * bench share. Snapshots are reduced to JSON (streams and blobs cannot cross evaluate()).
 */

export interface ParticipantSnapshot {
  id: string;
  displayName: string;
  role: 'host' | 'member' | 'guest';
  status: 'waiting' | 'admitted';
  online: boolean;
  media: { audio: boolean; video: boolean; screen: boolean; cameraStreamId: string | null; screenStreamId: string | null };
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

export interface HookWindow {
  __sprechzimmerCall?: HookSession;
}

/** The call as the page's session sees it, or null while the page has no session (yet). */
export function callSnapshot(page: Page): Promise<CallSnapshotJson | null> {
  return page.evaluate(() => {
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
export function mediaFromEach(page: Page): Promise<Record<string, { framesDecoded: number; videoStreams: number; audioPackets: number }>> {
  return page.evaluate(async () => {
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
export function linkDiagnostics(page: Page): Promise<string[]> {
  return page.evaluate(() => {
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
export async function waitingGuestIds(host: Page): Promise<string[]> {
  const snapshot = await callSnapshot(host).catch(() => null);
  return snapshot ? snapshot.participants.filter((p) => p.status === 'waiting').map((p) => p.id) : [];
}

/** Admits everyone waiting, through the host's session (what the admit buttons call). */
export async function admitAll(host: Page): Promise<void> {
  await host.evaluate(() => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    if (!session) throw new Error('no call session on the host page');
    for (const p of session.getSnapshot().participants) if (p.status === 'waiting') session.admit(p.id);
  });
}

/**
 * In the host page: admits the first `count` guests the moment they appear in the waiting room
 * (polled every 5 ms inside the page); resolves with Date.now() of the last admission.
 */
export function admitWhenWaiting(host: Page, count: number): Promise<number> {
  return host.evaluate(
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

/** Opens the host's room page and waits until the host's session is connected to signaling. */
export async function openHostRoom(host: Page, consultationId: string): Promise<void> {
  await host.goto(`/consultations/${consultationId}/room`, { waitUntil: 'domcontentloaded' });
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
}

const EXPECT_MS = 15_000;

async function heading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: EXPECT_MS });
}

/**
 * On a guest page that has just opened its invitation link: confirms name and consent, passes the
 * device check (camera preview and level meter present), and (by default) waits until the page
 * shows the waiting room. The guest never clicks a "knock" button: the call session joins the
 * waiting room by itself.
 */
export async function enterWaitingRoom(guest: Page, options: EnterOptions = {}): Promise<void> {
  await heading(guest, options.expectHostName ? `Videosprechstunde bei ${options.expectHostName}` : /^Videosprechstunde/);
  const name = guest.getByLabel('Ihr vollständiger Name', { exact: true });
  if (options.expectSuggestedName !== undefined) {
    if ((await name.inputValue()) !== options.expectSuggestedName) {
      throw new Error(`name field prefilled with "${await name.inputValue()}", expected "${options.expectSuggestedName}"`);
    }
  }
  if (options.name !== undefined) await name.fill(options.name);
  await guest.getByText('Aufnahmen sind nicht erlaubt', { exact: false }).first().waitFor();
  await guest.getByLabel(/^Ich willige ein, dass meine Daten/).check();
  await guest.getByRole('button', { name: 'Weiter zur Geräteprüfung', exact: true }).click();
  const done = guest.getByRole('button', { name: 'Fertig – zum Wartezimmer', exact: true });
  if (options.waitForWaitingRoom === false) {
    // The session is in the waiting room already during the device check: a host who admits at
    // once takes the guest straight into the call, maybe before the check has rendered.
    const deadline = Date.now() + EXPECT_MS;
    for (;;) {
      const snapshot = await callSnapshot(guest).catch(() => null);
      if (snapshot?.self?.status === 'admitted') return;
      if (Date.now() > deadline) throw new Error(`guest neither admitted nor past the device check: ${JSON.stringify(snapshot)}`);
      if (await done.isVisible().catch(() => false)) await done.click({ timeout: 1_000 }).catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  await heading(guest, 'Kamera und Mikrofon prüfen');
  // The camera preview plays and the level meter is there.
  await guest.getByLabel('Ihr Kamerabild', { exact: true }).first().waitFor();
  await guest.waitForFunction(() => {
    const { document } = globalThis as unknown as { document: { querySelectorAll(selector: string): Iterable<{ videoWidth: number; paused: boolean }> } };
    return [...document.querySelectorAll('video')].some((video) => video.videoWidth > 0 && !video.paused);
  });
  await guest.getByRole('meter', { name: 'Mikrofonpegel' }).waitFor();
  await done.click();
  await heading(guest, 'Bitte warten Sie – Sie werden gleich hereingelassen');
  await waitForSnapshot(guest, (s) => s.state === 'waiting', EXPECT_MS, 'guest in the waiting room');
}

/** Clicks a control of the call's control bar, opening a side panel (chat, waiting room) if needed. */
async function ensureVisible(page: Page, target: ReturnType<Page['getByRole']>, panelButton: string): Promise<void> {
  if (await target.first().isVisible().catch(() => false)) return;
  const button = page.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: new RegExp(`^${panelButton}`) }).first();
  // The button toggles: clicking an open panel would close it while its content is still rendering.
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await target.first().waitFor({ timeout: EXPECT_MS });
}

/** The host lets a waiting guest in by the button named after them. */
export async function admitByName(host: Page, name: string): Promise<void> {
  const button = host.getByRole('button', { name: `${name} hereinlassen`, exact: true });
  await waitForSnapshot(host, (s) => s.participants.some((p) => p.displayName === name && p.status === 'waiting'), EXPECT_MS, `${name} waiting`);
  await ensureVisible(host, button, 'Wartezimmer');
  await button.first().click();
}

/** Mutes or unmutes the page's microphone with the control bar's toggle. */
export async function setMicrophone(page: Page, on: boolean): Promise<void> {
  const controls = page.getByRole('group', { name: 'Steuerung' });
  await controls.getByRole('button', { name: on ? 'Mikrofon einschalten' : 'Mikrofon ausschalten', exact: true }).click();
  await waitForSnapshot(page, (s) => s.local.audioEnabled === on, EXPECT_MS, `microphone ${on ? 'on' : 'off'}`);
}

function chatInput(page: Page) {
  return page.getByRole('textbox', { name: 'Nachricht', exact: true });
}

export async function sendChat(page: Page, text: string): Promise<void> {
  await ensureVisible(page, chatInput(page), 'Chat');
  await chatInput(page).fill(text);
  await page.getByRole('button', { name: 'Senden', exact: true }).click();
  await waitForSnapshot(page, (s) => s.chat.some((m) => m.text === text), EXPECT_MS, 'chat message sent');
}

/** The message is in the page's chat log (opening the chat panel if needed). */
export async function expectChatShown(page: Page, text: string): Promise<void> {
  await waitForSnapshot(page, (s) => s.chat.some((m) => m.text === text), EXPECT_MS, 'chat message received');
  const log = page.getByRole('log').filter({ hasText: text });
  await ensureVisible(page, log, 'Chat');
}

export async function sendFile(page: Page, name: string, content: Buffer, mimeType = 'application/octet-stream'): Promise<void> {
  const input = page.getByLabel('Datei senden', { exact: true });
  if ((await input.count()) === 0 || !(await page.getByRole('log').first().isVisible().catch(() => false))) {
    await ensureVisible(page, chatInput(page), 'Chat');
  }
  await input.setInputFiles({ name, mimeType, buffer: content });
}

/** Waits until `name` has arrived (verified) and downloads it through the page's download link. */
export async function downloadReceivedFile(page: Page, name: string, timeoutMs = 30_000): Promise<Buffer> {
  await waitForSnapshot(page, (s) => s.transfers.some((t) => t.direction === 'incoming' && t.name === name && t.state === 'done'), timeoutMs, `${name} received`);
  const link = page.getByRole('link', { name: `${name} herunterladen`, exact: true });
  await ensureVisible(page, link, 'Chat');
  const [download] = await Promise.all([page.waitForEvent('download'), link.first().click()]);
  return readDownload(download);
}

async function readDownload(download: { path(): Promise<string | null>; failure(): Promise<string | null> }): Promise<Buffer> {
  const file = await download.path();
  if (!file) throw new Error(`download failed: ${await download.failure()}`);
  const { readFile } = await import('node:fs/promises');
  return readFile(file);
}

export async function startScreenShare(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Bildschirm teilen', exact: true }).click();
  await waitForSnapshot(page, (s) => s.local.screenSharing, EXPECT_MS, 'screen sharing');
}

/** Saves the chat as PDF through the chat panel's button; returns the downloaded bytes. */
export async function exportChatPdf(page: Page): Promise<Buffer> {
  const button = page.getByRole('button', { name: 'Chat als PDF speichern', exact: true });
  await ensureVisible(page, button, 'Chat');
  const [download] = await Promise.all([page.waitForEvent('download'), button.first().click()]);
  return readDownload(download);
}

/** The host ends the consultation for everyone (leave dialog → "Für alle beenden"). */
export async function endForEveryone(host: Page): Promise<void> {
  await host.getByRole('group', { name: 'Steuerung' }).getByRole('button', { name: 'Verlassen', exact: true }).click();
  await host.getByRole('button', { name: 'Für alle beenden', exact: true }).click();
  await waitForSnapshot(host, (s) => s.state === 'ended', EXPECT_MS, 'host call ended');
}

/** The page of a link that cannot be used (expired, revoked, ended, unknown); returns its main text. */
export async function expectInvalidLinkPage(page: Page): Promise<string> {
  await heading(page, 'Dieser Link kann nicht verwendet werden');
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
  await heading(page, 'Ihr Termin hat noch nicht begonnen');
  const time = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('de-DE', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
    opensAt.toISOString(),
  );
  await page.getByText(`Der Link gilt ab`, { exact: false }).filter({ hasText: time }).first().waitFor();
}

/** The host's notice of the refusal, and the refused guest's message that the call is full. */
export async function expectRefusedShown(host: Page, refused: Page, name: string): Promise<void> {
  await host.getByText(new RegExp(`${name} konnte um .* nicht beitreten: Die Sprechstunde ist voll`)).first().waitFor();
  const refusedText = await refused.getByRole('main').innerText().catch(() => '');
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
  page: Page,
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
