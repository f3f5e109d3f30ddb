import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { OperatorReceiptPage } from '../../../common/api/operator';
import { listReceipts } from '../api/support';
import { Notice, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { formatDateTime } from './format';
import { useOperatorContext } from './OperatorArea';

/** Deletion receipts (P-15, P-17 … P-20): proof that the retention rules run, and whether the chain is whole. */
export function ReceiptsPage() {
  const { t, i18n } = useTranslation();
  const { handle } = useOperatorContext();
  const [params, setParams] = useSearchParams();
  const before = Number(params.get('before')) || undefined;
  const [page, setPage] = useState<OperatorReceiptPage | undefined>(undefined);
  const [chain, setChain] = useState<OperatorReceiptPage['chain']>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);

  useEffect(() => {
    let active = true;
    setPage(undefined);
    listReceipts(before).then(
      (loaded) => {
        if (!active) return;
        setPage(loaded);
        // Verified with the first page only; it stays shown while paging back.
        if (loaded.chain) setChain(loaded.chain);
      },
      (error: unknown) => active && setProblem(handle(error)),
    );
    return () => {
      active = false;
    };
  }, [before, handle]);

  const language = i18n.resolvedLanguage;
  return (
    <Page title={t('operatorArea.receiptsTitle')}>
      <p>{t('operatorArea.receiptsLead')}</p>
      {chain ? (
        <Notice tone={chain.intact ? 'success' : 'warning'}>
          <p>
            {chain.intact
              ? t('operatorArea.chainIntact', { count: chain.checked })
              : t('operatorArea.chainBroken', { seq: chain.brokenAt ?? 0, reason: chain.reason ?? '' })}
          </p>
        </Notice>
      ) : null}
      {problem ? <p role="alert">{problem}</p> : null}
      {!page && !problem ? <Spinner label={t('operatorArea.loading')} /> : null}
      {page && page.receipts.length === 0 ? <p>{t('operatorArea.noReceipts')}</p> : null}
      {page && page.receipts.length > 0 ? (
        <table className="operator-table">
          <thead>
            <tr>
              <th scope="col">{t('operatorArea.columnSeq')}</th>
              <th scope="col">{t('operatorArea.columnJob')}</th>
              <th scope="col">{t('operatorArea.columnCutoff')}</th>
              <th scope="col">{t('operatorArea.columnDeleted')}</th>
              <th scope="col">{t('operatorArea.columnOutcome')}</th>
              <th scope="col">{t('operatorArea.columnFinished')}</th>
            </tr>
          </thead>
          <tbody>
            {page.receipts.map((receipt) => (
              <tr key={receipt.seq}>
                <th scope="row" data-label={t('operatorArea.columnSeq')}>
                  {receipt.seq}
                </th>
                <td data-label={t('operatorArea.columnJob')}>
                  {receipt.rule}{' '}
                  <span className="operator-muted">
                    ({receipt.job}, {receipt.period})
                  </span>
                </td>
                <td data-label={t('operatorArea.columnCutoff')}>{formatDateTime(receipt.cutoff, language)}</td>
                <td data-label={t('operatorArea.columnDeleted')}>{receipt.rowsDeleted}</td>
                <td data-label={t('operatorArea.columnOutcome')}>
                  {receipt.outcome === 'completed' ? t('operatorArea.outcomeCompleted') : t('operatorArea.outcomeFailed')}
                </td>
                <td data-label={t('operatorArea.columnFinished')}>{formatDateTime(receipt.finishedAt, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="operator-paging">
        {before ? (
          <button type="button" className="button button-secondary" onClick={() => setParams({})}>
            {t('operatorArea.newestReceipts')}
          </button>
        ) : null}
        {page?.nextBefore ? (
          <button type="button" className="button button-secondary" onClick={() => setParams({ before: String(page.nextBefore) })}>
            {t('operatorArea.olderReceipts')}
          </button>
        ) : null}
      </p>
    </Page>
  );
}
