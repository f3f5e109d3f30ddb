import { ui, type AnyPage } from './engines';
import { waitForSnapshot } from './room';

/**
 * What a page's video adaptation (web/call/VideoAdaptation.ts) does on each of its links, read
 * through the test hook `window.__sprechzimmerCall`: to whom its video goes at which level, and
 * the stats sample that decided it. Tests that see a picture stop use it to tell a link that the
 * sender stepped down on purpose (and said so) from one that froze.
 */

export interface LinkAdaptationJson {
  /** The level sent to that participant ('full' | 'reduced' | 'small' | 'paused'). */
  sent: string;
  /** Paused because the link is weak (announced to the other side), not by anyone's switch. */
  weak: boolean;
  reason: string | null;
  availableKbps: number | null;
  sendingKbps: number | null;
  loss: number | null;
  rttMs: number | null;
  qualityLimitation: string | null;
}

interface HookLinkView {
  sentLevel: string;
  weak: boolean;
  reason: string | null;
  signal: {
    availableOutgoingBitrate: number | null;
    sendingBitrate: number | null;
    loss: number | null;
    rttMs: number | null;
    qualityLimitationReason: string | null;
  } | null;
}

interface HookWindow {
  __sprechzimmerCall?: {
    getSnapshot(): {
      participants: readonly { id: string; displayName: string; status: string }[];
      adaptation: { links: Readonly<Record<string, HookLinkView>> };
    };
  };
}

/** Per other admitted participant (by display name): how this page's video goes to them. */
export function adaptationToEach(page: AnyPage): Promise<Record<string, LinkAdaptationJson>> {
  return ui(page).evaluate(() => {
    const session = (globalThis as unknown as HookWindow).__sprechzimmerCall;
    const out: Record<string, LinkAdaptationJson> = {};
    if (!session) return out;
    const snapshot = session.getSnapshot();
    const kbps = (bits: number | null | undefined) => (bits === null || bits === undefined ? null : Math.round(bits / 1000));
    for (const p of snapshot.participants) {
      const view = snapshot.adaptation.links[p.id];
      if (p.status !== 'admitted' || !view) continue;
      out[p.displayName] = {
        sent: view.sentLevel,
        weak: view.weak,
        reason: view.reason,
        availableKbps: kbps(view.signal?.availableOutgoingBitrate),
        sendingKbps: kbps(view.signal?.sendingBitrate),
        loss: view.signal?.loss ?? null,
        rttMs: view.signal?.rttMs ?? null,
        qualityLimitation: view.signal?.qualityLimitationReason ?? null,
      };
    }
    return out;
  });
}

/**
 * Names of the participants who tell this page that their video to it is paused because the link
 * is weak (their media state's `videoPausedTo`): what the page's weak-link notice shows in words
 * (web/src/room/weakLinkState.ts).
 */
export async function pausedToThisPage(page: AnyPage): Promise<string[]> {
  const snapshot = await waitForSnapshot(page, (s) => s.self !== null);
  const selfId = snapshot.self!.id;
  return snapshot.participants.filter((p) => p.status === 'admitted' && p.media.videoPausedTo?.includes(selfId)).map((p) => p.displayName);
}
