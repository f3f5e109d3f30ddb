import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BANDWIDTH_MODES, type BandwidthMode, type CallSession, type CallSnapshot } from '../../call';
import { writeBandwidthMode } from './bandwidthPreference';
import { weakLinkState } from './weakLinkState';

/**
 * Weak links in words (A31b-8): "Your connection is weak: video paused, audio continues" while the
 * engine has paused our video to someone, and "<name>'s connection is weak: video paused" for each
 * participant who paused theirs to us (announced in their media state). The banner is for the eyes;
 * screen readers hear the changes once, through the call's announcer (`weakLinkAnnouncements`).
 */
export function WeakLinkNotices({ snapshot }: { snapshot: CallSnapshot }) {
  const { t } = useTranslation();
  const { self, pausedToUs } = weakLinkState(snapshot);
  if (!self && pausedToUs.length === 0) return null;
  return (
    <div className="call-banner weak-link" data-testid="weak-link">
      {self ? <span>{t(self === 'paused' ? 'room.weakLink.self' : 'room.weakLink.selfReduced')}</span> : null}
      {pausedToUs.map((p) => (
        <span key={p.id}>{t('room.weakLink.other', { name: p.name })}</span>
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
