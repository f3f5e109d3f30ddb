import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canSwitchFacing, runningFacing, type CallSession, type CallSnapshot } from '../../call';
import { InterruptionNotices, SoundNotice, StartMediaNotice, useAutoplayGate } from './CallNotices';
import { ChatPanel, type ChatMail } from './ChatPanel';
import { DevicePanel } from './DevicePanel';
import { Icon } from './icons';
import { formatElapsed, inCall, screenSharer, statusKey } from './model';
import { AutoplayContext } from './StreamVideo';
import { ParticipantTile, ScreenTile, SelfTile } from './Tiles';
import { useBodyClass, useElapsed, useFocusHeadingOnMount, useMediaQuery } from './useCall';
import { BandwidthSwitch, WeakLinkNotices } from './WeakLink';
import { nothingHeard, weakLinkAnnouncements, weakLinkState, type WeakLinkHeard } from './weakLinkState';

export type PanelName = 'chat' | 'devices' | 'host';

/** Announces changes to screen readers (one polite region; the newest text wins). */
function useAnnouncer(): [string, (text: string) => void] {
  const [text, setText] = useState('');
  const say = (next: string) => {
    // Setting the same text twice would not be announced again.
    setText((previous) => (previous === next ? `${next}\u00a0` : next));
  };
  return [text, say];
}

function ControlButton({
  icon,
  label,
  onClick,
  pressed,
  expanded,
  controls,
  tone = 'normal',
  badge,
  description,
  disabled,
}: {
  icon: Parameters<typeof Icon>[0]['name'];
  label: string;
  onClick: () => void;
  pressed?: boolean;
  expanded?: boolean;
  controls?: string;
  tone?: 'normal' | 'off' | 'danger' | 'active';
  badge?: number;
  /** Extra information read after the name (e.g. unread messages). */
  description?: string;
  disabled?: boolean;
}) {
  const descriptionId = useId();
  return (
    <>
      <button
        type="button"
        className={`control control-${tone}`}
        onClick={onClick}
        aria-pressed={pressed}
        aria-expanded={expanded}
        aria-controls={controls}
        aria-describedby={description ? descriptionId : undefined}
        disabled={disabled}
      >
        <Icon name={icon} />
        <span className="control-label">{label}</span>
        {badge ? (
          <span className="control-badge" aria-hidden="true">
            {badge}
          </span>
        ) : null}
      </button>
      {description ? (
        <span id={descriptionId} className="visually-hidden">
          {description}
        </span>
      ) : null}
    </>
  );
}

export interface HostExtras {
  /** The waiting room and participants panel. */
  panel: ReactNode;
  waitingCount: number;
  /** A visual notice (someone arrived) shown above the videos. */
  notice: ReactNode;
  /** Leave only (the host may come back) or end for everyone; asked in a dialog. */
  onEndForEveryone: () => void;
  ending: boolean;
}

/**
 * The call (host and guest): video tiles of everyone admitted with their names, the self-view, a
 * screen share big, controls at the bottom, and side panels for chat/files, devices and (host)
 * the waiting room. On a phone one remote video fills the screen and panels cover it when open.
 */
