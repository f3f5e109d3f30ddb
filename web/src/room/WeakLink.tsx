import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BANDWIDTH_MODES, type BandwidthMode, type CallSession, type CallSnapshot } from '../../call';
import { writeBandwidthMode } from './bandwidthPreference';

/**
 * Weak links in words (A31b-8): "Your connection is weak: video paused, audio continues" while the
 * engine has paused our video to someone, and "<name>'s connection is weak: video paused" for each
 * participant who paused theirs to us (announced in their media state).
 */
export function WeakLinkNotices({ snapshot }: { snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const links = Object.values(snapshot.adaptation.links);
  const selfId = snapshot.self?.id;
  const self = links.some((link) => link.weak)
    ? t('room.weakLink.self')
    : links.some((link) => link.networkLevel !== 'full' && link.networkLevel !== 'paused')
      ? t('room.weakLink.selfReduced')
      : null;
  const others = snapshot.participants.filter((p) => p.status === 'admitted' && selfId !== undefined && p.media.videoPausedTo?.includes(selfId));
  if (!self && others.length === 0) return null;
  return (
    <div className="call-banner weak-link" role="status" data-testid="weak-link">
      {self ? <span>{self}</span> : null}
      {others.map((p) => (
        <span key={p.id}>{t('room.weakLink.other', { name: p.displayName })}</span>
      ))}
    </div>
  );
}

/** The low-bandwidth switch: off (automatic), small video, audio only; remembered on this device. */
export function BandwidthSwitch({ session, snapshot }: { session: CallSession; snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const id = useId();
  const change = (mode: BandwidthMode) => {
    session.setBandwidthMode(mode);
    writeBandwidthMode(mode);
  };
  return (
    <div className="bandwidth-switch">
      <label htmlFor={id}>{t('room.weakLink.switchLabel')}</label>
      <select id={id} value={snapshot.adaptation.mode} onChange={(event) => change(event.target.value as BandwidthMode)} aria-describedby={`${id}-hint`}>
        {BANDWIDTH_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`room.weakLink.modes.${mode}`)}
          </option>
        ))}
      </select>
      <span id={`${id}-hint`} className="visually-hidden">
        {t('room.weakLink.switchHint')}
      </span>
    </div>
  );
}
