import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { BillingView } from '../../../../common/api/billing';
import { getBilling, openPortal, startCheckout } from '../../api/billing';
import { FormAlert, Notice, Spinner, StatusMessage } from '../../components/feedback';
import { Page } from '../../components/Page';
import { useSiteInfo } from '../../site/useSiteInfo';
import './billing.css';

type Redirect = () => Promise<{ url: string }>;

/** Stripe Checkout and the Customer Portal are pages of Stripe: we only send the browser there. */
function useRedirect(): { busy: boolean; error: unknown; go: (redirect: Redirect) => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function go(redirect: Redirect) {
    setBusy(true);
    setError(undefined);
    try {
      window.location.assign((await redirect()).url);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return { busy, error, go };
}

/** `/billing`: "Tarif und Abrechnung" of an individual customer or an organisation's representative (issue 11). */
export function BillingPage() {
  const { t } = useTranslation();
  const site = useSiteInfo();
  const [params] = useSearchParams();
  const [view, setView] = useState<BillingView>();
  const [loadError, setLoadError] = useState<unknown>();
  const redirect = useRedirect();

  useEffect(() => {
    if (!site?.billing) return;
    let active = true;
    getBilling().then(
      (loaded) => active && setView(loaded),
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [site?.billing]);

  if (site && !site.billing) {
    return (
      <Page title={t('billing.title')}>
        <p>{t('billing.unavailable')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('billing.title')}>
      {loadError !== undefined ? <FormAlert error={loadError}>{t('billing.loadFailed')}</FormAlert> : null}
      {!view ? (
        loadError === undefined ? (
          <Spinner label={t('common.loading')} />
        ) : null
      ) : (
        <BillingDetails view={view} redirect={redirect} checkoutDone={params.get('checkout') === 'done'} />
      )}
    </Page>
  );
}

function BillingDetails({ view, redirect, checkoutDone }: { view: BillingView; redirect: ReturnType<typeof useRedirect>; checkoutDone: boolean }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
  const running = view.state === 'trialing' || view.state === 'active' || view.state === 'past_due';
  return (
    <>
      <p className="lead">{view.scope === 'organisation' ? t('billing.introOrganisation') : t('billing.intro')}</p>
      {checkoutDone && !running ? <StatusMessage>{t('billing.checkoutDone')}</StatusMessage> : null}
      <section className="billing-section" aria-labelledby="billing-state">
        <h2 id="billing-state">{t('billing.stateHeading')}</h2>
        <p className={`billing-state billing-state-${view.entitled ? 'ok' : 'read-only'}`}>{t(`billing.state.${view.state}`)}</p>
        <dl className="billing-facts">
          {view.plan ? (
            <>
              <dt>{t('billing.planLabel')}</dt>
              <dd>{t(`billing.plan.${view.plan.kind}_${view.plan.period}`)}</dd>
            </>
          ) : null}
          {view.scope === 'organisation' && view.quantity !== null ? (
            <>
              <dt>{t('billing.seats')}</dt>
              <dd>{view.quantity}</dd>
            </>
          ) : null}
          {view.currentPeriodEnd && running ? (
            <>
              <dt>{view.cancelAtPeriodEnd ? t('billing.endsOn') : t('billing.nextPayment')}</dt>
              <dd>{date(view.currentPeriodEnd)}</dd>
            </>
          ) : null}
        </dl>
        {view.trialDaysLeft !== null && view.trialEndsAt ? <p>{t('billing.trialLeft', { count: view.trialDaysLeft, date: date(view.trialEndsAt) })}</p> : null}
        {!view.entitled ? <Notice tone="warning">{t('billing.readOnly')}</Notice> : null}
      </section>
      <FormAlert error={redirect.error} />
      {redirect.busy ? <p role="status">{t('billing.redirecting')}</p> : null}
      {running ? null : (
        <section className="billing-section" aria-labelledby="billing-subscribe">
          <h2 id="billing-subscribe">{t('billing.subscribeHeading')}</h2>
          <p>{t('billing.subscribeText')}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" disabled={redirect.busy} onClick={() => void redirect.go(() => startCheckout('monthly'))}>
              {t('billing.monthly')}
            </button>
            <button type="button" className="button" disabled={redirect.busy} onClick={() => void redirect.go(() => startCheckout('yearly'))}>
              {t('billing.yearly')}
            </button>
          </div>
        </section>
      )}
      {view.plan ? (
        <section className="billing-section" aria-labelledby="billing-manage">
          <h2 id="billing-manage">{t('billing.manage')}</h2>
          <p>{t('billing.manageText')}</p>
          <button type="button" className="button" disabled={redirect.busy} onClick={() => void redirect.go(openPortal)}>
            {t('billing.manage')}
          </button>
        </section>
      ) : null}
      <section className="billing-section" aria-labelledby="billing-invoices">
        <h2 id="billing-invoices">{t('billing.invoicesHeading')}</h2>
        {view.invoices.length === 0 ? (
          <p>{t('billing.noInvoices')}</p>
        ) : (
          <table className="billing-invoices">
            <thead>
              <tr>
                <th scope="col">{t('billing.invoiceNumber')}</th>
                <th scope="col">{t('billing.invoiceDate')}</th>
                <th scope="col">{t('billing.invoiceAmount')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('billing.invoicePdf')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.invoices.map((invoice) => (
                <tr key={invoice.id}>
                  <td>{invoice.number ?? '–'}</td>
                  <td>{date(invoice.issuedAt)}</td>
                  <td>{money(invoice.amount, invoice.currency)}</td>
                  <td>
                    {invoice.pdfUrl ? (
                      // A link away to Stripe's document; nothing of Stripe loads on this page.
                      <a
                        href={invoice.pdfUrl}
                        rel="noopener noreferrer"
                        target="_blank"
                        aria-label={t('billing.invoicePdfLabel', { number: invoice.number ?? '' })}
                      >
                        {t('billing.invoicePdf')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