export function CallView({
  session,
  snapshot,
  title,
  chatMail,
  host,
  requestedPanel,
}: {
  session: CallSession;
  snapshot: CallSnapshot;
  title: string;
  /** Who may have the chat PDF mailed (host: own address; guest: the invitation's); null: nobody. */
  chatMail: ChatMail | null;
  host?: HostExtras;
  /** Opens a panel from outside (e.g. the host's "someone is waiting" notice). */
  requestedPanel?: { panel: PanelName; at: number } | null;
}) {
  const { t } = useTranslation();
  useBodyClass('in-call');
  useFocusHeadingOnMount();
  const phone = useMediaQuery('(max-width: 47.99rem)');
  // A phone held either way: the header keeps one line and the low-bandwidth switch moves to the devices panel.
  const compact = useMediaQuery('(max-width: 47.99rem), (max-height: 30rem)');
  const [gate, soundState] = useAutoplayGate();
  const [panel, setPanel] = useState<PanelName | null>(() => (phone ? null : host ? 'host' : 'chat'));
  const [announcement, announce] = useAnnouncer();
  const [leaving, setLeaving] = useState(false);
  const [screenError, setScreenError] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const chatHeading = useId();
  const panelId = useId();
  const remotes = inCall(snapshot.participants);
  const sharer = screenSharer(snapshot.participants);
  const local = snapshot.local;
  const sinkId = local.selected.audiooutput;
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';

  // Call timer from the first peer connection.
  const [since, setSince] = useState<number | null>(null);
  const anyConnected = remotes.some((p) => p.link === 'connected');
  useEffect(() => {
    if (since === null && anyConnected) setSince(Date.now());
  }, [since, anyConnected]);
  const elapsed = useElapsed(since);

  useEffect(() => {
    if (requestedPanel) setPanel(requestedPanel.panel);
  }, [requestedPanel]);

  // Unread chat while the chat panel is closed.
  const [seenChat, setSeenChat] = useState(snapshot.chat.length);
  const chatOpen = panel === 'chat';
  useEffect(() => {
    if (chatOpen) setSeenChat(snapshot.chat.length);
  }, [chatOpen, snapshot.chat.length]);
  const unread = chatOpen ? 0 : Math.max(0, snapshot.chat.length - seenChat);

  // Announcements: who joined or left, new chat messages while the chat is closed, a file that has
  // arrived (once, when it can be opened: the chat list keeps its progress quiet), a link getting
  // weak, connection state.
  const previous = useRef<{ ids: Map<string, string>; chat: number; state: string; filesDone: Set<string>; weakLink: WeakLinkHeard } | null>(null);
  useEffect(() => {
    const ids = new Map(remotes.map((p) => [p.id, p.displayName]));
    const arrived = snapshot.transfers.filter((transfer) => transfer.direction === 'incoming' && transfer.state === 'done');
    const before = previous.current;
    const weakLink = weakLinkAnnouncements(before?.weakLink ?? nothingHeard, weakLinkState(snapshot));
    previous.current = {
      ids,
      chat: snapshot.chat.length,
      state: snapshot.state,
      filesDone: new Set(arrived.map((transfer) => transfer.id)),
      weakLink: weakLink.heard,
    };
    if (!before) return;
    for (const said of weakLink.said) {
      announce(said.key === 'other' ? t('room.weakLink.other', { name: said.name }) : t(`room.weakLink.${said.key}`));
    }
    for (const [id, name] of ids) if (!before.ids.has(id)) announce(t('room.announce.joined', { name }));
    for (const [id, name] of before.ids) if (!ids.has(id)) announce(t('room.announce.left', { name }));
    if (snapshot.chat.length > before.chat && !chatOpen) {
      const last = snapshot.chat[snapshot.chat.length - 1];
      if (last && last.from !== snapshot.self?.id) announce(t('room.announce.chat', { name: last.fromName }));
    }
    for (const transfer of arrived) {
      if (!before.filesDone.has(transfer.id))
        announce(t('room.announce.file', { file: transfer.name, name: ids.get(transfer.peerId) ?? before.ids.get(transfer.peerId) ?? '' }));
    }
    if (before.state !== snapshot.state && (snapshot.state === 'reconnecting' || (before.state === 'reconnecting' && snapshot.state === 'connected'))) {
      announce(t(`room.status.${statusKey(snapshot)}` as 'room.status.connected'));
    }
  });

  function toggle(name: PanelName): void {
    setPanel((current) => (current === name ? null : name));
  }

  async function toggleMicrophone(): Promise<void> {
    if (!local.audioTrack) {
      await session.startMedia({ audio: true, video: false });
      session.setMicrophoneEnabled(true);
      return;
    }
    session.setMicrophoneEnabled(!local.audioEnabled);
  }

  async function toggleScreen(): Promise<void> {
    setScreenError(null);
    if (local.screenSharing) {
      await session.stopScreenShare();
      return;
    }
    const error = await session.startScreenShare();
    if (error && error !== 'permission-denied' && error !== 'aborted') setScreenError(t('room.call.screenFailed'));
  }

  function openLeave(): void {
    setLeaving(true);
    dialog.current?.showModal();
  }
  function closeLeave(): void {
    setLeaving(false);
    dialog.current?.close();
  }

  const audioOnly = snapshot.mode === 'audio';
  const isHost = snapshot.self?.role === 'host';
  const micOn = Boolean(local.audioTrack) && local.audioEnabled;
  const cameraOn = Boolean(local.videoTrack) && local.videoEnabled;
  const facing = runningFacing(local);
  const banner =
    snapshot.state === 'reconnecting'
      ? t('room.status.reconnecting')
      : snapshot.state === 'failed'
        ? t('room.status.failed')
        : snapshot.state === 'joining'
          ? t('room.status.connectingPeers')
          : null;

  const panelTitle = panel === 'chat' ? t('room.chat.title') : panel === 'devices' ? t('room.devices.title') : t('room.host.panelTitle');

  return (
    <AutoplayContext.Provider value={gate}>
      <div className={`call${panel ? ' call-with-panel' : ''}${sharer ? ' call-sharing' : ''}${audioOnly || local.audioOnly ? ' call-audio-only' : ''}`}>
        <header className="call-header">
          <h1 className="call-title" tabIndex={-1}>
            {title}
          </h1>
          <p className="call-meta">
            {since !== null ? (
              <span className="call-timer">
                <span className="visually-hidden">{t('room.call.duration')} </span>
                {formatElapsed(elapsed)}
              </span>
            ) : null}
            <span className="call-count">{t('room.call.participants', { count: remotes.length + 1 })}</span>
            {audioOnly ? <span className="call-mode-badge">{t('room.audioOnly.badge')}</span> : null}
          </p>
          {compact ? null : <BandwidthSwitch session={session} snapshot={snapshot} />}
        </header>

        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </div>

        {banner ? (
          <div className={`call-banner${snapshot.state === 'failed' ? ' call-banner-error' : ''}`} role="status">
            {snapshot.state === 'joining' || snapshot.state === 'reconnecting' ? <span className="spinner" aria-hidden="true" /> : null}
            <span>{banner}</span>
            {snapshot.state === 'failed' ? (
              <button type="button" className="button button-small button-secondary" onClick={() => session.restartIce()}>
                {t('common.retry')}
              </button>
            ) : null}
          </div>
        ) : null}
        <SoundNotice gate={gate} state={soundState} anyoneToHear={remotes.length > 0} />
        <StartMediaNotice session={session} snapshot={snapshot} />
        <InterruptionNotices snapshot={snapshot} gate={gate} />
        <WeakLinkNotices snapshot={snapshot} />
        {host?.notice}
        {snapshot.videoRequested ? (
          <div className="call-banner call-video-request" role="alertdialog" aria-labelledby={`${panelId}-video-ask`}>
            <span id={`${panelId}-video-ask`}>
              <strong>{t('room.audioOnly.askTitle')}</strong> {t('room.audioOnly.askText')}
            </span>
            <button type="button" className="button button-small button-primary" onClick={() => void session.acceptVideo()}>
              {t('room.audioOnly.accept')}
            </button>
            <button type="button" className="button button-small button-secondary" onClick={() => session.declineVideo()}>
              {t('room.audioOnly.decline')}
            </button>
          </div>
        ) : null}
        {screenError ? (
          <div className="call-banner call-banner-error" role="alert">
            {screenError}
          </div>
        ) : null}

        <div className="call-body">
          <section className={`call-stage tiles-${Math.min(remotes.length, 4)}`} aria-label={t('room.call.videos')}>
            {sharer ? <ScreenTile participant={sharer} /> : null}
            {remotes.length === 0 ? (
              <div className="stage-empty">
                <p>{snapshot.self?.role === 'guest' ? t('room.call.emptyGuest') : t('room.call.emptyHost')}</p>
              </div>
            ) : (
              <div className="tile-grid">
                {remotes.map((participant) => (
                  <ParticipantTile
                    key={participant.id}
                    audioOnly={audioOnly || local.audioOnly}
                    participant={participant}
                    sinkId={sinkId}
                    size={sharer ? 'small' : 'normal'}
                    onConfirmSafetyCode={(code) => session.confirmSafetyCode(participant.id, code)}
                  />
                ))}
              </div>
            )}
            <SelfTile self={snapshot.self} local={local} />
          </section>

          <aside className="call-panel" id={panelId} hidden={panel === null} aria-label={panelTitle}>
            <div className="call-panel-header">
              <h2 id={chatHeading}>{panelTitle}</h2>
              <button type="button" className="button button-small button-secondary" onClick={() => setPanel(null)}>
                <Icon name="close" />
                {t('room.call.closePanel')}
              </button>
            </div>
            {host ? <div hidden={panel !== 'host'}>{host.panel}</div> : null}
            <div hidden={panel !== 'chat'}>
              <ChatPanel session={session} snapshot={snapshot} chatMail={chatMail} headingId={chatHeading} />
            </div>
            {panel === 'devices' && compact ? <BandwidthSwitch session={session} snapshot={snapshot} /> : null}
            {panel === 'devices' ? <DevicePanel session={session} snapshot={snapshot} variant="settings" /> : null}
          </aside>
        </div>

        <div className="call-controls" role="group" aria-label={t('room.call.controls')}>
          <ControlButton
            icon={micOn ? 'mic' : 'micOff'}
            label={micOn ? t('room.controls.micOff') : t('room.controls.micOn')}
            tone={micOn ? 'normal' : 'off'}
            onClick={() => void toggleMicrophone()}
            disabled={local.acquiring}
          />
          {audioOnly && isHost ? (
            <ControlButton
              icon="camera"
              label={t('room.audioOnly.videoOn')}
              description={t('room.audioOnly.videoOnHint')}
              onClick={() => void session.setMode('video')}
              disabled={local.acquiring}
            />
          ) : local.audioOnly ? null : (
            <ControlButton
              icon={cameraOn ? 'camera' : 'cameraOff'}
              label={cameraOn ? t('room.controls.cameraOff') : t('room.controls.cameraOn')}
              tone={cameraOn ? 'normal' : 'off'}
              onClick={() => void session.setCameraEnabled(!cameraOn)}
              disabled={local.acquiring}
            />
          )}
          {cameraOn && canSwitchFacing(local.devices, local.videoTrack) ? (
            <ControlButton
              icon="switchCamera"
              label={t('phone.switchCamera')}
              description={facing === 'user' ? t('phone.facingUser') : facing === 'environment' ? t('phone.facingEnvironment') : undefined}
              onClick={() => void session.switchCameraFacing()}
              disabled={local.acquiring}
            />
          ) : null}
          {canShare ? (
            <ControlButton
              icon={local.screenSharing ? 'screenOff' : 'screen'}
              label={local.screenSharing ? t('room.controls.shareStop') : t('room.controls.shareStart')}
              tone={local.screenSharing ? 'active' : 'normal'}
              onClick={() => void toggleScreen()}
            />
          ) : null}
          <ControlButton
            icon="chat"
            label={t('room.controls.chat')}
            expanded={panel === 'chat'}
            controls={panelId}
            badge={unread}
            description={unread > 0 ? t('room.controls.unread', { count: unread }) : undefined}
            tone={panel === 'chat' ? 'active' : 'normal'}
            onClick={() => toggle('chat')}
          />
          {host ? (
            <ControlButton
              icon="people"
              label={t('room.controls.waitingRoom')}
              expanded={panel === 'host'}
              controls={panelId}
              badge={host.waitingCount}
              description={host.waitingCount > 0 ? t('room.controls.waitingCount', { count: host.waitingCount }) : undefined}
              tone={panel === 'host' ? 'active' : 'normal'}
              onClick={() => toggle('host')}
            />
          ) : null}
          <ControlButton
            icon="settings"
            label={t('room.controls.devices')}
            expanded={panel === 'devices'}
            controls={panelId}
            tone={panel === 'devices' ? 'active' : 'normal'}
            onClick={() => toggle('devices')}
          />
          <ControlButton icon="leave" label={t('room.controls.leave')} tone="danger" onClick={openLeave} />
        </div>

        {/* The close event of an Escape comes a task later: if the dialog was opened again meanwhile, it stays filled. */}
        <dialog ref={dialog} className="dialog" aria-labelledby={`${panelId}-leave`} onClose={() => setLeaving(dialog.current?.open === true)}>
          {leaving ? (
            <>
              <h2 id={`${panelId}-leave`}>{host ? t('room.leave.hostTitle') : t('room.leave.title')}</h2>
              <p>{host ? t('room.leave.hostText') : t('room.leave.text')}</p>
              {snapshot.hasUnsavedContent ? <p className="alert alert-warning">{t('room.leave.chatWarning')}</p> : null}
              <div className="actions">
                <button type="button" className="button button-primary" onClick={() => session.leave()}>
                  {host ? t('room.leave.hostLeave') : t('room.leave.confirm')}
                </button>
                {host ? (
                  <button type="button" className="button button-danger" onClick={host.onEndForEveryone} disabled={host.ending}>
                    {host.ending ? t('common.sending') : t('room.leave.endForEveryone')}
                  </button>
                ) : null}
                <button type="button" className="button button-secondary" onClick={closeLeave}>
                  {t('room.leave.cancel')}
                </button>
              </div>
            </>
          ) : null}
        </dialog>
      </div>
    </AutoplayContext.Provider>
  );
}
