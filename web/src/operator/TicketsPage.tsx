import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { TicketList } from '../../../common/api/support';
import { listTickets } from '../api/support';
import { Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { formatDateTime } from './format';
import { useOperatorContext } from './OperatorArea';

const PAGE_SIZE = 25;

export function TicketsPage() {
  const { t, i18n } = useTranslation();
  const { handle } = useOperatorContext();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') === 'closed' ? 'closed' : 'open';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [list, setList] = useState<TicketList | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    let active = true;
    setList(undefined);
    setProblem(undefined);
    listTickets(status, offset, PAGE_SIZE).then(
      (loaded) => active && setList(loaded),
      (error: unknown) => active && setProblem(handle(error)),
    );
    return () => {
      active = false;
    };
    // `handle` changes with every render of the area; the list depends on the filter only.
  }, [status, offset, handle]);

  const show = (next: { status?: string; offset?: number }) => setParams({ status: next.status ?? status, offset: String(next.offset ?? 0) });
  return (
    <Page title={t('operatorArea.ticketsTitle')}>
      <div className="operator-filter" role="group" aria-label={t('operatorArea.filterLabel')}>
        {(['open', 'closed'] as const).map((value) => (
          <button key={value} type="button" className="button button-secondary" aria-pressed={status === value} onClick={() => show({ status: value })}>
            {value === 'open' ? t('operatorArea.filterOpen') : t('operatorArea.filterClosed')}
          </button>
        ))}
      </div>
      {problem ? <p role="alert">{problem}</p> : null}
      {!list && !problem ? <Spinner label={t('operatorArea.loading')} /> : null}
      {list && list.tickets.length === 0 ? <p>{t('operatorArea.noTickets')}</p> : null}
      {list && list.tickets.length > 0 ? (
        <>
          <table className="operator-table">
            <thead>
              <tr>
                <th scope="col">{t('operatorArea.columnSubject')}</th>
                <th scope="col">{t('operatorArea.columnFrom')}</th>
                <th scope="col">{t('operatorArea.columnReceived')}</th>
                <th scope="col">{t('operatorArea.columnReplies')}</th>
              </tr>
            </thead>
            <tbody>
              {list.tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <th scope="row" data-label={t('operatorArea.columnSubject')}>
                    <Link to={`/operator/tickets/${ticket.id}`}>{ticket.subject}</Link>
                  </th>
                  <td data-label={t('operatorArea.columnFrom')}>
                    {ticket.name} <span className="operator-muted">{ticket.email}</span>
                  </td>
                  <td data-label={t('operatorArea.columnReceived')}>{formatDateTime(ticket.createdAt, i18n.resolvedLanguage)}</td>
                  <td data-label={t('operatorArea.columnReplies')}>{ticket.replies}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="operator-paging">
            <span>{t('operatorArea.shownOf', { from: offset + 1, to: offset + list.tickets.length, total: list.total })}</span>
            {offset > 0 ? (
              <button type="button" className="button button-secondary" onClick={() => show({ offset: Math.max(0, offset - PAGE_SIZE) })}>
                {t('operatorArea.previous')}
              </button>
            ) : null}
            {offset + list.tickets.length < list.total ? (
              <button type="button" className="button button-secondary" onClick={() => show({ offset: offset + PAGE_SIZE })}>
                {t('operatorArea.next')}
              </button>
            ) : null}
          </p>
        </>
      ) : null}
    </Page>
  );
}
