import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reminderKinds } from '../../../../common/api/appointments';
import { loadHours, saveHours, type HoursView } from '../../api/appointments';
import { FormAlert, Spinner, StatusMessage, SubmitButton } from '../../components/feedback';
import { rangesOf, weekFieldsOf, WEEKDAYS, type RangeProblem, type WeekFields } from './settingsModel';

const RULES = [
  { key: 'bufferMinutes', label: 'appointments.buffer', min: 0, max: 120, step: 5 },
  { key: 'minimumNoticeMinutes', label: 'appointments.notice', min: 0, max: 43200, step: 5, hint: 'appointments.noticeHint' },
  { key: 'horizonDays', label: 'appointments.horizon', min: 1, max: 365, step: 1 },
  { key: 'cancelDeadlineMinutes', label: 'appointments.cancelDeadline', min: 0, max: 43200, step: 1 },
  { key: 'linkGraceMinutes', label: 'appointments.grace', min: 0, max: 240, step: 1 },
] as const;

type RuleKey = (typeof RULES)[number]['key'];

/** Weekly hours (several ranges a day) and the booking rules of one professional. */
export function HoursSection({ professionalId }: { professionalId: string }) {
  const { t } = useTranslation();
  const [week, setWeek] = useState<WeekFields | undefined>(undefined);
  const [rules, setRules] = useState<Record<RuleKey, string>>({
    bufferMinutes: '0',
    minimumNoticeMinutes: '120',
    horizonDays: '56',
    cancelDeadlineMinutes: '1440',
    linkGraceMinutes: '30',
  });
  const [practiceConfirms, setPracticeConfirms] = useState(false);
  const [reminders, setReminders] = useState<HoursView['reminders']>(['day', 'hour']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [problem, setProblem] = useState<RangeProblem | undefined>(undefined);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setWeek(undefined);
    const apply = (hours: HoursView) => {
      setWeek(weekFieldsOf(hours));
      setRules({
        bufferMinutes: String(hours.bufferMinutes),
        minimumNoticeMinutes: String(hours.minimumNoticeMinutes),
        horizonDays: String(hours.horizonDays),
        cancelDeadlineMinutes: String(hours.cancelDeadlineMinutes),
        linkGraceMinutes: String(hours.linkGraceMinutes),
      });
      setPracticeConfirms(hours.practiceConfirms);
      setReminders(hours.reminders);
    };
    loadHours(professionalId).then(apply, (failure: unknown) => setError(failure));
  }, [professionalId]);

  if (!week) return error ? <FormAlert error={error} /> : <Spinner label={t('common.loading')} />;

  const dayName = (weekday: number) => t(`appointments.weekday.${String(weekday) as '1'}`);
  const change = (weekday: number, update: (ranges: WeekFields[number]) => WeekFields[number]) => {
    setSaved(false);
    setWeek({ ...week, [weekday]: update(week[weekday] ?? []) });
  };

  const submit = async () => {
    setSaved(false);
    setError(undefined);
    const checked = rangesOf(week);
    if ('problem' in checked) {
      setProblem(checked.problem);
      document.getElementById(`range-${checked.problem.weekday}-${checked.problem.index}-start`)?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      const hours = await saveHours(professionalId, {
        ranges: checked.ranges,
        bufferMinutes: Number(rules.bufferMinutes),
        minimumNoticeMinutes: Number(rules.minimumNoticeMinutes),
        horizonDays: Number(rules.horizonDays),
        cancelDeadlineMinutes: Number(rules.cancelDeadlineMinutes),
        linkGraceMinutes: Number(rules.linkGraceMinutes),
        practiceConfirms,
        reminders,
      });
      setWeek(weekFieldsOf(hours));
      setSaved(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="settings-section" aria-labelledby="hours-title">
      <h2 id="hours-title">{t('appointments.hoursTitle')}</h2>
      <p>{t('appointments.hoursIntro')}</p>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        {WEEKDAYS.map((weekday) => (
          <fieldset key={weekday} className="weekday">
            <legend>{dayName(weekday)}</legend>
            {(week[weekday] ?? []).length === 0 ? <p>{t('appointments.noRanges')}</p> : null}
            {(week[weekday] ?? []).map((range, index) => {
              const labels = { day: dayName(weekday), number: index + 1 };
              const invalid = problem?.weekday === weekday && problem.index === index;
              return (
                <div key={index} className="range-row">
                  {(['start', 'end'] as const).map((edge) => (
                    <div key={edge} className={invalid ? 'field field-invalid' : 'field'}>
                      <label htmlFor={`range-${weekday}-${index}-${edge}`}>
                        {t(edge === 'start' ? 'appointments.rangeFrom' : 'appointments.rangeTo', labels)}
                      </label>
                      <input
                        id={`range-${weekday}-${index}-${edge}`}
                        type="time"
                        step={300}
                        value={range[edge]}
                        aria-invalid={invalid || undefined}
                        onChange={(event) =>
                          change(weekday, (ranges) => ranges.map((item, at) => (at === index ? { ...item, [edge]: event.target.value } : item)))
                        }
                      />
                    </div>
                  ))}
                  <button type="button" className="button button-secondary" onClick={() => change(weekday, (ranges) => ranges.filter((_, at) => at !== index))}>
                    {t('appointments.removeRange', labels)}
                  </button>
                </div>
              );
            })}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => change(weekday, (ranges) => [...ranges, { start: '09:00', end: '12:00' }])}
            >
              {t('appointments.addRange', { day: dayName(weekday) })}
            </button>
          </fieldset>
        ))}
        <h3>{t('appointments.rulesTitle')}</h3>
        {RULES.map((rule) => (
          <div key={rule.key} className="field">
            <label htmlFor={`rule-${rule.key}`}>{t(rule.label)}</label>
            {'hint' in rule ? (
              <p className="field-hint" id={`rule-${rule.key}-hint`}>
                {t(rule.hint)}
              </p>
            ) : null}
            <input
              id={`rule-${rule.key}`}
              type="number"
              inputMode="numeric"
              min={rule.min}
              max={rule.max}
              step={rule.step}
              value={rules[rule.key]}
              aria-describedby={'hint' in rule ? `rule-${rule.key}-hint` : undefined}
              onChange={(event) => {
                setSaved(false);
                setRules({ ...rules, [rule.key]: event.target.value });
              }}
            />
          </div>
        ))}
        <div className="field field-checkbox">
          <input id="rule-practice-confirms" type="checkbox" checked={practiceConfirms} onChange={(event) => setPracticeConfirms(event.target.checked)} />
          <label htmlFor="rule-practice-confirms">{t('appointments.practiceConfirms')}</label>
        </div>
        <fieldset className="reminder-choice">
          <legend>{t('appointments.remindersTitle')}</legend>
          <p className="field-hint">{t('appointments.remindersHint')}</p>
          {reminderKinds.map((kind) => (
            <div key={kind} className="field field-checkbox">
              <input
                id={`reminder-${kind}`}
                type="checkbox"
                checked={reminders.includes(kind)}
                onChange={(event) => {
                  setSaved(false);
                  setReminders(
                    event.target.checked
                      ? reminderKinds.filter((item) => item === kind || reminders.includes(item))
                      : reminders.filter((item) => item !== kind),
                  );
                }}
              />
              <label htmlFor={`reminder-${kind}`}>{t(`appointments.reminder.${kind}`)}</label>
            </div>
          ))}
        </fieldset>
        <FormAlert error={error}>
          {problem ? <p>{t(`appointments.rangeProblem.${problem.problem}`, { day: dayName(problem.weekday), number: problem.index + 1 })}</p> : null}
        </FormAlert>
        <StatusMessage>{saved ? <p>{t('appointments.hoursSaved')}</p> : null}</StatusMessage>
        <SubmitButton busy={busy}>{t('appointments.saveHours')}</SubmitButton>
      </form>
    </section>
  );
}
