import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import { getConsultation } from '../../api/consultations';
import { ApiError } from '../../api/client';
import { FormAlert, Notice, Spinner, StatusMessage } from '../../components/feedback';
import { errorText } from '../../components/fieldProblems';
import { Page } from '../../components/Page';
import { useContacts } from '../contacts/useContacts';
import { Announcer } from './Announcer';
import { ConsultationCard } from './ConsultationCard';
import { deliveryFailed } from './model';
import type { ConsultationCreatedState } from './NewConsultationPage';
import { useConsultations } from './useConsultations';
import './consultations.css';

/** One consultation: where the host lands after creating it, with the delivery of every invitation. */
export function ConsultationDetailPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const staff = account.abilities.organizesConsultations;
  const { contacts, put: contactSaved } = useContacts(!staff);
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as ConsultationCreatedState | null)?.created === true;
  const [endedHere, setEndedHere] = useState(false);
  const load = useCallback(() => getConsultation(id).then((consultation) => [consultation]), [id]);
  const [stopped, setStopped] = useState(false);
  const { consultations, error, changes, highlighted, replace, reload } = useConsultations(load, !stopped);
  const consultation = consultations?.[0];
  const ended = endedHere || consultation?.status === 'ended';

  // Nothing changes any more once it has ended or does not exist.
  const missing = error instanceof ApiError && (error.code === 'not_found' || error.code === 'validation_failed');
  useEffect(() => {
    if (ended || missing) setStopped(true);
  }, [ended, missing]);

  useEffect(() => {
    if (endedHere) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [endedHere]);

  const failed = consultation?.invitations.filter((invitation) => invitation.status === 'active' && deliveryFailed(invitation)).length ?? 0;

  let content;
  if (!consultation) {
    content = missing ? (
      <Notice tone="warning">
        <p>{t('consultationDetail.notFound')}</p>
      </Notice>
    ) : error ? (
      <FormAlert>
        <p>{t('consultations.loadFailed')}</p>
        <p>{errorText(t, error)}</p>
        <button type="button" className="button button-secondary" onClick={() => void reload()}>
          {t('common.retry')}
        </button>
      </FormAlert>
    ) : (
      <Spinner label={t('common.loading')} />
    );
  } else if (ended) {
    content = (
      <p className="actions">
        <Link to="/activity" className="button button-secondary">
          {t('consultationDetail.toActivity')}
        </Link>
      </p>
    );
  } else {
    content = (
      <>
        {error ? (
          <Notice tone="warning">
            <p>{t('consultations.staleNotice', { reason: errorText(t, error) })}</p>
          </Notice>
        ) : null}
        <ConsultationCard
          consultation={consultation}
          level={2}
          highlighted={highlighted}
          viewer={staff ? { kind: 'staff' } : { kind: 'host', contacts, onContactSaved: contactSaved }}
          onChanged={replace}
          onEnded={() => setEndedHere(true)}
          onGone={() => void reload()}
          onRefresh={() => void reload()}
        />
      </>
    );
  }

  return (
    <Page title={t('consultationDetail.title')}>
      <Announcer changes={changes} />
      <StatusMessage>
        {ended ? (
          <p>{t('consultationDetail.ended')}</p>
        ) : created && consultation ? (
          <>
            <p>{t('consultationDetail.created')}</p>
            {failed === 0 ? <p>{t('consultationDetail.allSent')}</p> : null}
          </>
        ) : null}
      </StatusMessage>
      {/* Failed deliveries are never hidden: an alert, and the reason next to each guest. */}
      <FormAlert>{!ended && failed > 0 ? <p>{t('consultationDetail.someFailed', { count: failed })}</p> : null}</FormAlert>
      {content}
      <p className="form-footer">
        <Link to="/dashboard">{t('consultationDetail.backToDashboard')}</Link>
      </p>
    </Page>
  );
}
