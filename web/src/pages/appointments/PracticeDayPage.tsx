import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import type { ConsultationView } from '../../../../common/api/consultations';
import { listAppointments, listManagedProfessionals, type AppointmentView, type ManagedProfessional } from '../../api/appointments';
import { listConsultations } from '../../api/consultations';
import { FormAlert, Spinner, StatusMessage } from '../../components/feedback';
import { Page } from '../../components/Page';
import { currentLanguage } from '../../i18n';
import { waitingCount } from '../consultations/model';
import { AppointmentItem } from './AppointmentItem';
import { addDays, groupByDay, localDayOf, wallToInstant, weekStart, type LocalDay } from './dayModel';
import './appointments.css';

/** How often the day refreshes while it is shown: who is waiting changes by the minute. */
const REFRESH_MS = 10_000;

type View = 'day' | 'week';

export function dateTag(): string {
  return currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
}

/**
 * The practice's day and week (issue 10): a professional's appointments, who is already waiting, and
 * from there open the consultation, mark a no-show, move or cancel with a message. For the
 * professional their own; for staff and the representative any of the organisation's professionals.
 */
export function PracticeDayPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const [professionals, setProfessionals] = useState<ManagedProfessional[] | undefined>(undefined);
  const [professionalId, setProfessionalId] = useState('');
  const [view, setView] = useState<View>('day');
  const [day, setDay] = useState<LocalDay | undefined>(undefined);
  const [data, setData] = useState<{ timeZone: string; appointments: AppointmentView[] } | undefined>(undefined);
  const [consultations, setConsultations] = useState<ConsultationView[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [announcement, setAnnouncement] = useState('');
  const waitingBefore = useRef<Set<string> | undefined>(undefined);

  useEffect(() => {
    listManagedProfessionals().then(
      (list) => {
        setProfessionals(list.professionals);
        setProfessionalId(list.professionals.find((candidate) => candidate.id === account.id)?.id ?? list.professionals[0]?.id ?? '');
      },
      (failure: unknown) => setError(failure),
    );
  }, [account.id]);

  const timeZone = data?.timeZone ?? 'Europe/Berlin';
  const shownDay = day ?? localDayOf(new Date(), timeZone);
  const from = view === 'week' ? weekStart(shownDay) : shownDay;
  const days = view === 'week' ? 7 : 1;

  const load = useCallback(async () => {
    if (!professionalId) return;
    try {
      const [list, open] = await Promise.all([
        listAppointments(professionalId, wallToInstant(from, 0, timeZone).toISOString(), days),
        // Who waits comes from the open consultations.
        listConsultations(),
      ]);
      setData(list);
      setConsultations(open);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  }, [professionalId, from, days, timeZone]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const waitingBy = useMemo(() => new Map(consultations.map((consultation) => [consultation.id, waitingCount(consultation)])), [consultations]);

  // Announce a patient who starts waiting (not those already waiting when the page opened).
  useEffect(() => {
    if (!data) return;
    const now = new Set(data.appointments.filter((item) => item.consultationId && (waitingBy.get(item.consultationId) ?? 0) > 0).map((item) => item.id));
    const before = waitingBefore.current;
    waitingBefore.current = now;
    if (!before) return;
    const arrived = data.appointments.filter((item) => now.has(item.id) && !before.has(item.id));
    if (arrived.length > 0) setAnnouncement(arrived.map((item) => t('appointments.waitingAnnounced', { name: item.patientName })).join(' '));
  }, [data, waitingBy, t]);

  const replace = (changed: AppointmentView, message: string) => {
    setData((current) => current && { ...current, appointments: current.appointments.map((item) => (item.id === changed.id ? changed : item)) });
    setAnnouncement(message);
  };

  const tag = dateTag();
  const dayFormat = new Intl.DateTimeFormat(tag, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const labelOf = (localDay: LocalDay) => dayFormat.format(new Date(`${localDay}T12:00:00Z`));
  const range = view === 'week' ? `${labelOf(from)} – ${labelOf(addDays(from, 6))}` : labelOf(from);
  const step = view === 'week' ? 7 : 1;

  let content;
  if (professionals === undefined) {
    content = error ? <FormAlert error={error} /> : <Spinner label={t('common.loading')} />;
  } else if (professionals.length === 0) {
    content = <p>{t('appointments.noProfessionals')}</p>;
  } else {
    content = (
      <>
        <div className="day-controls">
          {professionals.length > 1 ? (
            <div className="field">
              <label htmlFor="day-professional">{t('appointments.professional')}</label>
              <select id="day-professional" value={professionalId} onChange={(event) => setProfessionalId(event.target.value)}>
                {professionals.map((professional) => (
                  <option key={professional.id} value={professional.id}>
                    {professional.name}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div role="group" aria-label={t('appointments.view')} className="actions">
            {(['day', 'week'] as const).map((choice) => (
              <button key={choice} type="button" className="button button-secondary" aria-pressed={view === choice} onClick={() => setView(choice)}>
                {choice === 'day' ? t('appointments.viewDay') : t('appointments.viewWeek')}
              </button>
            ))}
          </div>
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={() => setDay(addDays(shownDay, -step))}>
              {view === 'week' ? t('appointments.previousWeek') : t('appointments.previousDay')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDay(undefined)}>
              {t('appointments.today')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDay(addDays(shownDay, step))}>
              {view === 'week' ? t('appointments.nextWeek') : t('appointments.nextDay')}
            </button>
          </div>
        </div>
        <p aria-live="polite">{t('appointments.showing', { range })}</p>
        <p className="form-note">{t('appointments.zoneNote', { zone: timeZone })}</p>
        {error ? <FormAlert error={error}>{<p>{t('appointments.loadFailed')}</p>}</FormAlert> : null}
        {data === undefined ? (
          <Spinner label={t('common.loading')} />
        ) : (
          groupByDay(data.appointments, from, days, timeZone).map((group) => (
            <section key={group.day} className="day-group" aria-labelledby={`day-${group.day}`}>
              <h2 id={`day-${group.day}`}>{labelOf(group.day)}</h2>
              {group.appointments.length === 0 ? (
                <p>{t('appointments.empty')}</p>
              ) : (
                <ul className="appointment-list">
                  {group.appointments.map((appointment) => (
                    <li key={appointment.id}>
                      <AppointmentItem
                        appointment={appointment}
                        timeZone={timeZone}
                        waiting={appointment.consultationId ? (waitingBy.get(appointment.consultationId) ?? 0) : 0}
                        isHost={appointment.professionalId === account.id}
                        onChanged={replace}
                      />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))
        )}
      </>
    );
  }

  return (
    <Page title={t('appointments.dayTitle')}>
      <p className="lead">{t('appointments.dayIntro')}</p>
      <p>
        <Link to="/appointments/settings">{t('appointments.settingsLink')}</Link>
      </p>
      <StatusMessage>{announcement ? <p>{announcement}</p> : null}</StatusMessage>
      {content}
    </Page>
  );
}
