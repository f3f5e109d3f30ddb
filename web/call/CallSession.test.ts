import { describe, expect, it, vi } from 'vitest';
import { RESUME_GRACE_MS } from '../../common/signaling';
import type { CallSession } from './CallSession';
import type { CallSnapshot, CallState, ParticipantView } from './types';
import type { FakePeerConnection } from './testing/fakeRtc';
import { callWorld, fakeTimersInEachTest, hostWithAdmittedGuest, run } from './testing/harness';

const world = () => callWorld({ statsIntervalMs: 2000 });

const view = (s: CallSession, id: string): ParticipantView | undefined => s.getSnapshot().participants.find((p) => p.id === id);

function recordStates(s: CallSession): CallState[] {
  const states: CallState[] = [];
  s.subscribe(() => {
    const state = s.getSnapshot().state;
    if (states.at(-1) !== state) states.push(state);
  });
  return states;
}

/** Host and an admitted guest in a connected call, both with camera and microphone. */
async function connectedPair() {
  const w = world();
  return { ...w, ...(await hostWithAdmittedGuest(w)) };
}

fakeTimersInEachTest();

describe('CallSession: waiting room and admission', () => {
  it('puts the guest in the waiting room, relays a host text, connects both after admission', async () => {
    const w = world();
    w.server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    w.server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
    const host = w.session('host');
    const loadIce = vi.fn(async () => ({ iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'u', credential: 'c' }] }));
    const guest = w.session('guest', { iceConfiguration: loadIce, relayOnly: true });
    const hostStates = recordStates(host);
    const guestStates = recordStates(guest);
    await host.startMedia();
    await guest.startMedia();
    host.join();
    guest.join();
    await run(50);

    expect(host.getSnapshot().state).toBe('connected'); // alone in the room
    expect(guest.getSnapshot().state).toBe('waiting');
    expect(guest.getSnapshot().participants.map((p) => p.displayName)).toEqual(['Dr. Weiß']);
    expect(view(host, 'guest')).toMatchObject({ displayName: 'Jürgen Groß', status: 'waiting', link: null });
    expect(loadIce).not.toHaveBeenCalled(); // TURN credentials only after admission

    host.sendWaitingMessage('guest', '5 Minuten, bitte');
    await run(10);
    expect(guest.getSnapshot().waitingMessages).toMatchObject([{ fromName: 'Dr. Weiß', text: '5 Minuten, bitte' }]);

    host.admit('guest');
    await run(200);
    expect(loadIce).toHaveBeenCalledTimes(1);
    const guestPc = w.network.all().find((pc) => pc.configuration.iceTransportPolicy === 'relay');
    expect(guestPc).toBeDefined();
    expect(host.getSnapshot().state).toBe('connected');
    expect(guest.getSnapshot().state).toBe('connected');
    // Notifications are batched per task, so the initial idle may be folded into joining.
    expect(guestStates.filter((state) => state !== 'idle')).toEqual(['joining', 'waiting', 'joining', 'connected']);
    expect(hostStates.filter((state) => state !== 'idle')).toEqual(['joining', 'connected']);

    const seenByHost = view(host, 'guest');
    expect(seenByHost).toMatchObject({ status: 'admitted', link: 'connected', online: true });
    expect(seenByHost?.media).toMatchObject({ audio: true, video: true, screen: false });
    expect(
      seenByHost?.cameraStream
        ?.getTracks()
        .map((t) => t.kind)
        .sort(),
    ).toEqual(['audio', 'video']);
    expect(view(guest, 'host')?.cameraStream?.id).toBe(host.getSnapshot().local.cameraStream?.id);
    // P-16: names, roles, status and media flags only (the safety code is derived in this browser).
    expect(Object.keys(guest.getSnapshot().participants[0] ?? {}).sort()).toEqual(
      ['cameraStream', 'displayName', 'id', 'link', 'media', 'online', 'role', 'safetyCode', 'screenStream', 'stats', 'status'].sort(),
    );
  });

  it('declined guests end with reason `declined`', async () => {
    const w = world();
    w.server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    w.server.register({ id: 'guest', displayName: 'Erika', role: 'guest' });
    const host = w.session('host');
    const guest = w.session('guest');
    host.join();
    guest.join();
    await run(50);
    host.decline('guest');
    await run(50);
    expect(guest.getSnapshot()).toMatchObject({ state: 'ended', endReason: 'declined' });
    expect(host.getSnapshot().participants).toEqual([]);
  });

  it('keeps a sixth guest waiting and tells the host (P-13); the five form a full mesh', async () => {
    const w = world();
    w.server.register({ id: 'h', displayName: 'Host', role: 'host' });
    const ids = ['g1', 'g2', 'g3', 'g4', 'g5'];
    for (const id of ids) w.server.register({ id, displayName: `Gast ${id}`, role: 'guest' });
    const sessions = new Map([['h', w.session('h')], ...ids.map((id) => [id, w.session(id)] as const)]);
    for (const s of sessions.values()) {
      await s.startMedia();
      s.join();
    }
    await run(50);
    const host = sessions.get('h') as CallSession;
    for (const id of ids) host.admit(id);
    await run(500);

    const five = [...sessions.entries()].filter(([id]) => id !== 'g5');
    for (const [, s] of five) {
      expect(s.getSnapshot().state).toBe('connected');
      const links = s
        .getSnapshot()
        .participants.filter((p) => p.status === 'admitted')
        .map((p) => p.link);
      expect(links).toEqual(['connected', 'connected', 'connected', 'connected']);
      for (const p of s.getSnapshot().participants.filter((q) => q.status === 'admitted')) {
        expect(p.cameraStream?.getVideoTracks()).toHaveLength(1);
      }
    }
    const sixth = sessions.get('g5') as CallSession;
    expect(sixth.getSnapshot()).toMatchObject({ state: 'waiting', lastServerError: { code: 'room_full' } });
    expect(host.getSnapshot().refused).toMatchObject([{ displayName: 'Gast g5', reason: 'room_full' }]);
    expect(w.network.all().length).toBe(20); // 10 pairs, one connection on each side
  });
});

