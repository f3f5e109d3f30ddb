import { describe, expect, it } from 'vitest';
import { isRoomPath } from './IncomingCall';

describe('isRoomPath: where a colleague call never rings (Anlage 31b)', () => {
  it.each(['/consultations/3f1c/room', '/consultations/3f1c/room/', '/calls/3f1c', '/join'])('%s is a room page', (path) => {
    expect(isRoomPath(path)).toBe(true);
  });
  it.each(['/dashboard', '/consultations/3f1c', '/consultations/new', '/contacts', '/calls', '/joined'])('%s is not', (path) => {
    expect(isRoomPath(path)).toBe(false);
  });
});
