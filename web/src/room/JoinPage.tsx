import type { TFunction } from 'i18next';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { guestDetailsRequest, type JoinView } from '../../../common/api/consultations';
import { mustAccept } from '../../../common/api/fields';
import { fetchIceConfiguration, type CallSession, type CallSnapshot } from '../../call';
import { ApiError } from '../api/client';
import { currentInvitation, redeemInvitation } from '../api/join';
import { FormAlert, Spinner, SubmitButton } from '../components/feedback';
import { CheckboxField, TextField } from '../components/fields';
import { guestConnectionTest, linkConnectionTest } from '../connection-test/api';
import { ConnectionTestSection } from '../connection-test/ConnectionTestSection';
import { NetworkCheck } from '../connection-test/NetworkCheck';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import { plausibleToken } from '../components/fragmentToken';
import { useFragmentToken, useOncePerToken } from '../components/useFragmentToken';
import { currentLanguage } from '../i18n';
import { guestIceUrl, saveGuestDetails } from './api';
import { CallView } from './CallView';
import { DevicePanel } from './DevicePanel';
import { EndedView } from './EndedView';
import { mayStartMediaNow, mediaNotStarted } from './mediaStart';
import { formatOpensAt, millisecondsUntil, roomScreen } from './model';
import { SelfTile } from './Tiles';
import { useCallSession, useCallSnapshot, useFocusHeadingOnMount, useGoneWhileReconnecting, useUnloadWarning } from './useCall';
import './room.css';

type Stage =
  | { kind: 'loading' }
  | { kind: 'notYetValid'; opensAt?: string | undefined; closesAt?: string | undefined; token: string }
  | { kind: 'invalid' }
  | { kind: 'failed'; error: unknown; retry: () => void }
  | { kind: 'details'; view: JoinView }
  | { kind: 'room'; view: JoinView };

const locale = () => (currentLanguage() === 'en' ? 'en-GB' : 'de-DE');

/** One page for every link that cannot be used: it reveals nothing about the practice or why. */
function InvalidLink() {
  const { t } = useTranslation();
  return (
    <Page title={t('join.invalid.title')} width="narrow">
      <p>{t('join.invalid.text')}</p>
      <p>{t('join.invalid.contact')}</p>
    </Page>
  );
}

function NotYetValid({
  opensAt,
  closesAt,
  token,
  onRetry,
}: {
  opensAt?: string | undefined;
  closesAt?: string | undefined;
  token: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const testConnection = useMemo(() => linkConnectionTest(token), [token]);
  const retry = useRef(onRetry);
  retry.current = onRetry;
  // Try again by itself when the window opens (a second late, so the server agrees).
  useEffect(() => {
    const wait = millisecondsUntil(opensAt, Date.now());
    if (wait === null || wait > 2 ** 31 - 1) return;
    const timer = setTimeout(() => retry.current(), wait + 1000);
    return () => clearTimeout(timer);
  }, [opensAt]);
  const now = new Date();
  return (
    <Page title={t('join.notYet.title')} width="narrow">
      {opensAt ? (
        <p className="lead">
          {closesAt
            ? t('join.notYet.window', { opens: formatOpensAt(opensAt, locale(), now), closes: formatOpensAt(closesAt, locale(), new Date(opensAt)) })
            : t('join.notYet.opens', { opens: formatOpensAt(opensAt, locale(), now) })}
        </p>
      ) : null}
      <p>{t('join.notYet.auto')}</p>
      <p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('join.notYet.retry')}
        </button>
      </p>
      <p className="form-note">{t('join.notYet.keepLink')}</p>
      <ConnectionTestSection intro={t('connectionTest.joinIntro')} load={testConnection} />
    </Page>
  );
}

function DetailsStep({ view, onSubmitting, onSaved }: { view: JoinView; onSubmitting: () => void; onSaved: (view: JoinView) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { displayName: view.displayName ?? view.suggestedName, consent: view.consented },
    schema: guestDetailsRequest.extend({ consent: mustAccept }),
    toInput: (values) => values,
    onSubmit: async (data) => {
      onSubmitting();
      onSaved(await saveGuestDetails(data.displayName));
    },
  });
  return (
    <Page title={view.hostName ? t('join.title', { hostName: view.hostName }) : t('join.titleNoHost')} width="narrow">
      <p className="lead">{t('join.lead', { hostName: view.hostName })}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form join-form">
        <TextField binding={form.field('displayName')} label={t('join.name')} hint={t('join.nameHint')} autoComplete="name" />
        <section className="join-rules" aria-labelledby="join-rules-title">
          <h2 id="join-rules-title">{t('join.rulesTitle')}</h2>
          <ul>
            <li>
              <strong>{t('join.noRecording')}</strong>
            </li>
            <li>{t('join.e2e')}</li>
            <li>{t('join.chatLocal')}</li>
          </ul>
        </section>
        <CheckboxField
          binding={form.field('consent')}
          label={t('join.consent')}
          extra={
            <>
              {t('join.consentWithdraw')}{' '}
              <Link to="/privacy" target="_blank" rel="noopener">
                {t('join.privacyLink')} <span className="visually-hidden">{t('common.opensInNewTab')}</span>
              </Link>
            </>
          }
        />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('join.submit')}</SubmitButton>
      </form>
    </Page>
  );
}

