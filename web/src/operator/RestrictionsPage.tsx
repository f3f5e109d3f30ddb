import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestrictedAccount } from '../../../common/api/operator';
import { liftRestriction, listRestrictions } from '../api/support';
import { Spinner, StatusMessage } from '../components/feedback';
import { Page } from '../components/Page';
import { formatDateTime } from './format';
import { useOperatorContext } from './OperatorArea';

/** Art. 18: the person restricts their account themselves; operator staff lift it when asked. */
export function RestrictionsPage() {
  const { t, i18n } = useTranslation();
  const { handle } = useOperatorContext();
  const [accounts, setAccounts] = useState<RestrictedAccount[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);

  useEffect(() => {
    let active = true;
    listRestrictions().then(
      (loaded) => active && setAccounts(loaded.accounts),
      (error: unknown) => active && setProblem(handle(error)),
    );
    return () => {
      active = false;
    };
  }, [handle]);

  async function lift(account: RestrictedAccount): Promise<void> {
    setBusy(account.id);
    setProblem(undefined);
    try {
      await liftRestriction(account.id);
      setAccounts((current) => current?.filter((entry) => entry.id !== account.id));
      setNotice(t('operatorArea.lifted', { name: account.name }));
    } catch (error) {
      setProblem(handle(error));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Page title={t('operatorArea.restrictionsTitle')}>
      <p>{t('operatorArea.restrictionsLead')}</p>
      <StatusMessage>{notice ? <p>{notice}</p> : null}</StatusMessage>
      {problem ? <p role="alert">{problem}</p> : null}
      {!accounts && !problem ? <Spinner label={t('operatorArea.loading')} /> : null}
      {accounts && accounts.length === 0 ? <p>{t('operatorArea.noRestrictions')}</p> : null}
      {accounts && accounts.length > 0 ? (
        <ul className="operator-thread">
          {accounts.map((account) => (
            <li key={account.id} className="section">
              <p>
                <strong>{account.name}</strong> <span className="operator-muted">{account.email}</span>
                <br />
                <span className="operator-muted">
                  {t('operatorArea.restrictedSince', { date: formatDateTime(account.restrictedAt, i18n.resolvedLanguage) })}
                </span>
              </p>
              <button type="button" className="button button-secondary" disabled={busy === account.id} onClick={() => void lift(account)}>
                {t('operatorArea.lift', { name: account.name })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Page>
  );
}
