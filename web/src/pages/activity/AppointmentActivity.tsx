import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listAppointmentActivity, type AppointmentActivityEntry } from '../../api/appointments';
import { FormAlert, Spinner } from '../../components/feedback';
import { currentLanguage } from '../../i18n';
import { localDayRange } from './localDays';

/** P-14: appointments booked, held, cancelled or missed, for the same days (and member) as the consultations above. */
export function AppointmentActivity({ from, to, member }: { from: string; to: string; member: string }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<AppointmentActivityEntry[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);

  useEffect(() => {
    let current = true;
    setEntries(undefined);
    setError(undefined);
    const range = localDayRange(from, to);
    const query = new URLSearchParams();
    if (range.from) query.set('from', range.from);
    if (range.to) query.set('to', range.to);
    if (member) query.set('member', member);
    listAppointmentActivity(query).then(
      (loaded) => current && setEntries(loaded.entries),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [from, to, member]);

  const format = new Intl.DateTimeFormat(currentLanguage() === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section className="activity-appointments" aria-labelledby="appointment-activity-title">
      <h2 id="appointment-activity-title">{t('appointments.activityTitle')}</h2>
      <FormAlert error={error} />
      {!entries && !error ? <Spinner label={t('common.loading')} /> : null}
      {entries && entries.length === 0 ? <p>{t('appointments.activityEmpty')}</p> : null}
      {entries && entries.length > 0 ? (
        <ul className="settings-list">
          {entries.map((entry) => (
            <li key={entry.id}>
              <strong>{t(`appointments.activityKind.${entry.kind}`)}</strong>{' '}
              {t('appointments.activityRow', {
                when: format.format(new Date(entry.startsAt)),
                type: entry.typeName,
                patient: entry.patientName,
                professional: entry.professionalName,
              })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
