import { describe, expect, it } from 'vitest';
import type { CallSession } from './CallSession';
import type { PageVisibility } from './interruptions';
import type { FakeMediaStreamTrack } from './testing/fakeMedia';
import { callWorld, fakeTimersInEachTest, hostWithAdmittedGuest, run } from './testing/harness';

/**
 * A phone's camera and microphone taken away by the system, through the session: what the other
 * side is told (media state) and what the person's own snapshot says.
 */

class FakeDocument extends EventTarget implements PageVisibility {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

async function phoneGuestWithHost() {
  const phonePage = new FakeDocument();
  const { host, guest } = await hostWithAdmittedGuest(callWorld(), { guest: { visibility: phonePage, hiddenPausesCamera: true } });
  const guestTrack = (kind: 'audio' | 'video') =>
    (kind === 'audio' ? guest.getSnapshot().local.audioTrack : guest.getSnapshot().local.videoTrack) as unknown as FakeMediaStreamTrack;
  return { host, guest, phonePage, guestTrack };
}

const guestAsSeenByHost = (host: CallSession) => host.getSnapshot().participants.find((p) => p.id === 'guest');

fakeTimersInEachTest();

describe('CallSession on a phone', () => {
  it('the page going to the background tells the other side "camera paused", and coming back clears it', async () => {
    const { host, guest, phonePage, guestTrack } = await phoneGuestWithHost();
    expect(guestAsSeenByHost(host)?.media).toMatchObject({ video: true });
    expect(guestAsSeenByHost(host)?.media.cameraPaused).toBeUndefined();
    phonePage.set('hidden');
    guestTrack('video').muteFromSystem();
    await run(50);
    expect(guest.getSnapshot().interruptions.cameraPaused).toBe('background');
    expect(guestAsSeenByHost(host)?.media).toMatchObject({ video: true, cameraPaused: 'background' });
    phonePage.set('visible');
    guestTrack('video').unmuteFromSystem();
    await run(50);
    expect(guestAsSeenByHost(host)?.media.cameraPaused).toBeUndefined();
  });

  it('a camera switched off is announced as off, never as paused', async () => {
    const { host, guest, phonePage } = await phoneGuestWithHost();
    await guest.setCameraEnabled(false);
    phonePage.set('hidden');
    await run(50);
    expect(guestAsSeenByHost(host)?.media).toMatchObject({ video: false });
    expect(guestAsSeenByHost(host)?.media.cameraPaused).toBeUndefined();
  });

  it('a phone call takes the microphone: the person sees it, the other side sees the microphone off until it is back', async () => {
    const { host, guest, guestTrack } = await phoneGuestWithHost();
    guestTrack('audio').muteFromSystem();
    await run(50);
    expect(guest.getSnapshot().interruptions.microphone).toBe('muted');
    expect(guestAsSeenByHost(host)?.media.audio).toBe(false);
    guestTrack('audio').unmuteFromSystem();
    await run(50);
    expect(guest.getSnapshot().interruptions.microphone).toBeNull();
    expect(guestAsSeenByHost(host)?.media.audio).toBe(true);
  });
});
