/**
 * Camera and microphone are asked for only after the person tapped (Safari shows its prompt only
 * for a user gesture, and a prompt out of nowhere scares people): the join flow starts them from the
 * "continue to the device check" button. A page that opens straight into the device check or the
 * call (a reload) starts them by itself only while a tap is still fresh
 * (`navigator.userActivation.isActive`) or where both permissions are already granted (no prompt
 * will show); otherwise it shows a button.
 */

export interface MediaStartEnvironment {
  readonly userActivation?: { readonly isActive: boolean };
  readonly permissions?: { query(descriptor: { name: 'camera' | 'microphone' }): Promise<{ readonly state: string }> };
}

export async function mayStartMediaNow(environment: MediaStartEnvironment, kinds: readonly ('camera' | 'microphone')[]): Promise<boolean> {
  if (environment.userActivation?.isActive) return true;
  const permissions = environment.permissions;
  if (!permissions || kinds.length === 0) return false;
  try {
    const states = await Promise.all(kinds.map((name) => permissions.query({ name })));
    return states.every((status) => status.state === 'granted');
  } catch {
    // Browsers that cannot query camera/microphone permissions (Firefox before 131, older Safari)
    // throw a TypeError: we cannot know, so we ask with a button.
    return false;
  }
}

/** Nothing was asked for yet (no track, no error, not asking): the page offers the button. */
export function mediaNotStarted(local: {
  readonly audioTrack: unknown;
  readonly videoTrack: unknown;
  readonly audioError: unknown;
  readonly videoError: unknown;
  readonly acquiring: boolean;
}): boolean {
  return !local.audioTrack && !local.videoTrack && !local.audioError && !local.videoError && !local.acquiring;
}