describe('CallSession: media', () => {
  it('mute and camera off reach the other side; camera switching needs no renegotiation', async () => {
    const { host, guest, network } = await connectedPair();
    const offersBefore = network.all().reduce((sum, pc) => sum + pc.counts.offers, 0);
    host.setMicrophoneEnabled(false);
    await host.setCameraEnabled(false);
    await run(20);
    expect(view(guest, 'host')?.media).toMatchObject({ audio: false, video: false });
    expect(host.getSnapshot().local.audioTrack?.enabled).toBe(false);
    expect(host.getSnapshot().local.videoTrack).toBeNull();

    await host.setCameraEnabled(true);
    expect(await host.selectDevice('videoinput', 'cam-2')).toBeNull();
    host.setMicrophoneEnabled(true);
    await run(20);
    expect(host.getSnapshot().local.videoTrack?.label).toBe('USB camera');
    expect(view(guest, 'host')?.media).toMatchObject({ audio: true, video: true });
    const local = host.getSnapshot().local;
    const hostPc = network.all().find((pc) => pc.getSenders().some((sender) => sender.track === (local.audioTrack as unknown)));
    const videoSender = hostPc?.getSenders().find((sender) => sender.kind === 'video');
    expect(videoSender?.track).toBe(local.videoTrack as unknown); // replaced in place
    expect(videoSender?.streamIds).toEqual([local.cameraStream?.id]);
    expect(network.all().reduce((sum, pc) => sum + pc.counts.offers, 0)).toBe(offersBefore);
  });

  it('screen sharing arrives as a second stream the other side tells apart from the camera', async () => {
    const { host, guest, devices } = await connectedPair();
    expect(await guest.startScreenShare()).toBeNull();
    await run(50);
    const seen = view(host, 'guest');
    expect(seen?.media.screen).toBe(true);
    expect(seen?.screenStream?.getVideoTracks()).toHaveLength(1);
    expect(seen?.screenStream?.id).not.toBe(seen?.cameraStream?.id);
    expect(seen?.cameraStream?.getVideoTracks()).toHaveLength(1);

    // The user stops sharing from the browser's own bar.
    const screenTrack = devices.get('guest')?.issued.find((t) => t.label.startsWith('screen'));
    screenTrack?.endFromBrowser();
    await run(50);
    expect(view(host, 'guest')?.screenStream).toBeNull();
    expect(guest.getSnapshot().local.screenSharing).toBe(false);
  });
});

