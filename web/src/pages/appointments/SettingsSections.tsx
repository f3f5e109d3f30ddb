import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addAbsence,
  addType,
  deleteAbsence,
  listAbsences,
  listTypes,
  loadPage,
  removeType,
  savePage,
  type AbsenceView,
  type TypeSetting,
} from '../../api/appointments';
import { FormAlert, Spinner, StatusMessage, SubmitButton } from '../../components/feedback';
import { currentLanguage } from '../../i18n';
import { localInputToIso } from './dayModel';
import { DURATION_CHOICES } from './settingsModel';

/** Runs one request at a time for a section, keeping its error and its last confirmation. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState('');
  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      setDone(await action());
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, setError };
}

/** The professional's appointment types: their own and the organisation's; add one, stop offering one. */
export function TypesSection({ professionalId, forPractice }: { professionalId: string; forPractice: boolean }) {
  const { t } = useTranslation();
  const [types, setTypes] = useState<TypeSetting[] | undefined>(undefined);
  const [name, setName] = useState('');
  const [duration, setDuration] = useState('15');
  const [everyone, setEveryone] = useState(false);
  const action = useAction();
  const { setError } = action;

  useEffect(() => {
    setTypes(undefined);
    listTypes(professionalId).then(
      (list) => setTypes(list.types),
      (failure: unknown) => setError(failure),
    );
  }, [professionalId, setError]);

  return (
    <section className="settings-section" aria-labelledby="types-title">
      <h2 id="types-title">{t('appointments.typesTitle')}</h2>
      <p>{t('appointments.typesIntro')}</p>
      {types === undefined ? (
        <Spinner label={t('common.loading')} />
      ) : types.length === 0 ? (
        <p>{t('appointments.noTypes')}</p>
      ) : (
        <ul className="settings-list">
          {types.map((type) => (
            <li key={type.id}>
              {t('appointments.typeRow', { name: type.name, minutes: type.durationMinutes })}{' '}
              {type.organizationWide ? t('appointments.typeOrganization') : null}{' '}
              <button
                type="button"
                className="button button-secondary"
                disabled={action.busy}
                aria-label={t('appointments.removeTypeLabel', { name: type.name })}
                onClick={() =>
                  void action.run(async () => {
                    await removeType(type.id);
                    setTypes((current) => current?.filter((item) => item.id !== type.id));
                    return t('appointments.typeRemoved', { name: type.name });
                  })
                }
              >
                {t('appointments.removeType')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const added = await addType({ name: name.trim(), durationMinutes: Number(duration), ...(everyone ? {} : { professionalId }) });
            setTypes((current) => [...(current ?? []), { ...added, organizationWide: everyone }]);
            setName('');
            return t('appointments.typeAdded', { name: added.name });
          });
        }}
      >
        <div className="field">
          <label htmlFor="type-name">{t('appointments.typeName')}</label>
          <input id="type-name" type="text" required maxLength={80} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="type-duration">{t('appointments.typeDuration')}</label>
          <select id="type-duration" value={duration} onChange={(event) => setDuration(event.target.value)}>
            {DURATION_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('appointments.typeMinutes', { minutes })}
              </option>
            ))}
          </select>
        </div>
        {forPractice ? (
          <div className="field field-checkbox">
            <input id="type-everyone" type="checkbox" checked={everyone} onChange={(event) => setEveryone(event.target.checked)} />
            <label htmlFor="type-everyone">{t('appointments.typeForPractice')}</label>
          </div>
        ) : null}
        <FormAlert error={action.error} />
        <StatusMessage>{action.done ? <p>{action.done}</p> : null}</StatusMessage>
        <SubmitButton busy={action.busy}>{t('appointments.addType')}</SubmitButton>
      </form>
    </section>
  );
}

