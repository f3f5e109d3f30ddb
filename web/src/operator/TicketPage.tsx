import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { REPLY_MAX, replyRequest, type TicketDetail } from '../../../common/api/support';
import { closeTicket, getTicket, replyToTicket } from '../api/support';
import { FormAlert, Spinner, StatusMessage, SubmitButton } from '../components/feedback';
import { TextAreaField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import { formatDateTime } from './format';
import { useOperatorContext } from './OperatorArea';

function ReplyForm({ ticket, onSent }: { ticket: TicketDetail; onSent: (ticket: TicketDetail) => void }) {
  const { t } = useTranslation();
  const { handle } = useOperatorContext();
  const form = useForm({
    initial: { text: '' },
    schema: replyRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      onSent(await replyToTicket(ticket.id, data.text));
      return { text: '' };
    },
    onError: (error) => {
      handle(error);
      return false;
    },
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
      <TextAreaField
        binding={form.field('text')}
        label={t('operatorArea.answer')}
        hint={t('operatorArea.answerHint', { email: ticket.email })}
        rows={8}
        maxLength={REPLY_MAX}
      />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <SubmitButton busy={form.busy}>{t('operatorArea.send')}</SubmitButton>
    </form>
  );
}

export function TicketPage() {
  const { t, i18n } = useTranslation();
  const { handle } = useOperatorContext();
  const { ticketId = '' } = useParams();
  const [ticket, setTicket] = useState<TicketDetail | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [closing, setClosing] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let active = true;
    getTicket(ticketId).then(
      (loaded) => active && setTicket(loaded),
      (error: unknown) => active && setProblem(handle(error)),
    );
    return () => {
      active = false;
    };
  }, [ticketId, handle]);

  async function close(): Promise<void> {
    if (!ticket) return;
    setClosing(true);
    try {
      setTicket(await closeTicket(ticket.id));
      setNotice(t('operatorArea.closed'));
    } catch (error) {
      setProblem(handle(error));
    } finally {
      setClosing(false);
    }
  }

  const language = i18n.resolvedLanguage;
  return (
    <Page title={ticket ? t('operatorArea.ticketTitle', { subject: ticket.subject }) : t('operatorArea.loading')}>
      <p>
        <Link to="/operator">{t('operatorArea.back')}</Link>
      </p>
      <div ref={statusRef}>
        <StatusMessage>{notice ? <p>{notice}</p> : null}</StatusMessage>
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
      {!ticket && !problem ? <Spinner label={t('operatorArea.loading')} /> : null}
      {ticket ? (
        <>
          <section className="section" aria-labelledby="ticket-message">
            <h2 id="ticket-message" className="visually-hidden">
              {ticket.subject}
            </h2>
            <p className="operator-muted">
              {t('operatorArea.received', { date: formatDateTime(ticket.createdAt, language), name: ticket.name, email: ticket.email })}
            </p>
            <blockquote className="operator-message">{ticket.message}</blockquote>
            {ticket.closedAt ? <p>{t('operatorArea.closedAt', { date: formatDateTime(ticket.closedAt, language) })}</p> : null}
          </section>
          <section className="section" aria-labelledby="ticket-thread">
            <h2 id="ticket-thread">{t('operatorArea.thread')}</h2>
            {ticket.thread.length === 0 ? <p>{t('operatorArea.noReplies')}</p> : null}
            <ol className="operator-thread">
              {ticket.thread.map((reply) => (
                <li key={reply.id}>
                  <p className="operator-muted">{t('operatorArea.replyBy', { name: reply.operatorName, date: formatDateTime(reply.sentAt, language) })}</p>
                  <p className="operator-message">{reply.text}</p>
                </li>
              ))}
            </ol>
          </section>
          {ticket.status === 'open' ? (
            <section className="section">
              <ReplyForm
                ticket={ticket}
                onSent={(updated) => {
                  setTicket(updated);
                  setNotice(t('operatorArea.sent'));
                }}
              />
              <p>
                <button type="button" className="button button-secondary" disabled={closing} onClick={() => void close()}>
                  {t('operatorArea.close')}
                </button>
              </p>
            </section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