/** Status of the background connection while the guest checks devices or waits. */
function waitingStatus(t: TFunction, snapshot: CallSnapshot, hostName: string): string {
  if (snapshot.state === 'reconnecting') return t('join.waiting.reconnecting');
  if (snapshot.state === 'waiting') return t('join.waiting.status', { hostName });
  return t('join.waiting.connecting');
}

function DeviceCheckStep({ session, snapshot, view, onDone }: { session: CallSession; snapshot: CallSnapshot; view: JoinView; onDone: () => void }) {
  const { t } = useTranslation();
  const local = snapshot.local;
  const cameraOn = Boolean(local.videoTrack) && local.videoEnabled;
  useFocusHeadingOnMount();
  return (
    <Page title={local.audioOnly ? t('join.check.titleAudioOnly') : t('join.check.title')}>
      <div className="alert alert-info" role="status">
        <p>{waitingStatus(t, snapshot, view.hostName)}</p>
      </div>
      {snapshot.lastServerError?.code === 'room_full' ? (
        <p className="alert alert-warning" role="alert">
          {t('join.waiting.roomFull', { hostName: view.hostName })}
        </p>
      ) : null}
      <p>{local.audioOnly ? t('join.check.introAudioOnly') : t('join.check.intro')}</p>
      {mediaNotStarted(local) ? (
        // Opened without a tap (a reload): camera and microphone wait for one (mediaStart.ts).
        <div className="alert alert-info">
          <p>{t('phone.startMediaHint')}</p>
          <p>
            <button type="button" className="button button-primary" onClick={() => void session.startMedia()}>
              {local.audioOnly ? t('phone.startMicrophone') : t('phone.startMedia')}
            </button>
          </p>
        </div>
      ) : null}
      <DevicePanel session={session} snapshot={snapshot} variant="check" />
      <p className="form-note">{t('join.check.withoutDevices')}</p>
      <NetworkCheck load={guestConnectionTest} headingLevel={2} />
      <div className="actions thumb-actions">
        <button type="button" className="button button-primary" onClick={onDone}>
          {t('join.check.done')}
        </button>
        {cameraOn ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              void session.setCameraEnabled(false);
              onDone();
            }}
          >
            {t('join.check.audioOnly')}
          </button>
        ) : null}
      </div>
    </Page>
  );
}