/** The professional's public booking page: its address and whether it is on. */
export function PageSection({ professionalId }: { professionalId?: string }) {
  const { t } = useTranslation();
  const [slug, setSlug] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const action = useAction();
  // Two pages on one screen (the professional's and the organisation's): their fields need their own ids.
  const idSuffix = professionalId ? '' : '-practice';
  const { setError } = action;

  useEffect(() => {
    loadPage(professionalId).then(
      ({ page }) => {
        setSlug(page?.slug ?? '');
        setEnabled(page?.enabled ?? true);
        setSaved(page?.enabled ? page.slug : undefined);
      },
      (failure: unknown) => setError(failure),
    );
  }, [professionalId, setError]);

  return (
    <section className="settings-section" aria-labelledby={`page-title${idSuffix}`}>
      <h2 id={`page-title${idSuffix}`}>{professionalId ? t('appointments.pageTitle') : t('appointments.practicePageTitle')}</h2>
      <p>{professionalId ? t('appointments.pageIntro') : t('appointments.practicePageIntro')}</p>
      {saved ? <p>{t('appointments.pageAddress', { url: `${window.location.origin}/book/${saved}` })}</p> : null}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const page = await savePage({ slug: slug.trim().toLowerCase(), enabled, ...(professionalId ? { professionalId } : {}) });
            setSaved(page.enabled ? page.slug : undefined);
            return t('appointments.pageSaved');
          });
        }}
      >
        <div className="field">
          <label htmlFor={`page-slug${idSuffix}`}>{t('appointments.pageSlug')}</label>
          <p className="field-hint" id={`page-slug-hint${idSuffix}`}>
            {t('appointments.pageSlugHint')}
          </p>
          <input
            id={`page-slug${idSuffix}`}
            type="text"
            required
            autoCapitalize="off"
            spellCheck={false}
            value={slug}
            aria-describedby={`page-slug-hint${idSuffix}`}
            onChange={(event) => setSlug(event.target.value)}
          />
        </div>
        <div className="field field-checkbox">
          <input id={`page-enabled${idSuffix}`} type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
          <label htmlFor={`page-enabled${idSuffix}`}>{t('appointments.pageEnabled')}</label>
        </div>
        <FormAlert error={action.error} />
        <StatusMessage>{action.done ? <p>{action.done}</p> : null}</StatusMessage>
        <SubmitButton busy={action.busy}>{t('appointments.savePage')}</SubmitButton>
      </form>
    </section>
  );
}

/** Absences hide slots; no reason is asked. Times are the browser's, sent as instants. */
export function AbsencesSection({ professionalId }: { professionalId: string }) {
  const { t } = useTranslation();
  const [absences, setAbsences] = useState<AbsenceView[] | undefined>(undefined);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const action = useAction();
  const { setError } = action;
  const format = new Intl.DateTimeFormat(currentLanguage() === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  const rangeOf = (absence: AbsenceView) =>
    t('appointments.absenceRow', { from: format.format(new Date(absence.startsAt)), to: format.format(new Date(absence.endsAt)) });

  useEffect(() => {
    setAbsences(undefined);
    listAbsences(professionalId).then(
      (list) => setAbsences(list.absences),
      (failure: unknown) => setError(failure),
    );
  }, [professionalId, setError]);

  return (
    <section className="settings-section" aria-labelledby="absences-title">
      <h2 id="absences-title">{t('appointments.absencesTitle')}</h2>
      <p>{t('appointments.absencesIntro')}</p>
      {absences === undefined ? (
        <Spinner label={t('common.loading')} />
      ) : absences.length === 0 ? (
        <p>{t('appointments.noAbsences')}</p>
      ) : (
        <ul className="settings-list">
          {absences.map((absence) => (
            <li key={absence.id}>
              {rangeOf(absence)}{' '}
              <button
                type="button"
                className="button button-secondary"
                disabled={action.busy}
                aria-label={t('appointments.removeAbsenceLabel', { range: rangeOf(absence) })}
                onClick={() =>
                  void action.run(async () => {
                    await deleteAbsence(professionalId, absence.id);
                    setAbsences((current) => current?.filter((item) => item.id !== absence.id));
                    return t('appointments.absenceRemoved');
                  })
                }
              >
                {t('appointments.removeAbsence')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          const startsAt = localInputToIso(from);
          const endsAt = localInputToIso(to);
          if (!startsAt || !endsAt) return;
          void action.run(async () => {
            const added = await addAbsence(professionalId, { startsAt, endsAt });
            setAbsences((current) => [...(current ?? []), added].sort((a, b) => a.startsAt.localeCompare(b.startsAt)));
            setFrom('');
            setTo('');
            return t('appointments.absenceAdded');
          });
        }}
      >
        <div className="field">
          <label htmlFor="absence-from">{t('appointments.absenceFrom')}</label>
          <input id="absence-from" type="datetime-local" step={300} required value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="absence-to">{t('appointments.absenceTo')}</label>
          {/* The end cannot precede the start: the picker offers only later times once a start is chosen. */}
          <input id="absence-to" type="datetime-local" step={300} required min={from || undefined} value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
        <FormAlert error={action.error} />
        <StatusMessage>{action.done ? <p>{action.done}</p> : null}</StatusMessage>
        <SubmitButton busy={action.busy}>{t('appointments.addAbsence')}</SubmitButton>
      </form>
    </section>
  );
}
