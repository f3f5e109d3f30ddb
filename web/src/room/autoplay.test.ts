import { describe, expect, it } from 'vitest';
import { AutoplayGate, playMuted, prepareVideo, TAP_EVENTS, type GateVideo } from './autoplay';

/** A <video> as Safari treats it: play() with sound is refused until the page has been tapped. */
class FakeVideo implements GateVideo {
  muted = false;
  playsInline = false;
  autoplay = false;
  paused = true;
  readonly attributes = new Map<string, string>();
  constructor(private readonly browser: FakeBrowser) {}
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  play(): Promise<void> {
    if (!this.muted && !this.browser.soundAllowed) return Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    this.paused = false;
    return Promise.resolve();
  }
}

class FakeBrowser extends EventTarget {
  soundAllowed = false;
  userActivation = { hasBeenActive: false };
  tap(): void {
    this.userActivation.hasBeenActive = true;
    this.soundAllowed = true;
    this.dispatchEvent(new Event('touchend'));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('every video plays inline', () => {
  it('sets playsinline (attribute and property) and autoplay', () => {
    const video = new FakeVideo(new FakeBrowser());
    prepareVideo(video);
    expect(video.attributes.has('playsinline')).toBe(true);
    expect(video.playsInline).toBe(true);
    expect(video.autoplay).toBe(true);
  });

  it('a muted video (self view, screen share) plays without a tap, inline', async () => {
    const video = new FakeVideo(new FakeBrowser());
    expect(await playMuted(video)).toBe(true);
    expect(video).toMatchObject({ muted: true, paused: false, playsInline: true });
  });
});

describe('AutoplayGate', () => {
  it('before any tap: the others play muted, and the first tap anywhere unmutes them', async () => {
    const browser = new FakeBrowser();
    const gate = new AutoplayGate(browser, browser);
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    expect(gate.state).toBe('muted-until-tap');
    expect(video).toMatchObject({ muted: true, paused: false });
    browser.tap();
    await settle();
    expect(gate.state).toBe('audible');
    expect(video).toMatchObject({ muted: false, paused: false });
  });

  it("after the join flow's taps: sound from the start", async () => {
    const browser = new FakeBrowser();
    browser.tap();
    const gate = new AutoplayGate(browser, browser);
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    expect(gate.state).toBe('audible');
    expect(video.muted).toBe(false);
  });

  it('a browser without navigator.userActivation waits for a tap (muted picture meanwhile)', async () => {
    const browser = new FakeBrowser();
    const gate = new AutoplayGate({}, browser);
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    expect(video).toMatchObject({ muted: true, paused: false });
  });

  it('sound refused even so (NotAllowedError): the picture stays, muted, and "tap to hear" unmutes', async () => {
    const browser = new FakeBrowser();
    browser.userActivation.hasBeenActive = true; // the page thinks it was tapped, the browser still refuses sound
    const gate = new AutoplayGate(browser, browser);
    const states: string[] = [];
    gate.subscribe(() => states.push(gate.state));
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    expect(gate.state).toBe('blocked');
    expect(video).toMatchObject({ muted: true, paused: false });
    // The button's tap is a gesture: the browser now allows sound.
    browser.soundAllowed = true;
    await gate.unlock();
    expect(states).toEqual(['blocked', 'audible']);
    expect(video.muted).toBe(false);
  });

  it('a tap that still does not allow sound leaves the button there', async () => {
    const browser = new FakeBrowser();
    const gate = new AutoplayGate(browser, browser);
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    await gate.unlock();
    expect(gate.state).toBe('blocked');
    expect(video).toMatchObject({ muted: true, paused: false });
  });

  it('listens for taps only until sound is on, and forgets detached videos', async () => {
    const added: string[] = [];
    const removed: string[] = [];
    const taps = {
      addEventListener: (type: string) => added.push(type),
      removeEventListener: (type: string) => removed.push(type),
    };
    const browser = new FakeBrowser();
    browser.soundAllowed = true;
    const gate = new AutoplayGate(browser, taps);
    expect(added).toEqual([...TAP_EVENTS]);
    const video = new FakeVideo(browser);
    const detach = gate.attach(video);
    detach();
    await gate.unlock();
    expect(removed).toEqual([...TAP_EVENTS]);
    // A detached video is not touched by the unlock.
    expect(video.muted).toBe(true);
  });

  it('resume() plays every video again (iOS pauses them during a phone call)', async () => {
    const browser = new FakeBrowser();
    browser.tap();
    const gate = new AutoplayGate(browser, browser);
    const video = new FakeVideo(browser);
    gate.attach(video);
    await settle();
    video.paused = true;
    await gate.resume();
    expect(video).toMatchObject({ paused: false, muted: false });
  });
});
