import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import type { DataExport } from '../../../../common/api/privacy-rights';
import { dataExportDownloadUrl, getDataExport } from '../../api/privacy';
import { FormAlert, Spinner } from '../../components/feedback';
import { Page } from '../../components/Page';
import { ownLoginEnded, startSession } from '../../session/session';
import { useSiteInfo } from '../../site/useSiteInfo';
import { SecondFactorStatusProvider } from '../../components/SecondFactorStatus';
import { DataRequestForm } from './DataRequestForm';
import { ExportView } from './ExportView';
import '../consultations/consultations.css';
import './my-data.css';

/**
 * `/my-data`: the person's rights in one place (P-24) — see and download everything stored
 * (Art. 15, 20), where to rectify it (Art. 16), restrict processing (Art. 18), delete the account
 * or the organisation (Art. 17), and how consents are withdrawn (Art. 7(3)).
 */
export function MyDataPage({ account }: { account: SessionAccount }) {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<DataExport | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    let current = true;
    getDataExport().then(
      (loaded) => current && setData(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, []);
  // The representative manages the organisation: its data and its deletion are theirs (server: managesMembers).
  const representative = account.abilities.managesMembers;
  // Issue 11: where billing is configured, what an erasure does to the subscription and the invoice references.
  const billingNote = useSiteInfo()?.billing ? [t('billing.erasureNote')] : [];
  const generatedAt = data
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(data.generatedAt))
    : undefined;
  return (
    <Page title={t('myData.title')}>
      <p className="lead">{t('myData.intro')}</p>
      <div className="panel data-download">
        <a className="button button-primary" href={dataExportDownloadUrl} download>
          {t('myData.download')}
        </a>
        <p className="form-note">{t('myData.downloadNote')}</p>
        {generatedAt ? <p className="form-note">{t('myData.generatedAt', { time: generatedAt })}</p> : null}
      </div>
      <FormAlert error={error} />
      {data ? <ExportView data={data} /> : error ? null : <Spinner label={t('myData.loading')} />}
      <section className="panel" aria-labelledby="data-rectify">
        <h2 id="data-rectify">{t('myData.sections.rectify')}</h2>
        <p>{t('myData.rectify.text')}</p>
        <ul className="data-list">
          <li>
            <Link to="/profile">{t('myData.rectify.profile')}</Link>
          </li>
          {representative ? (
            <li>
              <Link to="/organization">{t('myData.rectify.organization')}</Link>
            </li>
          ) : null}
          <li>
            <Link to="/contacts">{t('myData.rectify.contacts')}</Link>
          </li>
          <li>
            <Link to="/dashboard">{t('myData.rectify.consultations')}</Link>
          </li>
        </ul>
      </section>
      <SecondFactorStatusProvider>
        <DataRequestForm kind="restrict" title={t('myData.sections.restrict')} text={[t('myData.restrict.text')]} submit={t('myData.restrict.submit')} />
        <DataRequestForm
          kind="delete-account"
          title={t('myData.sections.deleteAccount')}
          text={[t('myData.deleteAccount.text'), ...(representative ? [t('myData.deleteAccount.representative')] : []), ...billingNote]}
          submit={t('myData.deleteAccount.submit')}
        />
        {representative ? (
          <DataRequestForm
            kind="delete-organization"
            title={t('myData.sections.deleteOrganization')}
            text={[t('myData.deleteOrganization.text'), ...billingNote]}
            submit={t('myData.deleteOrganization.submit')}
          />
        ) : null}
      </SecondFactorStatusProvider>
    </Page>
  );
}

/**
 * Where the requests above lead: the person is logged out, so this page is public. Arriving here,
 * it reloads the session, which the server has ended, so header and guards learn of the logout
 * only once /my-data is left (until then `endOwnLogin` holds the guards back, even when the
 * presence socket reports the logout before the request's answer arrives).
 */
export function DataRequestDonePage({ outcome }: { outcome: 'deleted' | 'organization-deleted' | 'restricted' }) {
  const { t } = useTranslation();
  useEffect(() => {
    ownLoginEnded();
    void startSession();
  }, []);
  const texts = {
    deleted: [t('myData.done.deletedTitle'), t('myData.done.deletedText')],
    'organization-deleted': [t('myData.done.organizationDeletedTitle'), t('myData.done.organizationDeletedText')],
    restricted: [t('myData.done.restrictedTitle'), t('myData.done.restrictedText')],
  }[outcome];
  return (
    <Page title={texts[0] ?? ''} width="narrow">
      <p>{texts[1]}</p>
      <p>
        <Link to="/" className="button button-secondary">
          {t('common.backToStart')}
        </Link>
      </p>
    </Page>
  );
}