describe('CallSession: resilience', () => {
  it('keeps the call connected while the signaling server restarts, then resumes without a ghost', async () => {
    const { host, guest, server, network } = await connectedPair();
    const hostStates = recordStates(host);
    const guestStates = recordStates(guest);
    server.restart();
    await run(3000);
    expect(host.getSnapshot().signaling).toBe('reconnecting');
    expect(host.getSnapshot().state).toBe('connected'); // media is peer-to-peer
    server.up();
    await run(12_000);
    expect(host.getSnapshot().signaling).toBe('open');
    expect(guest.getSnapshot().signaling).toBe('open');
    expect(hostStates).not.toContain('reconnecting');
    expect(guestStates).not.toContain('reconnecting');
    const hellos = server.received.filter((r) => r.message.type === 'hello');
    expect(hellos.filter((r) => 'resumeToken' in r.message && r.message.resumeToken)).toHaveLength(2);
    expect(host.getSnapshot().participants.map((p) => p.id)).toEqual(['guest']);
    expect(view(host, 'guest')?.online).toBe(true);
    expect(network.all().every((pc) => pc.connectionState === 'connected')).toBe(true);
    // signaling works again: a renegotiation (screen share) goes through
    await guest.startScreenShare();
    await run(50);
    expect(view(host, 'guest')?.screenStream).not.toBeNull();
  });

  it('keeps the peer connections when a restarted server lists the other side only after it is back', async () => {
    const { host, guest, server, network } = await connectedPair();
    const connections = network.all().length;
    server.restart({ loseRoom: true });
    await run(3000);
    server.up();
    // Whoever reconnects first gets a welcome without the other; their link must stay (media flows).
    await run(12_000);
    expect(host.getSnapshot().signaling).toBe('open');
    expect(guest.getSnapshot().signaling).toBe('open');
    expect(network.all().length).toBe(connections);
    expect(network.all().every((pc) => pc.connectionState === 'connected')).toBe(true);
    expect(view(host, 'guest')).toMatchObject({ online: true, link: 'connected' });
    expect(view(guest, 'host')).toMatchObject({ online: true, link: 'connected' });
    expect(host.getSnapshot().participants).toHaveLength(1);
  });

  it('drops a peer kept through a restart when it does not come back within the resume grace', async () => {
    const { host, guest, server } = await connectedPair();
    server.restart({ loseRoom: true });
    guest['signaling'].close(); // its signaling never comes back (media still flows meanwhile)
    server.up();
    await run(12_000);
    expect(host.getSnapshot().signaling).toBe('open');
    expect(view(host, 'guest')).toMatchObject({ online: false, link: 'connected' });
    await run(RESUME_GRACE_MS);
    expect(host.getSnapshot().participants).toEqual([]);
  });

  it('restarts ICE after a network failure and on the browser `online` event', async () => {
    const w = world();
    w.server.register({ id: 'host', displayName: 'Dr. Weiß', role: 'host' });
    w.server.register({ id: 'guest', displayName: 'Jürgen Groß', role: 'guest' });
    const online = new EventTarget();
    const host = w.session('host', { networkEvents: online });
    const guest = w.session('guest');
    host.join();
    guest.join();
    await run(50);
    host.admit('guest');
    await run(200);
    const hostStates = recordStates(host);
    const [pc] = w.network.all();
    w.network.cut(pc as FakePeerConnection, 4000);
    await run(20);
    expect(host.getSnapshot().state).toBe('reconnecting');
    expect(view(host, 'guest')?.link).toBe('reconnecting');
    await run(5000);
    w.network.heal(pc as FakePeerConnection);
    await run(20_000);
    expect(host.getSnapshot().state).toBe('connected');
    expect(hostStates).toEqual(['reconnecting', 'connected']);

    const restarts = w.network.all().reduce((sum, p) => sum + p.counts.restarts, 0);
    online.dispatchEvent(new Event('online'));
    await run(100);
    expect(w.network.all().reduce((sum, p) => sum + p.counts.restarts, 0)).toBe(restarts + 1);
    expect(host.getSnapshot().state).toBe('connected');
  });

  it('reconnects after the guest reloads the page (new peer connection, same participant)', async () => {
    const { host, guest, session, logger } = await connectedPair();
    // The reloaded page has a new peer connection (new DTLS fingerprint) but the same participant id
    // (guest cookie) and no resume token. The host's old link cannot take its offer and resets.
    const reloaded = session('guest');
    await reloaded.startMedia();
    reloaded.join();
    // The reloaded guest is the polite side: it waits a second for an offer before it offers itself.
    await run(1500);
    expect(reloaded.getSnapshot().state).toBe('connected');
    expect(view(reloaded, 'host')?.link).toBe('connected');
    expect(view(host, 'guest')?.link).toBe('connected');
    expect(host.getSnapshot().participants).toHaveLength(1);
    expect(guest.getSnapshot()).toMatchObject({ state: 'ended', endReason: 'replaced' });
    expect(logger.lines.some((l) => l.message === 'link: remote description refused; resetting the link')).toBe(true);
  });
});

