import { useTranslation } from 'react-i18next';
import type { LinkStats, ParticipantView, SelfView } from '../../call';
import { mirrorsSelfView, runningFacing, type LocalMediaSnapshot } from '../../call';
import { currentLanguage } from '../i18n';
import { MicLevel } from './DevicePanel';
import { Icon } from './icons';
import { formatBitrate, formatPercent, formatRtt, initials, qualityKey } from './model';
import { SafetyCodeDetails } from './SafetyCodeDetails';
import { StreamVideo } from './StreamVideo';

const localeOf = () => (currentLanguage() === 'en' ? 'en-GB' : 'de-DE');

/** good/fair/poor with the figures behind it (RTT, loss, bitrate) in a disclosure. */
function QualityDetails({ stats, name }: { stats: LinkStats | null; name: string }) {
  const { t } = useTranslation();
  const quality = qualityKey(stats?.quality);
  const locale = localeOf();
  const unknown = t('room.quality.notYet');
  const rows: Array<[string, string]> = [
    [t('room.quality.rtt'), formatRtt(stats?.rttMs ?? null, locale) ?? unknown],
    [t('room.quality.loss'), formatPercent(stats?.packetLoss ?? null, locale) ?? unknown],
    [t('room.quality.inbound'), formatBitrate(stats?.inboundBitrate ?? null, locale) ?? unknown],
    [t('room.quality.outbound'), formatBitrate(stats?.outboundBitrate ?? null, locale) ?? unknown],
    [
      t('room.quality.fps'),
      stats?.framesPerSecond !== null && stats?.framesPerSecond !== undefined
        ? new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(stats.framesPerSecond)
        : unknown,
    ],
    [t('room.quality.route'), stats?.localCandidateType ? t(stats.localCandidateType === 'relay' ? 'room.quality.relay' : 'room.quality.direct') : unknown],
  ];
  return (
    <details className={`quality quality-${quality}`}>
      <summary aria-label={t('room.quality.summaryNamed', { name, quality: t(`room.quality.${quality}`) })}>
        <Icon name="signal" />
        <span className="quality-text">{t(`room.quality.${quality}`)}</span>
      </summary>
      <div className="quality-popover">
        <p className="quality-title">{t('room.quality.title', { name })}</p>
        <dl>
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}

/** A remote participant: camera (with their sound), name only (P-16), mute/camera-off, link state, quality. */
export function ParticipantTile({
  participant,
  sinkId,
  size = 'normal',
  audioOnly = false,
  onConfirmSafetyCode,
}: {
  participant: ParticipantView;
  /** The person heard the same safety code from the other side. */
  onConfirmSafetyCode: (code: string) => void;
  /** P-28: name, avatar and the sound level; no video frame and no "camera off" flag. */
  audioOnly?: boolean;
  sinkId: string | null;
  size?: 'normal' | 'small';
}) {
  const { t } = useTranslation();
  const name = participant.displayName;
  // A paused camera (their phone went to the background) would show its last frame frozen: show them as paused instead.
  const paused = participant.media.video ? (participant.media.cameraPaused ?? null) : null;
  const showVideo = participant.media.video && !paused && participant.cameraStream !== null;
  const audioTrack = participant.cameraStream?.getAudioTracks()[0] ?? null;
  const linkNote =
    participant.link === 'reconnecting'
      ? t('room.tile.reconnecting')
      : participant.link === 'failed'
        ? t('room.tile.failed')
        : participant.link === 'connected'
          ? null
          : t('room.tile.connecting');
  const note = linkNote ?? (paused ? t(paused === 'background' ? 'phone.cameraPausedBackground' : 'phone.cameraPausedInterrupted') : null);
  return (
    <figure className={`tile tile-${size}${showVideo ? '' : ' tile-novideo'}`} aria-label={name}>
      {/* Always mounted: it also plays the participant's sound while their camera is off. */}
      <StreamVideo stream={participant.cameraStream} sinkId={sinkId} className={showVideo ? undefined : 'stream-video-hidden'} />
      {showVideo ? null : (
        <div className="tile-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      {audioOnly && !showVideo ? (
        <div className="tile-level">
          <MicLevel track={audioTrack} label={t('room.tile.levelOf', { name })} />
        </div>
      ) : null}
      {note ? (
        <p className="tile-note" role="status">
          {note}
        </p>
      ) : null}
      <figcaption className="tile-caption">
        <span className="tile-name">{name}</span>
        {participant.media.audio ? null : (
          <span className="tile-flag" title={t('room.tile.micOff')}>
            <Icon name="micOff" />
            <span className="visually-hidden">{t('room.tile.micOff')}</span>
          </span>
        )}
        {paused ? <span className="tile-chip">{t('phone.cameraPaused')}</span> : null}
        {participant.media.video || audioOnly ? null : (
          <span className="tile-flag" title={t('room.tile.cameraOff')}>
            <Icon name="cameraOff" />
            <span className="visually-hidden">{t('room.tile.cameraOff')}</span>
          </span>
        )}
        {participant.online ? null : <span className="tile-chip">{t('room.tile.offline')}</span>}
      </figcaption>
      <QualityDetails stats={participant.stats} name={name} />
      <SafetyCodeDetails participant={participant} onConfirm={onConfirmSafetyCode} />
    </figure>
  );
}

/** The remote screen share, big. */
export function ScreenTile({ participant }: { participant: ParticipantView }) {
  const { t } = useTranslation();
  return (
    <figure className="tile tile-screen" aria-label={t('room.tile.screenOf', { name: participant.displayName })}>
      <StreamVideo stream={participant.screenStream} muted className="stream-video-contain" />
      <figcaption className="tile-caption">
        <Icon name="screen" />
        <span className="tile-name">{t('room.tile.screenOf', { name: participant.displayName })}</span>
      </figcaption>
    </figure>
  );
}

/** Our own picture (muted; mirrored unless it is the back camera), small in a corner. */
export function SelfTile({ self, local }: { self: SelfView | null; local: LocalMediaSnapshot }) {
  const { t } = useTranslation();
  const showVideo = Boolean(local.videoTrack) && local.videoEnabled;
  const name = self?.displayName ?? '';
  return (
    <figure className={`tile tile-self${showVideo ? '' : ' tile-novideo'}`} aria-label={t('room.tile.selfLabel')}>
      {showVideo ? (
        <StreamVideo stream={local.cameraStream} muted mirrored={mirrorsSelfView(runningFacing(local))} />
      ) : (
        <div className="tile-avatar" aria-hidden="true">
          {initials(name)}
        </div>
      )}
      <figcaption className="tile-caption">
        <span className="tile-name">{t('room.tile.you')}</span>
        {local.audioTrack && local.audioEnabled ? null : (
          <span className="tile-flag" title={t('room.tile.micOff')}>
            <Icon name="micOff" />
            <span className="visually-hidden">{t('room.tile.micOff')}</span>
          </span>
        )}
        {local.screenSharing ? <span className="tile-chip">{t('room.tile.sharing')}</span> : null}
      </figcaption>
    </figure>
  );
}
