import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { confirmEmailChange } from '../api/endpoints';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { plausibleToken } from '../components/fragmentToken';
import { useFragmentToken, useOncePerToken } from '../components/useFragmentToken';
import { startSession, useSession } from '../session/session';

type Outcome = 'pending' | 'success' | 'expired' | 'invalid' | 'taken' | { error: unknown };

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return { error };
  if (error.code === 'token_expired') return 'expired';
  if (error.code === 'token_invalid' || error.code === 'validation_failed') return 'invalid';
  if (error.code === 'email_taken') return 'taken';
  return { error };
}

export function ConfirmEmailChangePage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const { account } = useSession();
  const [outcome, setOutcome] = useState<Outcome>(() => (plausibleToken(token) ? 'pending' : 'invalid'));
  useOncePerToken(token, () => {
    if (!plausibleToken(token)) {
      setOutcome('invalid');
      return;
    }
    setOutcome('pending');
    confirmEmailChange(token).then(
      () => {
        setOutcome('success');
        // The login address changed; show the new one everywhere.
        void startSession();
      },
      (error: unknown) => setOutcome(outcomeOf(error)),
    );
  });

  const title =
    outcome === 'pending'
      ? t('confirmEmailChange.titlePending')
      : outcome === 'success'
        ? t('confirmEmailChange.titleSuccess')
        : t('confirmEmailChange.titleFailed');
  const next = account ? (
    <Link to="/profile" className="button button-primary">
      {t('confirmEmailChange.toProfile')}
    </Link>
  ) : (
    <Link to="/login" className="button button-primary">
      {t('confirmEmailChange.toLogin')}
    </Link>
  );
  return (
    <Page title={title} width="narrow">
      {outcome === 'pending' ? <Spinner label={t('confirmEmailChange.pending')} /> : null}
      {outcome === 'success' ? (
        <div className="alert alert-success" role="status">
          <p>{t('confirmEmailChange.success')}</p>
        </div>
      ) : null}
      {outcome === 'expired' || outcome === 'invalid' || outcome === 'taken' ? (
        <div className="alert alert-error" role="alert">
          <p>{t(`confirmEmailChange.${outcome}`)}</p>
        </div>
      ) : null}
      {typeof outcome === 'object' ? <FormAlert error={outcome.error} /> : null}
      {outcome === 'pending' ? null : <p>{next}</p>}
    </Page>
  );
}
