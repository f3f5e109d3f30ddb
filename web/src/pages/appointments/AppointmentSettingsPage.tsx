import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import { listManagedProfessionals, type ManagedProfessional } from '../../api/appointments';
import { FormAlert, Spinner } from '../../components/feedback';
import { Page } from '../../components/Page';
import { CalendarFeedSection } from './CalendarFeedSection';
import { HoursSection } from './HoursSection';
import { AbsencesSection, PageSection, TypesSection } from './SettingsSections';
import './appointments.css';

/**
 * The practice's appointment set-up (issue 10): weekly hours and booking rules, appointment types,
 * the booking page and absences — for the professional, or by staff and the representative for any
 * of the organisation's professionals.
 */
export function AppointmentSettingsPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const [professionals, setProfessionals] = useState<ManagedProfessional[] | undefined>(undefined);
  const [professionalId, setProfessionalId] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  // The representative and staff also set what the whole organisation offers (appointmentRules.managesOrganizationBooking).
  const forPractice = account.kind === 'organization' && (account.abilities.managesMembers || account.abilities.organizesConsultations);

  useEffect(() => {
    listManagedProfessionals().then(
      (list) => {
        setProfessionals(list.professionals);
        setProfessionalId(list.professionals.find((candidate) => candidate.id === account.id)?.id ?? list.professionals[0]?.id ?? '');
      },
      (failure: unknown) => setError(failure),
    );
  }, [account.id]);

  let content;
  if (professionals === undefined) content = error ? <FormAlert error={error} /> : <Spinner label={t('common.loading')} />;
  else if (professionals.length === 0 || !professionalId) content = <p>{t('appointments.noProfessionals')}</p>;
  else {
    content = (
      <>
        {professionals.length > 1 ? (
          <div className="field">
            <label htmlFor="settings-professional">{t('appointments.professional')}</label>
            <select id="settings-professional" value={professionalId} onChange={(event) => setProfessionalId(event.target.value)}>
              {professionals.map((professional) => (
                <option key={professional.id} value={professional.id}>
                  {professional.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {/* Keyed by the professional: switching starts each section afresh. */}
        <HoursSection key={`hours-${professionalId}`} professionalId={professionalId} />
        <TypesSection key={`types-${professionalId}`} professionalId={professionalId} forPractice={forPractice} />
        <PageSection key={`page-${professionalId}`} professionalId={professionalId} />
        {forPractice ? <PageSection /> : null}
        <AbsencesSection key={`absences-${professionalId}`} professionalId={professionalId} />
        {/* The subscription is always one's own calendar: staff take no appointments. */}
        {account.abilities.holdsConsultations ? <CalendarFeedSection /> : null}
      </>
    );
  }

  return (
    <Page title={t('appointments.settingsTitle')}>
      <p className="lead">{t('appointments.settingsIntro')}</p>
      <p>
        <Link to="/appointments">{t('appointments.backToDay')}</Link>
      </p>
      {content}
    </Page>
  );
}