function WaitingRoom({
  session,
  snapshot,
  view,
  onCheckDevices,
}: {
  session: CallSession;
  snapshot: CallSnapshot;
  view: JoinView;
  onCheckDevices: () => void;
}) {
  const { t } = useTranslation();
  const messagesId = useId();
  useFocusHeadingOnMount();
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit' });
  return (
    <Page title={t('join.waiting.title')}>
      <div className="waiting-room">
        <div className="waiting-main">
          <div className="alert alert-info waiting-status" role="status">
            <span className="waiting-pulse" aria-hidden="true" />
            <p>{waitingStatus(t, snapshot, view.hostName)}</p>
          </div>
          {snapshot.lastServerError?.code === 'room_full' ? (
            // The host tried to let us in, but five are in the call already (P-13): we keep waiting.
            <p className="alert alert-warning" role="alert">
              {t('join.waiting.roomFull', { hostName: view.hostName })}
            </p>
          ) : null}
          <p>{t('join.waiting.keepOpen')}</p>
          <section aria-labelledby={messagesId}>
            <h2 id={messagesId}>{t('join.waiting.messagesTitle', { hostName: view.hostName })}</h2>
            <ol className="waiting-messages" aria-live="polite" aria-labelledby={messagesId}>
              {snapshot.waitingMessages.length === 0 ? <li className="field-hint">{t('join.waiting.noMessages')}</li> : null}
              {snapshot.waitingMessages.map((message) => (
                <li key={`${message.sentAt}:${message.text}`} className="waiting-message">
                  <p className="chat-meta">
                    <span className="chat-author">{message.fromName}</span>{' '}
                    <time dateTime={new Date(message.sentAt).toISOString()}>{time.format(message.sentAt)}</time>
                  </p>
                  <p className="chat-text">{message.text}</p>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div className="waiting-side">
          <SelfTile self={snapshot.self} local={snapshot.local} />
          <div className="actions thumb-actions">
            <button type="button" className="button button-secondary" onClick={onCheckDevices}>
              {t('join.waiting.checkDevices')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => session.leave()}>
              {t('join.waiting.leave')}
            </button>
          </div>
        </div>
      </div>
    </Page>
  );
}

/**
 * The guest's room once name and consent are saved: connects at once (the waiting room needs no
 * click) and starts camera and microphone in parallel; device check, waiting room, call, end.
 */
function GuestRoom({ session, view, skipCheck }: { session: CallSession; view: JoinView; skipCheck: boolean }) {
  const { t } = useTranslation();
  const snapshot = useCallSnapshot(session);
  const [checking, setChecking] = useState(!skipCheck);
  const [linkGone, setLinkGone] = useState(false);
  useUnloadWarning(snapshot.hasUnsavedContent);

  useEffect(() => {
    session.join();
    // The details form's button started camera and microphone; a page opened straight into the
    // room (a reload) starts them only where no prompt needs a tap (mediaStart.ts), else asks.
    let cancelled = false;
    const kinds = session.getSnapshot().local.audioOnly ? (['microphone'] as const) : (['camera', 'microphone'] as const);
    void mayStartMediaNow(navigator, kinds).then((may) => {
      if (may && !cancelled) void session.startMedia();
    });
    return () => {
      cancelled = true;
    };
  }, [session]);

  // A socket that keeps failing may mean the link stopped working (ended, revoked) while we were away.
  useGoneWhileReconnecting(
    snapshot.signaling === 'reconnecting',
    () =>
      currentInvitation().then(
        () => false,
        (error: unknown) => error instanceof ApiError && (error.status === 401 || error.status === 410),
      ),
    () => {
      setLinkGone(true);
      session.leave();
    },
  );

  const screen = roomScreen(snapshot);
  if (linkGone && snapshot.chat.length === 0 && snapshot.transfers.length === 0) return <InvalidLink />;
  if (screen === 'ended' || screen === 'failed' || linkGone) {
    return <EndedView session={session} snapshot={snapshot} role="guest" consultationId={null} linkGone={linkGone} onRejoin={() => window.location.reload()} />;
  }
  if (screen === 'call') {
    return <CallView session={session} snapshot={snapshot} title={t('join.title', { hostName: view.hostName })} chatMail={{ kind: 'guest' }} />;
  }
  if (checking) return <DeviceCheckStep session={session} snapshot={snapshot} view={view} onDone={() => setChecking(false)} />;
  return <WaitingRoom session={session} snapshot={snapshot} view={view} onCheckDevices={() => setChecking(true)} />;
}

/**
 * `/join#TOKEN`: the guest's way in. Redeems the link's token (taken from the fragment and removed
 * from the address bar) for a guest cookie, or, after a reload, asks for the guest's place again.
 * `takeEarly` gives the answer to that first request when the app's start sent it already
 * (startup.ts), once; every other attempt asks the server.
 */
export function JoinPage({ takeEarly }: { takeEarly?: (token: string) => Promise<JoinView> | null }) {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const session = useCallSession('guest', () => ({ iceConfiguration: fetchIceConfiguration(guestIceUrl) }));

  const enter = useCallback(
    (view: JoinView) => {
      // P-28: before any device is asked for, so an audio-only consultation never opens the camera.
      session.prepareMode(view.mode);
      if (view.status === 'declined' || view.status === 'removed') setStage({ kind: 'invalid' });
      else if (view.consented && view.displayName) setStage({ kind: 'room', view });
      else setStage({ kind: 'details', view });
    },
    [session],
  );

  const redeem = useCallback(
    (value: string) => {
      setStage({ kind: 'loading' });
      const attempt = takeEarly?.(value) ?? (plausibleToken(value) ? redeemInvitation(value) : currentInvitation());
      attempt.then(enter, (error: unknown) => {
        if (error instanceof ApiError && error.code === 'link_not_yet_valid') {
          setStage({ kind: 'notYetValid', opensAt: error.details.opensAt, closesAt: error.details.closesAt, token: value });
        } else if (error instanceof ApiError && (error.status === 401 || error.status === 410 || error.status === 400 || error.status === 404)) {
          setStage({ kind: 'invalid' });
        } else {
          setStage({ kind: 'failed', error, retry: () => redeem(value) });
        }
      });
    },
    [enter, takeEarly],
  );

  useOncePerToken(token, () => redeem(token));

  switch (stage.kind) {
    case 'loading':
      return (
        <Page title={t('join.loadingTitle')} width="narrow">
          <Spinner label={t('common.loading')} />
        </Page>
      );
    case 'invalid':
      return <InvalidLink />;
    case 'notYetValid':
      return <NotYetValid opensAt={stage.opensAt} closesAt={stage.closesAt} token={stage.token} onRetry={() => redeem(stage.token)} />;
    case 'failed':
      return (
        <Page title={t('join.failedTitle')} width="narrow">
          <FormAlert error={stage.error} />
          <p>
            <button type="button" className="button button-primary" onClick={stage.retry}>
              {t('common.retry')}
            </button>
          </p>
        </Page>
      );
    case 'details':
      return (
        <DetailsStep
          view={stage.view}
          // Camera and microphone start at once, in parallel with saving and then the waiting room connection.
          onSubmitting={() => void session.startMedia()}
          onSaved={(view) => {
            // The waiting room's connection opens now, not after the device check has rendered.
            session.join();
            setStage({ kind: 'room', view });
          }}
        />
      );
    case 'room':
      return <GuestRoom session={session} view={stage.view} skipCheck={stage.view.status === 'admitted'} />;
  }
}
