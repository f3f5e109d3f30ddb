import { useEffect, useId, useMemo, useRef, useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CHAT_TEXT_LENGTH, MAX_FILE_BYTES, type CallSession, type CallSnapshot, type FileTransfer } from '../../call';
import type { GuestTranscriptTarget } from '../../../common/api/consultations';
import type { ChatMailTicket } from '../../../common/signaling';
import { ApiError } from '../api/client';
import { errorText } from '../components/fieldProblems';
import { currentLanguage } from '../i18n';
import { guestTranscriptTarget, mailChatTranscript, mailGuestChatAfterEnd, mailGuestChatTranscript } from './api';
import { Icon } from './icons';
import { formatBytes, isPreviewableImage, pdfFileName, timeline, transferActive, transferPercent, type FileEntry } from './model';

const localeOf = () => (currentLanguage() === 'en' ? 'en-GB' : 'de-DE');

/** Offers a blob as a download (never opened in our origin); the URL lives as long as the link. */
function DownloadLink({ blob, name, label }: { blob: Blob; name: string; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  if (!url) return null;
  return (
    <a className="button button-secondary file-download" href={url} download={name}>
      <Icon name="download" />
      {label}
    </a>
  );
}

function Thumbnail({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url ? <img className="file-thumbnail" src={url} alt={alt} /> : null;
}

/** Starts a download of a blob made here (the chat PDF). */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function TransferRow({ transfer, peerName, onCancel }: { transfer: FileTransfer; peerName: string; onCancel: (id: string) => void }) {
  const { t } = useTranslation();
  const percent = transferPercent(transfer);
  const active = transferActive(transfer);
  const who = transfer.direction === 'outgoing' ? t('room.files.to', { name: peerName }) : t('room.files.from', { name: peerName });
  const stateText =
    transfer.state === 'error'
      ? t(`room.files.error.${transfer.error ?? 'protocol'}`)
      : transfer.state === 'transferring'
        ? t('room.files.state.transferring', { percent })
        : transfer.state === 'done'
          ? t(transfer.direction === 'outgoing' ? 'room.files.state.sent' : 'room.files.state.received')
          : t(`room.files.state.${transfer.state}`);
  return (
    <div className={`transfer transfer-${transfer.state}`}>
      <div className="transfer-line">
        <span className="transfer-who">{who}</span>
        <span className="transfer-state">{stateText}</span>
      </div>
      {active ? (
        <div className="transfer-line">
          <progress className="transfer-progress" max={100} value={percent} aria-label={t('room.files.progress', { name: transfer.name, who })} />
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => onCancel(transfer.id)}
            aria-label={t('room.files.cancelNamed', { name: transfer.name, who })}
          >
            {t('room.files.cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

function FileItem({ entry, nameOf, onCancel }: { entry: FileEntry; nameOf: (id: string) => string; onCancel: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const first = entry.transfers[0] as FileTransfer;
  const incoming = entry.direction === 'incoming';
  const done = incoming && first.state === 'done' && first.blob;
  return (
    <li className={`chat-item chat-file ${incoming ? 'chat-item-theirs' : 'chat-item-mine'}`}>
      <p className="chat-meta">
        <span className="chat-author">{incoming ? nameOf(first.peerId) : t('room.chat.you')}</span>{' '}
        <time dateTime={new Date(entry.at).toISOString()}>{new Intl.DateTimeFormat(localeOf(), { hour: '2-digit', minute: '2-digit' }).format(entry.at)}</time>
      </p>
      <p className="file-name">
        <Icon name="file" />
        <span>
          {first.name} <span className="file-size">({formatBytes(first.size, i18n.language)})</span>
        </span>
      </p>
      {done && isPreviewableImage(first.blob) ? <Thumbnail blob={first.blob as Blob} alt={t('room.files.thumbnail', { name: first.name })} /> : null}
      {/* Progress is not read out inside the live chat list: the call announces the arrival once. */}
      <div aria-live="off">
        {entry.transfers.map((transfer) => (
          <TransferRow key={transfer.id} transfer={transfer} peerName={nameOf(transfer.peerId)} onCancel={onCancel} />
        ))}
        {done ? <DownloadLink blob={first.blob as Blob} name={first.name} label={t('room.files.download', { name: first.name })} /> : null}
      </div>
    </li>
  );
}

/**
 * Who may have the chat PDF mailed (P-11): the logged-in host to their own address, a guest to the
 * address their invitation went to (the server decides and names it, masked).
 */
export type ChatMail =
  | { kind: 'host'; consultationId: string }
  /**
   * `gone`: the guest's place is known to be over (ended, removed, link taken elsewhere): no request,
   * only the sentence why — unless the host's end handed over `afterEnd`, a ticket that still allows it.
   */
  | { kind: 'guest'; gone?: boolean; afterEnd?: ChatMailTicket | null };

/** The guest's mail target as the server states it; `gone` once the guest's place (and address) no longer exists. */
function useGuestTarget(enabled: boolean): GuestTranscriptTarget | 'gone' | null {
  const [target, setTarget] = useState<GuestTranscriptTarget | 'gone' | null>(null);
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    guestTranscriptTarget().then(
      (loaded) => current && setTarget(loaded),
      (error: unknown) => current && setTarget(error instanceof ApiError && (error.status === 401 || error.status === 410) ? 'gone' : null),
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return target;
}

function ExportActions({ session, snapshot, chatMail }: { session: CallSession; snapshot: CallSnapshot; chatMail: ChatMail | null }) {
  const { t } = useTranslation();
  const [mail, setMail] = useState<'idle' | 'busy' | 'sent' | { error: unknown }>('idle');
  const gone = chatMail?.kind === 'guest' && chatMail.gone === true;
  // After the end the ticket replaces the guest's place; each mail hands back the next one.
  const [ticket, setTicket] = useState<ChatMailTicket | null>(chatMail?.kind === 'guest' && gone ? (chatMail.afterEnd ?? null) : null);
  const asked = useGuestTarget(chatMail?.kind === 'guest' && !gone);
  const guestTarget = gone ? (ticket ? null : 'gone') : asked;
  const guestAddress = ticket ? ticket.to : guestTarget !== null && guestTarget !== 'gone' && guestTarget.mail === 'available' ? guestTarget.to : null;
  const limitReached = ticket !== null && ticket.remaining === 0;
  const canMail = chatMail?.kind === 'host' || (guestAddress !== null && !limitReached);
  const pdf = () =>
    session.exportChatPdf({
      title: t('room.pdf.title'),
      locale: localeOf(),
      labels: {
        participants: t('room.pdf.participants'),
        date: t('room.pdf.date'),
        page: t('room.pdf.page', { page: '{page}', pages: '{pages}' }),
        noMessages: t('room.pdf.noMessages'),
        notice: t('room.pdf.notice'),
      },
    });
  async function sendMail(): Promise<void> {
    if (!chatMail) return;
    setMail('busy');
    try {
      const lang = currentLanguage() === 'en' ? 'en' : 'de';
      if (chatMail.kind === 'host') await mailChatTranscript(chatMail.consultationId, pdf());
      else if (ticket) setTicket((await mailGuestChatAfterEnd(pdf(), lang, ticket.ticket)).chatMail);
      else await mailGuestChatTranscript(pdf(), lang);
      setMail('sent');
    } catch (error) {
      setMail({ error });
    }
  }
  const empty = snapshot.chat.length === 0;
  return (
    <div className="chat-export">
      <button type="button" className="button button-secondary" onClick={() => saveBlob(pdf(), pdfFileName(new Date()))} disabled={empty}>
        {t('room.chat.exportPdf')}
      </button>
      {canMail ? (
        <button type="button" className="button button-secondary" onClick={() => void sendMail()} disabled={empty || mail === 'busy'}>
          {mail === 'busy' ? t('common.sending') : t(chatMail?.kind === 'guest' ? 'room.chat.guestMailPdf' : 'room.chat.mailPdf')}
        </button>
      ) : null}
      {guestAddress && !ticket ? <p className="field-hint chat-mail-to">{t('room.chat.guestMailTo', { to: guestAddress })}</p> : null}
      {ticket && !limitReached ? (
        <p className="field-hint chat-mail-to">
          {t('room.chat.guestMailAfterEnd', {
            to: ticket.to,
            until: new Intl.DateTimeFormat(localeOf(), { hour: '2-digit', minute: '2-digit' }).format(ticket.expiresAt),
          })}
        </p>
      ) : null}
      {limitReached ? <p className="field-hint chat-mail-to">{t('room.chat.guestMailLimit')}</p> : null}
      {guestTarget !== null && guestTarget !== 'gone' && guestTarget.mail === 'smsOnly' ? (
        <p className="field-hint chat-mail-to">{t('room.chat.guestSmsOnly')}</p>
      ) : null}
      {guestTarget === 'gone' ? <p className="field-hint chat-mail-to">{t('room.chat.guestMailGone')}</p> : null}
      <div role="status" className="chat-export-status">
        {mail === 'sent' ? <p>{guestAddress ? t('room.chat.guestMailSent', { to: guestAddress }) : t('room.chat.mailSent')}</p> : null}
        {typeof mail === 'object' ? <p className="field-error">{errorText(t, mail.error)}</p> : null}
      </div>
      {empty ? <p className="field-hint">{t('room.chat.exportEmpty')}</p> : null}
    </div>
  );
}

/**
 * Chat and files (P-11): messages with name and time, files by picker or drag and drop with
 * progress on both sides, downloads of received files, the PDF export and the PDF by e-mail (the
 * host to their own address, a guest invited by e-mail to their invitation's). `readOnly` after the end: nothing can be sent, everything can still be saved.
 */
export function ChatPanel({
  session,
  snapshot,
  chatMail,
  readOnly = false,
  headingId,
}: {
  session: CallSession;
  snapshot: CallSnapshot;
  /** Offers the PDF by e-mail, where the server allows it. */
  chatMail: ChatMail | null;
  readOnly?: boolean;
  headingId?: string;
}) {
  const { t, i18n } = useTranslation();
  const messageId = useId();
  const fileId = useId();
  const hintId = useId();
  const [draft, setDraft] = useState('');
  const [fileMessage, setFileMessage] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const names = useRef(new Map<string, string>());
  for (const participant of snapshot.participants) names.current.set(participant.id, participant.displayName);
  const nameOf = (id: string) => names.current.get(id) ?? t('room.chat.formerParticipant');
  const entries = useMemo(() => timeline(snapshot.chat, snapshot.transfers), [snapshot.chat, snapshot.transfers]);
  const selfId = snapshot.self?.id ?? 'self';
  const peersConnected = snapshot.participants.some((p) => p.link === 'connected');

  // Keep the newest entry in view.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [entries.length]);

  function send(event?: FormEvent): void {
    event?.preventDefault();
    if (!draft.trim()) return;
    session.sendChat(draft.slice(0, MAX_CHAT_TEXT_LENGTH));
    setDraft('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) send(event);
  }

  async function sendFiles(files: FileList | File[] | null): Promise<void> {
    setFileMessage(null);
    for (const file of Array.from(files ?? [])) {
      if (file.size > MAX_FILE_BYTES) {
        setFileMessage(t('room.files.tooLarge', { name: file.name, size: formatBytes(file.size, i18n.language) }));
        continue;
      }
      const result = await session.sendFile(file, file.name);
      if (!result.ok) setFileMessage(t(`room.files.refused.${result.reason}`, { name: file.name }));
    }
  }

  const dropHandlers = readOnly
    ? {}
    : {
        onDragOver: (event: DragEvent) => {
          if (![...event.dataTransfer.types].includes('Files')) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        },
        onDragLeave: (event: DragEvent) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        },
        onDrop: (event: DragEvent) => {
          event.preventDefault();
          setDragging(false);
          void sendFiles(event.dataTransfer.files);
        },
      };

  return (
    <div className={dragging ? 'chat chat-dragging' : 'chat'} {...dropHandlers}>
      <p className="chat-note">{t('room.chat.ephemeral')}</p>
      {/* A list that is also a polite live region: role="log" would take the list semantics from its items. */}
      <ol ref={listRef} className="chat-list" aria-labelledby={headingId} aria-live="polite">
        {entries.length === 0 ? <li className="chat-empty">{t('room.chat.empty')}</li> : null}
        {entries.map((entry) =>
          entry.kind === 'message' ? (
            <li
              key={entry.key}
              className={`chat-item ${entry.message.from === selfId || entry.message.from === 'self' ? 'chat-item-mine' : 'chat-item-theirs'}`}
            >
              <p className="chat-meta">
                <span className="chat-author">
                  {entry.message.from === selfId || entry.message.from === 'self' ? t('room.chat.you') : entry.message.fromName || nameOf(entry.message.from)}
                </span>{' '}
                <time dateTime={new Date(entry.message.sentAt).toISOString()}>
                  {new Intl.DateTimeFormat(localeOf(), { hour: '2-digit', minute: '2-digit' }).format(entry.message.sentAt)}
                </time>
              </p>
              <p className="chat-text">{entry.message.text}</p>
            </li>
          ) : (
            <FileItem key={entry.key} entry={entry} nameOf={nameOf} onCancel={(id) => session.cancelTransfer(id)} />
          ),
        )}
      </ol>

      {readOnly ? null : (
        <>
          <form className="chat-form" onSubmit={send}>
            <label htmlFor={messageId} className="visually-hidden">
              {t('room.chat.message')}
            </label>
            <textarea
              id={messageId}
              value={draft}
              rows={2}
              maxLength={MAX_CHAT_TEXT_LENGTH}
              placeholder={t('room.chat.placeholder')}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit" className="button button-primary" disabled={!draft.trim()}>
              {t('room.chat.send')}
            </button>
          </form>
          {!peersConnected ? <p className="field-hint">{t('room.chat.nobodyYet')}</p> : null}
          <div className="file-send">
            <input
              id={fileId}
              type="file"
              multiple
              className="visually-hidden file-input"
              aria-describedby={hintId}
              onChange={(event) => {
                void sendFiles(event.target.files);
                event.target.value = '';
              }}
            />
            <label htmlFor={fileId} className="button button-secondary file-label">
              <Icon name="file" />
              {t('room.files.send')}
            </label>
            <p id={hintId} className="field-hint">
              {t('room.files.hint', { limit: formatBytes(MAX_FILE_BYTES, i18n.language) })}
            </p>
            <div role="alert" className="file-message">
              {fileMessage ? <p>{fileMessage}</p> : null}
            </div>
          </div>
          {dragging ? (
            <div className="chat-drop" aria-hidden="true">
              {t('room.files.drop')}
            </div>
          ) : null}
        </>
      )}
      <ExportActions session={session} snapshot={snapshot} chatMail={chatMail} />
    </div>
  );
}
