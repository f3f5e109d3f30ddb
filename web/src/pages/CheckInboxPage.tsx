import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { DevOutboxHint } from '../components/DevOutboxHint';
import { Page } from '../components/Page';
import { ResendConfirmationForm } from '../components/ResendConfirmationForm';
import type { CheckInboxState } from './RegisterPage';

export function CheckInboxPage() {
  const { t } = useTranslation();
  const state = (useLocation().state ?? {}) as CheckInboxState;
  const email = typeof state.email === 'string' ? state.email : undefined;
  return (
    <Page title={t('checkInbox.title')} width="narrow">
      <div className="inbox-illustration" aria-hidden="true" />
      <p className="lead">{email ? t('checkInbox.textWithEmail', { email }) : t('checkInbox.textWithoutEmail')}</p>
      <DevOutboxHint />
      <section className="panel" aria-labelledby="no-mail-title">
        <h2 id="no-mail-title">{t('checkInbox.noMailTitle')}</h2>
        <p>{t('checkInbox.noMailText')}</p>
        <ResendConfirmationForm initialEmail={email} showDevOutbox={false} />
      </section>
    </Page>
  );
}
