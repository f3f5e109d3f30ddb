import { useEffect, useRef } from 'react';
import type { CallSession } from '../../call';
import { DevicePanel } from '../room/DevicePanel';
import { useCallSession, useCallSnapshot } from '../room/useCall';
import '../room/room.css';

/**
 * The guest's device check (camera preview, level meter, speaker test, device choice, what to do when
 * a device is blocked), without a consultation: the session never joins, so nothing leaves the
 * browser. Loaded only when asked for, since it carries the call engine.
 */
export function DeviceTest() {
  const session = useCallSession('help-device-test', () => ({}));
  const snapshot = useCallSnapshot(session);
  const started = useRef<CallSession | null>(null);
  useEffect(() => {
    // Once per session, also through React's development double effects.
    if (started.current === session) return;
    started.current = session;
    void session.startMedia();
  }, [session]);
  return <DevicePanel session={session} snapshot={snapshot} variant="check" />;
}
