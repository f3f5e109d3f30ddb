import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { moveByLink, slotsForMove } from '../../api/appointments';
import { FormAlert, Spinner } from '../../components/feedback';
import { currentLanguage } from '../../i18n';
import { localDayOf } from '../appointments/dayModel';

/**
 * The patient moves their appointment with the link from a message (issue 10): a week of free times
 * from a chosen day, then one click. The link works once: the change notice brings a new one.
 */
export function MoveByLink({ token, timeZone, onMoved, onBack }: { token: string; timeZone: string; onMoved: (startsAt: string) => void; onBack: () => void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => localDayOf(new Date(), timeZone));
  const [slots, setSlots] = useState<string[] | undefined>(undefined);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  /** Counts refusals of a just-taken time: each reloads the free times. */
  const [taken, setTaken] = useState(0);
  const tag = currentLanguage() === 'de' ? 'de-DE' : 'en-GB';
  const full = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

  useEffect(() => {
    setSlots(undefined);
    slotsForMove(token, from).then(
      (list) => setSlots(list.slots.map((slot) => slot.startsAt)),
      (failure: unknown) => {
        setError(failure);
        setSlots([]);
      },
    );
  }, [token, from, taken]);

  const move = async (startsAt: string) => {
    setBusy(true);
    setError(undefined);
    setTaken(0);
    try {
      await moveByLink(token, startsAt);
      onMoved(startsAt);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'slot_taken') {
        setChosen(undefined);
        setTaken((count) => count + 1);
      } else setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="move-title">
      <h2 id="move-title">{t('booking.moveTitle')}</h2>
      <p>{t('booking.moveIntro')}</p>
      <div className="field">
        <label htmlFor="move-from">{t('booking.moveFrom')}</label>
        <input id="move-from" type="date" value={from} onChange={(event) => event.target.value && setFrom(event.target.value)} />
      </div>
      <h3>{t('booking.moveSlots')}</h3>
      {slots === undefined ? (
        <Spinner label={t('booking.loading')} />
      ) : slots.length === 0 ? (
        <p>{t('booking.moveNone')}</p>
      ) : (
        <ul className="slot-list">
          {slots.map((slot) => (
            <li key={slot}>
              <button type="button" className="button button-secondary" aria-pressed={chosen === slot} onClick={() => setChosen(slot)}>
                {full.format(new Date(slot))}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormAlert error={error}>{taken > 0 ? <p>{t('booking.moveTaken')}</p> : null}</FormAlert>
      <div className="actions">
        {chosen ? (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void move(chosen)}>
            {t('booking.moveConfirm', { when: full.format(new Date(chosen)) })}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('booking.moveBack')}
        </button>
      </div>
    </section>
  );
}
