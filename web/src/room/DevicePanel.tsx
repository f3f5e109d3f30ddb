import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canSwitchFacing, mirrorsSelfView, runningFacing, type CallSession, type CallSnapshot, type DeviceInfo, type MediaErrorKind } from '../../call';
import { playTestTone, unlockAudio, watchLevel } from './audio';
import { Icon } from './icons';
import { HEARD_THRESHOLD } from './levels';
import { browserHelpOrder, detectBrowser, deviceProblemKey, type BrowserFamily } from './model';
import { canChooseSpeaker } from './speakerChoice';
import { StreamVideo } from './StreamVideo';

/** The microphone level as a bar (role meter, value updated twice a second for assistive technology). */
export function MicLevel({
  track,
  label,
}: {
  track: MediaStreamTrack | null;
  /** Another person's sound (an audio-only tile): no advice text. */ label?: string;
}) {
  const { t } = useTranslation();
  const bar = useRef<HTMLDivElement>(null);
  const meter = useRef<HTMLDivElement>(null);
  const [heard, setHeard] = useState(false);

  useEffect(() => {
    if (!track) return;
    // The bar element of this render: the cleanup resets the same one.
    const barElement = bar.current;
    let lastHeard = 0;
    let lastReport = 0;
    const stop = watchLevel(track, (level) => {
      const now = performance.now();
      if (barElement) barElement.style.transform = `scaleX(${(1 - level).toFixed(3)})`;
      if (level >= HEARD_THRESHOLD) lastHeard = now;
      if (now - lastReport > 500) {
        lastReport = now;
        meter.current?.setAttribute('aria-valuenow', String(Math.round(level * 100)));
        setHeard(now - lastHeard < 2500);
      }
    });
    return () => {
      stop();
      if (barElement) barElement.style.transform = 'scaleX(1)';
    };
  }, [track]);

  return (
    <div className="mic-level">
      <div
        ref={meter}
        className="mic-level-meter"
        role="meter"
        aria-label={label ?? t('room.devices.level')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={0}
      >
        <div ref={bar} className="mic-level-cover" />
      </div>
      {label ? null : (
        <p className="mic-level-text">
          {!track
            ? t('room.devices.levelNoMic')
            : track.enabled
              ? heard
                ? t('room.devices.levelHeard')
                : t('room.devices.levelSpeak')
              : t('room.devices.levelMuted')}
        </p>
      )}
    </div>
  );
}

function SpeakerTest({ sinkId }: { sinkId: string | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'playing' | 'played' | 'failed'>('idle');
  async function play(): Promise<void> {
    unlockAudio();
    setState('playing');
    try {
      await playTestTone(sinkId);
      setState('played');
    } catch {
      setState('failed');
    }
  }
  return (
    <div className="speaker-test">
      <button type="button" className="button button-secondary" onClick={() => void play()} disabled={state === 'playing'}>
        <Icon name="speaker" />
        {state === 'playing' ? t('room.devices.speakerPlaying') : t('room.devices.speakerTest')}
      </button>
      <p className="field-hint" role="status">
        {state === 'played' ? t('room.devices.speakerPlayed') : state === 'failed' ? t('room.devices.speakerFailed') : ''}
      </p>
    </div>
  );
}

function DeviceSelect({
  kind,
  label,
  devices,
  selected,
  onSelect,
}: {
  kind: MediaDeviceKind;
  label: string;
  devices: readonly DeviceInfo[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const options = devices.filter((device) => device.kind === kind && device.deviceId);
  if (options.length === 0) return null;
  const value = selected && options.some((option) => option.deviceId === selected) ? selected : (options[0]?.deviceId ?? '');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onSelect(event.target.value)}>
        {options.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || t('room.devices.unnamed', { kind: label, number: index + 1 })}
          </option>
        ))}
      </select>
    </div>
  );
}

function PermissionHelp({ browser }: { browser: BrowserFamily }) {
  const { t } = useTranslation();
  const [first, ...others] = browserHelpOrder(browser);
  return (
    <div className="permission-help">
      {first ? (
        <p>
          <strong>{t(`room.permissionHelp.name.${first}`)}:</strong> {t(`room.permissionHelp.steps.${first}`)}
        </p>
      ) : null}
      <details>
        <summary>{t('room.permissionHelp.otherBrowsers')}</summary>
        <ul>
          {others.map((family) => (
            <li key={family}>
              <strong>{t(`room.permissionHelp.name.${family}`)}:</strong> {t(`room.permissionHelp.steps.${family}`)}
            </li>
          ))}
        </ul>
        <p>{t('room.permissionHelp.system')}</p>
      </details>
      <p>
        {/* A new tab: following it in this one would end the call or the device check. */}
        <a href="/help#camera" target="_blank" rel="noopener">
          {t('help.roomLink')}
        </a>
      </p>
    </div>
  );
}