describe('CallSession: chat, files, end', () => {
  it('exchanges chat and a file peer-to-peer; after the host ends, the chat is still exportable', async () => {
    const { host, guest, devices, server } = await connectedPair();
    host.sendChat('Guten Tag! Bitte schicken Sie mir den Befund.');
    await run(20);
    expect(guest.getSnapshot().chat).toMatchObject([{ from: 'host', fromName: 'Dr. Weiß' }]);
    expect(guest.getSnapshot().hasUnsavedContent).toBe(true);

    const data = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    const result = await guest.sendFile(new Blob([data], { type: 'application/pdf' }), 'Befund.pdf');
    expect(result.ok).toBe(true);
    await run(500);
    const received = host.getSnapshot().transfers[0];
    expect(received).toMatchObject({ state: 'done', name: 'Befund.pdf', size: data.length, direction: 'incoming' });
    expect(guest.getSnapshot().transfers[0]?.state).toBe('done');

    const ticket = { ticket: 'v1.sealed', to: 'd***@example.org', remaining: 2, expiresAt: Date.now() + 60_000 };
    server.chatMailAtEnd = { guest: ticket };
    host.end();
    await run(50);
    expect(host.getSnapshot()).toMatchObject({ state: 'ended', endReason: 'ended', chatMailAfterEnd: null });
    // P-11: the guest keeps the ticket the end handed over, to have the chat mailed from the ended page.
    expect(guest.getSnapshot()).toMatchObject({ state: 'ended', endReason: 'ended', chatMailAfterEnd: ticket });
    for (const d of devices.values()) expect(d.liveTracks()).toEqual([]);
    const pdf = guest.exportChatPdf({ title: 'Videosprechstunde' });
    const text = new TextDecoder('latin1').decode(await pdf.arrayBuffer());
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain('Guten Tag! Bitte schicken Sie mir den Befund.');
    expect(text).toContain('Dr. Wei\\337, J\\374rgen Gro\\337');
  });

  it('leave() ends locally and frees the place on the server', async () => {
    const { guest, host, server } = await connectedPair();
    guest.leave();
    await run(50);
    expect(guest.getSnapshot()).toMatchObject({ state: 'ended', endReason: 'left' });
    expect(server.entries.has('guest')).toBe(false);
    expect(host.getSnapshot().participants).toEqual([]);
    expect(host.getSnapshot().state).toBe('connected');
  });
});

describe('CallSession: snapshots and logs', () => {
  it('returns the same snapshot until something changes, then notifies once per batch', async () => {
    const { host } = await connectedPair();
    const first = host.getSnapshot();
    expect(host.getSnapshot()).toBe(first);
    let calls = 0;
    host.subscribe(() => calls++);
    host.setMicrophoneEnabled(false);
    host.sendChat('x');
    await run(1);
    expect(calls).toBeGreaterThanOrEqual(1);
    const second: CallSnapshot = host.getSnapshot();
    expect(second).not.toBe(first);
    expect(first.local.audioEnabled).toBe(true);
    expect(second.local.audioEnabled).toBe(false);
  });

  it('logs transitions at debug level and never SDP, candidates, names or chat text', async () => {
    const { host, logger } = await connectedPair();
    host.sendChat('Vertraulicher Befund');
    await run(20);
    const text = JSON.stringify(logger.lines);
    for (const secret of ['FAKE {', 'candidate:', 'ufrag', 'Weiß', 'Groß', 'Vertraulicher']) expect(text).not.toContain(secret);
    expect(logger.lines.some((l) => l.level === 'debug' && l.message === 'link: state')).toBe(true);
    expect(logger.lines.some((l) => l.level === 'debug' && l.message === 'signaling: state')).toBe(true);
  });
});
