import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { confirmEmail } from '../api/endpoints';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { ResendConfirmationForm } from '../components/ResendConfirmationForm';
import { plausibleToken, useFragmentToken, useOncePerToken } from '../components/useFragmentToken';

type Outcome = { kind: 'pending' } | { kind: 'success' } | { kind: 'expired' } | { kind: 'invalid' } | { kind: 'failed'; error: unknown };

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ApiError && error.code === 'token_expired') return { kind: 'expired' };
  if (error instanceof ApiError && (error.code === 'token_invalid' || error.code === 'validation_failed')) {
    return { kind: 'invalid' };
  }
  return { kind: 'failed', error };
}

export function ConfirmEmailPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>(() => (plausibleToken(token) ? { kind: 'pending' } : { kind: 'invalid' }));
  useOncePerToken(token, () => {
    if (!plausibleToken(token)) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    setOutcome({ kind: 'pending' });
    confirmEmail(token).then(
      () => setOutcome({ kind: 'success' }),
      (error: unknown) => setOutcome(outcomeOf(error)),
    );
  });

  const titles = {
    pending: t('confirmEmail.titlePending'),
    success: t('confirmEmail.titleSuccess'),
    expired: t('confirmEmail.titleExpired'),
    invalid: t('confirmEmail.titleInvalid'),
    failed: t('confirmEmail.titleFailed'),
  };
  return (
    <Page title={titles[outcome.kind]} width="narrow">
      {outcome.kind === 'pending' ? <Spinner label={t('confirmEmail.pending')} /> : null}
      {outcome.kind === 'success' ? (
        <>
          <div className="alert alert-success" role="status">
            <p>{t('confirmEmail.success')}</p>
          </div>
          <p>
            <Link to="/login" className="button button-primary">
              {t('confirmEmail.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
      {outcome.kind === 'expired' ? (
        <>
          <p>{t('confirmEmail.expired')}</p>
          <ResendConfirmationForm />
        </>
      ) : null}
      {outcome.kind === 'invalid' ? (
        <>
          <p>{t('confirmEmail.invalid')}</p>
          <p>
            <Link to="/login" className="button button-primary">
              {t('confirmEmail.toLogin')}
            </Link>
          </p>
        </>
      ) : null}
      {outcome.kind === 'failed' ? <FormAlert error={outcome.error} /> : null}
    </Page>
  );
}
