import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession, CallSnapshot } from '../../call';
import { AutoplayGate, type AutoplayState } from './autoplay';
import { mediaNotStarted } from './mediaStart';

/**
 * The call's notices about what phones and Safari do to sound and devices: sound waiting for a tap
 * (autoplay.ts), camera and microphone not asked for yet (mediaStart.ts), the camera or microphone
 * taken away by the system (web/call/interruptions.ts).
 */

const alwaysAudible = (): AutoplayState => 'audible';
const noSubscription = () => () => undefined;

/** One autoplay gate for the call view's lifetime, and its state. */
export function useAutoplayGate(): [AutoplayGate | null, AutoplayState] {
  const [gate, setGate] = useState<AutoplayGate | null>(null);
  useEffect(() => {
    const created = new AutoplayGate(navigator, document);
    setGate(created);
    return () => created.stop();
  }, []);
  const state = useSyncExternalStore(gate?.subscribe ?? noSubscription, gate?.getState ?? alwaysAudible);
  return [gate, state];
}

/** "Sound is off until you tap" with the "tap to hear" button, while someone could be heard. */
export function SoundNotice({ gate, state, anyoneToHear }: { gate: AutoplayGate | null; state: AutoplayState; anyoneToHear: boolean }) {
  const { t } = useTranslation();
  if (!gate || state === 'audible' || !anyoneToHear) return null;
  return (
    <div className="call-banner" role="status">
      <span>{state === 'blocked' ? t('room.call.audioBlocked') : t('phone.mutedUntilTap')}</span>
      <button type="button" className="button button-small button-primary" onClick={() => void gate.unlock()}>
        {t('phone.tapToHear')}
      </button>
    </div>
  );
}

/** Camera and microphone were not asked for (a reload without a tap): one button asks. */
export function StartMediaNotice({ session, snapshot }: { session: CallSession; snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const local = snapshot.local;
  if (!mediaNotStarted(local)) return null;
  return (
    <div className="call-banner call-banner-notice">
      <span>{t('phone.startMediaHint')}</span>
      <button type="button" className="button button-small button-primary" onClick={() => void session.startMedia()}>
        {local.audioOnly ? t('phone.startMicrophone') : t('phone.startMedia')}
      </button>
    </div>
  );
}

/**
 * Our own camera or microphone taken by the system. When the microphone comes back (a phone call
 * ended), the others' videos are played again: iOS pauses media elements during the call.
 */
export function InterruptionNotices({ snapshot, gate }: { snapshot: CallSnapshot; gate: AutoplayGate | null }) {
  const { t } = useTranslation();
  const { microphone, cameraPaused } = snapshot.interruptions;
  const wasInterrupted = useRef(false);
  useEffect(() => {
    if (microphone !== null) wasInterrupted.current = true;
    else if (wasInterrupted.current) {
      wasInterrupted.current = false;
      void gate?.resume();
    }
  }, [microphone, gate]);
  if (microphone === null && cameraPaused !== 'interrupted') return null;
  return (
    <div className="call-banner" role="status">
      {microphone === 'muted' ? <span>{t('phone.microphoneMuted')}</span> : null}
      {microphone === 'ended' ? <span>{t('phone.microphoneEnded')}</span> : null}
      {cameraPaused === 'interrupted' ? <span>{t('phone.selfCameraInterrupted')}</span> : null}
    </div>
  );
}
