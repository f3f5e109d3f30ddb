import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { disownSignIn } from '../api/endpoints';
import { FormAlert, Spinner } from '../components/feedback';
import { Page } from '../components/Page';
import { plausibleToken } from '../components/fragmentToken';
import { useFragmentToken } from '../components/useFragmentToken';
import { startSession } from '../session/session';

type Outcome = 'ready' | 'pending' | 'done' | 'expired' | 'invalid' | { error: unknown };

function outcomeOf(error: unknown): Outcome {
  if (!(error instanceof ApiError)) return { error };
  if (error.code === 'token_expired') return 'expired';
  if (error.code === 'token_invalid' || error.code === 'validation_failed') return 'invalid';
  return { error };
}

/**
 * "This was not me" from the new-sign-in mail (issue 12). It acts only on the button, not on
 * opening the page: a mail program that opens links ahead must not sign the person out.
 */
export function NotMePage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<Outcome>(() => (plausibleToken(token) ? 'ready' : 'invalid'));

  const disown = () => {
    setOutcome('pending');
    disownSignIn(token).then(
      () => {
        setOutcome('done');
        // This browser's own session ended too.
        void startSession();
      },
      (error: unknown) => setOutcome(outcomeOf(error)),
    );
  };

  const title = outcome === 'done' ? t('notMe.titleDone') : outcome === 'expired' || outcome === 'invalid' ? t('notMe.titleFailed') : t('notMe.title');
  return (
    <Page title={title} width="narrow">
      {outcome === 'ready' ? (
        <>
          <p>{t('notMe.explanation')}</p>
          <p>
            <button type="button" className="button button-primary" onClick={disown}>
              {t('notMe.submit')}
            </button>
          </p>
        </>
      ) : null}
      {outcome === 'pending' ? <Spinner label={t('notMe.pending')} /> : null}
      {outcome === 'done' ? (
        <div className="alert alert-success" role="status">
          <p>{t('notMe.done')}</p>
        </div>
      ) : null}
      {outcome === 'expired' || outcome === 'invalid' ? (
        <div className="alert alert-error" role="alert">
          <p>{t(`notMe.${outcome}`)}</p>
        </div>
      ) : null}
      {typeof outcome === 'object' ? <FormAlert error={outcome.error} /> : null}
      {outcome === 'done' || outcome === 'expired' || outcome === 'invalid' ? (
        <p>
          <Link to={outcome === 'done' ? '/login' : '/forgot-password'} className="button button-primary">
            {outcome === 'done' ? t('notMe.toLogin') : t('notMe.toForgotPassword')}
          </Link>
        </p>
      ) : null}
    </Page>
  );
}
