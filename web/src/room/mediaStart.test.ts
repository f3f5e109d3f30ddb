import { describe, expect, it } from 'vitest';
import { mayStartMediaNow, mediaNotStarted } from './mediaStart';

const permissions = (states: Record<string, string>) => ({
  query: ({ name }: { name: string }) => Promise.resolve({ state: states[name] ?? 'prompt' }),
});

describe('camera and microphone only after a tap', () => {
  it('may start while a tap is fresh (the button that led here)', async () => {
    expect(await mayStartMediaNow({ userActivation: { isActive: true } }, ['camera', 'microphone'])).toBe(true);
  });

  it('without a tap: only where every permission asked for is granted already (no prompt will show)', async () => {
    const granted = permissions({ camera: 'granted', microphone: 'granted' });
    expect(await mayStartMediaNow({ userActivation: { isActive: false }, permissions: granted }, ['camera', 'microphone'])).toBe(true);
    const micOnly = permissions({ microphone: 'granted' });
    expect(await mayStartMediaNow({ userActivation: { isActive: false }, permissions: micOnly }, ['camera', 'microphone'])).toBe(false);
    // An audio-only consultation asks for the microphone alone.
    expect(await mayStartMediaNow({ userActivation: { isActive: false }, permissions: micOnly }, ['microphone'])).toBe(true);
  });

  it('asks with a button where the browser cannot tell (no userActivation, query throws or is missing)', async () => {
    const throwing = { query: () => Promise.reject(new TypeError("'camera' is not a valid value for name")) };
    expect(await mayStartMediaNow({ permissions: throwing }, ['camera'])).toBe(false);
    expect(await mayStartMediaNow({}, ['camera', 'microphone'])).toBe(false);
  });

  it('the button shows while nothing was asked for yet', () => {
    const none = { audioTrack: null, videoTrack: null, audioError: null, videoError: null, acquiring: false };
    expect(mediaNotStarted(none)).toBe(true);
    expect(mediaNotStarted({ ...none, acquiring: true })).toBe(false);
    expect(mediaNotStarted({ ...none, audioTrack: {} })).toBe(false);
    expect(mediaNotStarted({ ...none, videoError: 'permission-denied' })).toBe(false);
  });
});
