import { describe, expect, it } from 'vitest';
import { canChooseSpeaker, sinkFor } from './speakerChoice';

describe('speaker choice by feature detection', () => {
  const chrome = { setSinkId: () => Promise.resolve() };
  const safari = { play: () => Promise.resolve() };

  it('is offered where media elements have setSinkId (Chrome, Edge, Firefox ≥ 116)', () => {
    expect(canChooseSpeaker(chrome)).toBe(true);
    expect(sinkFor('speaker-2', chrome)).toBe('speaker-2');
  });

  it('is hidden in Safari (no setSinkId): sound goes where the system routes it', () => {
    expect(canChooseSpeaker(safari)).toBe(false);
    expect(sinkFor('speaker-2', safari)).toBeNull();
  });

  it('is hidden where there are no media elements at all', () => {
    expect(canChooseSpeaker(undefined)).toBe(false);
  });
});
