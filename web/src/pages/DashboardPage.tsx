import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../common/api/accounts';
import { listConsultations } from '../api/consultations';
import { FormAlert, Notice, Spinner, StatusMessage } from '../components/feedback';
import { errorText } from '../components/fieldProblems';
import { Page } from '../components/Page';
import { memberConnectionTest } from '../connection-test/api';
import { ConnectionTestSection } from '../connection-test/ConnectionTestSection';
import { ColleagueList } from '../presence/ColleagueList';
import { useContacts } from './contacts/useContacts';
import { Announcer } from './consultations/Announcer';
import { ConsultationCard } from './consultations/ConsultationCard';
import { soonestFirst } from './consultations/model';
import { useConsultations } from './consultations/useConsultations';
import './consultations/consultations.css';

/** Running and due consultations first, then the upcoming ones by their start. */
const loadOpen = () => listConsultations().then(soonestFirst);

export function DashboardPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const name = `${account.firstName} ${account.lastName}`;
  const staff = account.abilities.organizesConsultations;
  const { consultations, error, changes, highlighted, replace, remove, reload } = useConsultations(loadOpen);
  const { contacts, put: contactSaved } = useContacts(!staff);
  const [ended, setEnded] = useState(0);
  const listHeading = useRef<HTMLHeadingElement>(null);

  // After ending a consultation its card is gone: focus moves to the heading of what remains.
  useEffect(() => {
    if (ended > 0) listHeading.current?.focus();
  }, [ended]);

  let content;
  if (consultations === undefined) {
    content = error ? (
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
  } else if (consultations.length === 0) {
    content = (
      <section className="empty-state" aria-labelledby="empty-title">
        <div className="empty-illustration" aria-hidden="true" />
        <h2 id="empty-title" tabIndex={-1} ref={listHeading}>
          {staff ? t('staff.emptyTitle') : t('dashboard.emptyTitle')}
        </h2>
        <p>{staff ? t('staff.emptyText') : t('dashboard.emptyText')}</p>
      </section>
    );
  } else {
    content = (
      <section className="consultations" aria-labelledby="open-title">
        <h2 id="open-title" tabIndex={-1} ref={listHeading}>
          {staff ? t('staff.scheduleTitle') : t('dashboard.openTitle')}
        </h2>
        <p className="form-note">{staff ? t('staff.scheduleIntro') : t('dashboard.openIntro')}</p>
        {error ? (
          <Notice tone="warning">
            <p>{t('consultations.staleNotice', { reason: errorText(t, error) })}</p>
          </Notice>
        ) : null}
        <ul className="consultation-list">
          {consultations.map((consultation) => (
            <li key={consultation.id}>
              <ConsultationCard
                consultation={consultation}
                level={3}
                highlighted={highlighted}
                viewer={staff ? { kind: 'staff' } : { kind: 'host', contacts, onContactSaved: contactSaved }}
                onChanged={replace}
                onEnded={() => {
                  remove(consultation.id);
                  setEnded((count) => count + 1);
                }}
                onGone={() => void reload()}
                onRefresh={() => void reload()}
              />
            </li>
          ))}
        </ul>
      </section>
    );
  }

  return (
    <Page title={t('dashboard.welcome', { name })} documentTitle={t('dashboard.title')}>
      {account.pendingEmail ? (
        <Notice tone="warning">
          <p>{t('dashboard.pendingEmail', { email: account.pendingEmail })}</p>
        </Notice>
      ) : null}
      {staff ? (
        <Notice>
          <p>{t('staff.noCallNote')}</p>
        </Notice>
      ) : null}
      <p className="dashboard-start">
        <Link to="/consultations/new" className="button button-primary button-large">
          <span className="button-plus" aria-hidden="true" />
          {staff ? t('staff.startConsultation') : t('dashboard.startConsultation')}
        </Link>
      </p>
      <p className="dashboard-appointments">
        <Link to="/appointments">{t('appointments.dashboardLink')}</Link>
      </p>
      <Announcer changes={changes} />
      <StatusMessage>{ended > 0 ? <p>{t('dashboard.ended')}</p> : null}</StatusMessage>
      {content}
      {account.abilities.seesColleagues ? <ColleagueList /> : null}
      {/* Practice staff never take part in calls, so they have no connection to test. */}
      {staff ? null : <ConnectionTestSection intro={t('connectionTest.dashboardIntro')} load={memberConnectionTest} />}
      {staff ? null : (
        <p className="activity-hint">
          {t('dashboard.activityHint')} <Link to="/activity">{t('dashboard.activityLink')}</Link>
        </p>
      )}
    </Page>
  );
}
