/**
 * Choosing the loudspeaker needs `HTMLMediaElement.setSinkId` (Chrome, Edge, Firefox ≥ 116). Safari
 * has none (iOS routes sound itself): there the speaker choice is hidden, and the speaker test
 * plays on the system's output.
 */
export function canChooseSpeaker(mediaElementPrototype: object | undefined = globalThis.HTMLMediaElement?.prototype): boolean {
  return mediaElementPrototype !== undefined && 'setSinkId' in mediaElementPrototype;
}

/** The speaker a remote video should play on, or null to leave it to the system. */
export function sinkFor(selected: string | null, mediaElementPrototype?: object): string | null {
  return selected && canChooseSpeaker(mediaElementPrototype) ? selected : null;
}
