import { describe, expect, it } from 'vitest';
import { cameraPauseReason, MediaInterruptions, type PageVisibility } from './interruptions';
import { FakeMediaStreamTrack } from './testing/fakeMedia';

class FakeDocument extends EventTarget implements PageVisibility {
  visibilityState: DocumentVisibilityState = 'visible';
  set(state: DocumentVisibilityState): void {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
}

function setup(hiddenPausesCamera: boolean) {
  const page = new FakeDocument();
  const interruptions = new MediaInterruptions({ visibility: page, hiddenPausesCamera });
  const camera = new FakeMediaStreamTrack('video', 'Front', 'front', 'user');
  const microphone = new FakeMediaStreamTrack('audio', 'Mic', 'mic');
  interruptions.watch('camera', camera);
  interruptions.watch('microphone', microphone);
  let changes = 0;
  interruptions.on('change', () => (changes += 1));
  return { page, interruptions, camera, microphone, changes: () => changes };
}

describe('cameraPauseReason', () => {
  it.each([
    [{ hidden: true, cameraMuted: true, hiddenPausesCamera: false }, 'background'],
    [{ hidden: true, cameraMuted: false, hiddenPausesCamera: true }, 'background'],
    [{ hidden: false, cameraMuted: true, hiddenPausesCamera: true }, 'interrupted'],
    // A desktop tab in the background keeps capturing: nothing is paused.
    [{ hidden: true, cameraMuted: false, hiddenPausesCamera: false }, null],
    [{ hidden: false, cameraMuted: false, hiddenPausesCamera: true }, null],
  ])('%o → %s', (input, reason) => {
    expect(cameraPauseReason(input)).toBe(reason);
  });
});

describe('MediaInterruptions', () => {
  it('iOS: the page goes to the background and the camera track is muted → camera paused, back when visible', () => {
    const { page, interruptions, camera } = setup(false);
    const reasons: unknown[] = [];
    interruptions.on('change', () => reasons.push(interruptions.snapshot.cameraPaused));
    page.set('hidden');
    expect(interruptions.snapshot.cameraPaused).toBeNull();
    camera.muteFromSystem();
    expect(interruptions.snapshot.cameraPaused).toBe('background');
    // Visible again before the camera is given back: still paused (the picture has not resumed).
    page.set('visible');
    camera.unmuteFromSystem();
    expect(interruptions.snapshot.cameraPaused).toBeNull();
    expect(reasons).toEqual(['background', 'interrupted', null]);
  });

  it('a phone hidden without a mute event (Android) still counts as paused; a desktop tab does not', () => {
    const phone = setup(true);
    phone.page.set('hidden');
    expect(phone.interruptions.snapshot.cameraPaused).toBe('background');
    const desktop = setup(false);
    desktop.page.set('hidden');
    expect(desktop.interruptions.snapshot.cameraPaused).toBeNull();
  });

  it('no camera, no pause: a camera turned off is announced as off, not paused', () => {
    const { page, interruptions } = setup(true);
    interruptions.watch('camera', null);
    page.set('hidden');
    expect(interruptions.snapshot.cameraPaused).toBeNull();
  });

  it('a phone call takes the microphone (mute) and gives it back (unmute)', () => {
    const { interruptions, microphone } = setup(true);
    microphone.muteFromSystem();
    expect(interruptions.snapshot.microphone).toBe('muted');
    microphone.unmuteFromSystem();
    expect(interruptions.snapshot.microphone).toBeNull();
  });

  it('a microphone the system ended stays interrupted until a new microphone runs', () => {
    const { interruptions, microphone } = setup(true);
    microphone.endFromBrowser();
    expect(interruptions.snapshot.microphone).toBe('ended');
    interruptions.watch('microphone', null);
    expect(interruptions.snapshot.microphone).toBe('ended');
    interruptions.watch('microphone', new FakeMediaStreamTrack('audio', 'Mic', 'mic'));
    expect(interruptions.snapshot.microphone).toBeNull();
  });

  it('stops listening to replaced tracks and, once stopped, to the page', () => {
    const { page, interruptions, camera, changes } = setup(false);
    interruptions.watch('camera', new FakeMediaStreamTrack('video', 'Back', 'back', 'environment'));
    camera.muteFromSystem();
    expect(interruptions.snapshot.cameraPaused).toBeNull();
    interruptions.stop();
    page.set('hidden');
    expect(changes()).toBe(0);
  });
});