function DeviceProblem({ device, kind }: { device: 'camera' | 'microphone'; kind: MediaErrorKind }) {
  const { t } = useTranslation();
  const problem = deviceProblemKey(kind);
  const browser = detectBrowser(navigator.userAgent, navigator.maxTouchPoints);
  return (
    <div className="alert alert-warning device-problem">
      <p>
        <strong>{t(`room.devices.${device}`)}:</strong> {t(`room.deviceProblem.${problem}`)}
      </p>
      {problem === 'denied' ? <PermissionHelp browser={browser} /> : null}
    </div>
  );
}

/**
 * Camera preview, microphone level, speaker test, device selection and what to do when a device is
 * missing or blocked. `variant="check"` is the guest's device check before the waiting room;
 * `variant="settings"` is the panel inside the call (the self-view is the preview there).
 */
export function DevicePanel({ session, snapshot, variant }: { session: CallSession; snapshot: CallSnapshot; variant: 'check' | 'settings' }) {
  const { t } = useTranslation();
  const local = snapshot.local;
  const [selectError, setSelectError] = useState<MediaErrorKind | null>(null);
  const select = (kind: MediaDeviceKind, id: string) => {
    setSelectError(null);
    void session.selectDevice(kind, id).then((error) => setSelectError(error));
  };
  const hasProblem = Boolean(local.audioError || local.videoError);
  const retryable = hasProblem && local.audioError !== 'unsupported' && local.videoError !== 'unsupported';

  return (
    <div className={`device-panel device-panel-${variant}`}>
      {variant === 'check' && local.audioOnly ? (
        <p className="device-audio-only" role="note">
          {t('room.audioOnly.checkText')}
        </p>
      ) : variant === 'check' ? (
        <div className="device-preview">
          {local.videoTrack ? (
            <>
              <StreamVideo stream={local.cameraStream} muted mirrored={mirrorsSelfView(runningFacing(local))} label={t('room.devices.preview')} />
              {canSwitchFacing(local.devices, local.videoTrack) ? (
                <button
                  type="button"
                  className="button button-small button-secondary device-switch-camera"
                  onClick={() => void session.switchCameraFacing()}
                  disabled={local.acquiring}
                >
                  <Icon name="switchCamera" />
                  {t('phone.switchCamera')}
                </button>
              ) : null}
            </>
          ) : (
            <div className="device-preview-empty">
              <Icon name="cameraOff" />
              <p>{local.acquiring ? t('room.devices.starting') : local.videoEnabled ? t('room.devices.noPreview') : t('room.devices.cameraOffPreview')}</p>
            </div>
          )}
        </div>
      ) : null}

      <div className="device-controls">
        {local.videoError ? <DeviceProblem device="camera" kind={local.videoError} /> : null}
        {local.audioError ? <DeviceProblem device="microphone" kind={local.audioError} /> : null}
        {selectError ? (
          <div className="alert alert-warning" role="alert">
            <p>{t(`room.deviceProblem.${deviceProblemKey(selectError)}`)}</p>
          </div>
        ) : null}
        {retryable ? (
          <p>
            <button type="button" className="button button-secondary" onClick={() => void session.startMedia()} disabled={local.acquiring}>
              {t('room.devices.retry')}
            </button>
          </p>
        ) : null}

        {local.audioOnly ? null : (
          <DeviceSelect
            kind="videoinput"
            label={t('room.devices.camera')}
            devices={local.devices}
            selected={local.selected.videoinput}
            onSelect={(id) => select('videoinput', id)}
          />
        )}
        <DeviceSelect
          kind="audioinput"
          label={t('room.devices.microphone')}
          devices={local.devices}
          selected={local.selected.audioinput}
          onSelect={(id) => select('audioinput', id)}
        />
        <MicLevel track={local.audioTrack} />
        {canChooseSpeaker() ? (
          <DeviceSelect
            kind="audiooutput"
            label={t('room.devices.speaker')}
            devices={local.devices}
            selected={local.selected.audiooutput}
            onSelect={(id) => select('audiooutput', id)}
          />
        ) : null}
        <SpeakerTest sinkId={local.selected.audiooutput} />
      </div>
    </div>
  );
}
