import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import * as z from 'zod';
import type { SessionAccount } from '../../../common/api/accounts';
import type { ActivityEntry } from '../../../common/api/consultations';
import { listActivity } from '../api/consultations';
import { today } from '../components/addressChecks';
import { FormAlert, Spinner } from '../components/feedback';
import { TextField } from '../components/fields';
import { Page } from '../components/Page';
import { useForm } from '../components/useForm';
import { isLocalDay, localDayRange } from './activity/localDays';
import { AppointmentActivity } from './activity/AppointmentActivity';
import { MemberSelect, useMemberOptions } from './activity/MemberSelect';
import { dateLocale, formatDuration, rangeChecks, spokenDuration } from './consultations/model';
import './consultations/consultations.css';

/** The filter as the user chooses it: local days (the API gets instants) and, for the representative, a member. */
const filterSchema = z.strictObject({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  member: z.uuid().optional(),
});

/** A day from the address, or '' when it is not one (a hand-edited or old link shows everything). */
const dayParam = (value: string | null) => (value && isLocalDay(value) ? value : '');

function ActivityRow({ entry, showHost }: { entry: ActivityEntry; showHost: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = dateLocale(i18n.resolvedLanguage);
  const start = entry.startedAt ? new Date(entry.startedAt) : undefined;
  const end = new Date(entry.endedAt);
  const date = new Intl.DateTimeFormat(locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric' }).format(start ?? end);
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const channels = { email: t('consultations.channelEmail'), sms: t('consultations.channelSms') };
  return (
    <tr>
      <th scope="row" data-label={t('activity.columnDate')}>
        {date}
      </th>
      {showHost ? <td data-label={t('orgActivity.columnHost')}>{entry.hostName}</td> : null}
      <td data-label={t('activity.columnTime')}>{start ? times.formatRange(start, end) : t('activity.endedAt', { time: times.format(end) })}</td>
      <td data-label={t('activity.columnDuration')}>
        <span aria-hidden="true">{formatDuration(t, entry.durationSeconds)}</span>
        <span className="visually-hidden">{spokenDuration(t, entry.durationSeconds)}</span>
      </td>
      <td data-label={t('activity.columnParticipants')}>{entry.participantNames.length > 0 ? entry.participantNames.join(', ') : t('activity.nobody')}</td>
      <td data-label={t('activity.columnChannels')}>
        {entry.invitationChannels.length > 0 ? entry.invitationChannels.map((channel) => channels[channel]).join(', ') : t('activity.none')}
      </td>
    </tr>
  );
}

/** P-14: the host's ended consultations — who, when, how long; never content. */
export function ActivityPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const representative = account.abilities.managesMembers;
  const members = useMemberOptions(representative);
  const from = dayParam(searchParams.get('from'));
  const to = dayParam(searchParams.get('to'));
  const member = representative ? (searchParams.get('member') ?? '') : '';
  const [entries, setEntries] = useState<ActivityEntry[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setEntries(undefined);
    setError(undefined);
    listActivity({ ...localDayRange(from, to), member: member || undefined }).then(
      (loaded) => current && setEntries(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [from, to, member, attempt]);

  const form = useForm({
    initial: { from, to, member },
    schema: filterSchema,
    toInput: (values) => ({ from: values.from || undefined, to: values.to || undefined, member: values.member || undefined }),
    extraChecks: rangeChecks,
    onSubmit: async (data) => {
      const next = new URLSearchParams();
      if (data.from) next.set('from', data.from);
      if (data.to) next.set('to', data.to);
      if (data.member) next.set('member', data.member);
      setSearchParams(next);
    },
  });

  // The address is the truth (back button, bookmarks): the fields follow it.
  const { setValues } = form;
  useEffect(() => setValues({ from, to, member }), [from, to, member, setValues]);

  const filtered = Boolean(from || to || member);
  return (
    <Page title={t('activity.title')}>
      <p className="lead">{representative ? t('orgActivity.representativeIntro') : t('activity.intro')}</p>
      <p className="form-note">{t('activity.retention')}</p>
      <section className="panel activity-filter" aria-labelledby="filter-title">
        <h2 id="filter-title">{representative ? t('orgActivity.filterTitle') : t('activity.filterTitle')}</h2>
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form form-compact" aria-labelledby="filter-title">
          {representative ? <MemberSelect binding={form.field('member')} state={members} /> : null}
          <p className="form-note">{t('orgActivity.localDays')}</p>
          <div className="field-row activity-range">
            <TextField binding={form.field('from')} label={t('activity.from')} type="date" required={false} max={today()} />
            <TextField
              binding={form.field('to')}
              label={t('activity.to')}
              type="date"
              required={false}
              max={today()}
              problemText={(problem) => (problem.code === 'invalid_date' ? t('activity.toBeforeFrom') : undefined)}
            />
          </div>
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <div className="actions">
            <button type="submit" className="button button-primary">
              {t('activity.filterSubmit')}
            </button>
            {filtered ? (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  form.setValues({ from: '', to: '', member: '' });
                  form.setProblems({});
                  setSearchParams(new URLSearchParams());
                }}
              >
                {t('activity.filterReset')}
              </button>
            ) : null}
          </div>
        </form>
      </section>

      <div role="status" className="activity-count">
        {entries && entries.length > 0 ? <p>{t('activity.count', { count: entries.length })}</p> : null}
        {entries && entries.length === 0 ? <p>{filtered ? t('activity.empty') : t('activity.emptyAll')}</p> : null}
      </div>
      <FormAlert error={error}>
        {error ? (
          <button type="button" className="button button-secondary" onClick={() => setAttempt((count) => count + 1)}>
            {t('common.retry')}
          </button>
        ) : null}
      </FormAlert>
      {!entries && !error ? <Spinner label={t('common.loading')} /> : null}
      {entries && entries.length > 0 ? (
        <table className="data-table activity-table">
          <caption className="visually-hidden">{t('activity.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('activity.columnDate')}</th>
              {representative ? <th scope="col">{t('orgActivity.columnHost')}</th> : null}
              <th scope="col">{t('activity.columnTime')}</th>
              <th scope="col">{t('activity.columnDuration')}</th>
              <th scope="col">{t('activity.columnParticipants')}</th>
              <th scope="col">{t('activity.columnChannels')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <ActivityRow key={entry.id} entry={entry} showHost={representative} />
            ))}
          </tbody>
        </table>
      ) : null}
      <AppointmentActivity from={from} to={to} member={member} />
    </Page>
  );
}
