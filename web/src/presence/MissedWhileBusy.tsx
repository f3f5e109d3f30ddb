import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { usePresence, usePresenceClient } from './PresenceProvider';
import './presence.css';

/**
 * Who tried to call while this person was busy (Anlage 31b): never a ring, only this quiet list,
 * shown where the person is free again — the dashboard and the end of a call — never in the room.
 */
export function MissedWhileBusy() {
  const { t } = useTranslation();
  const client = usePresenceClient();
  const { missed } = usePresence();
  if (!client || missed.length === 0) return null;
  const time = new Intl.DateTimeFormat(currentLanguage() === 'en' ? 'en-GB' : 'de-DE', { hour: '2-digit', minute: '2-digit' });
  return (
    <section className="missed-while-busy panel" aria-label={t('colleagues.missed.title')}>
      <h3>{t('colleagues.missed.title')}</h3>
      <ul>
        {missed.map((entry) => (
          <li key={`${entry.at}-${entry.fromName}`}>{t('colleagues.missed.entry', { name: entry.fromName, time: time.format(new Date(entry.at)) })}</li>
        ))}
      </ul>
      <button type="button" className="button button-small button-secondary" onClick={() => client.dismissMissed()}>
        {t('colleagues.missed.dismiss')}
      </button>
    </section>
  );
}
