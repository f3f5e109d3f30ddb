import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createCalendarFeed,
  loadCalendarFeed,
  revokeCalendarFeed,
  saveCalendarFeed,
  type CalendarFeedCreated,
  type CalendarFeedView,
} from '../../api/calendarFeed';
import { FormAlert, Spinner, StatusMessage } from '../../components/feedback';
import { useAction } from './SettingsSections';

/**
 * The professional's calendar subscription (issue 10). Only the token's hash is stored, so the link
 * is shown once, right after it was made; a lost link is replaced, which also ends the old one.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const [feed, setFeed] = useState<CalendarFeedView | undefined>(undefined);
  const [created, setCreated] = useState<CalendarFeedCreated | undefined>(undefined);
  const action = useAction();
  const { setError } = action;

  useEffect(() => {
    loadCalendarFeed().then(setFeed, (failure: unknown) => setError(failure));
  }, [setError]);

  const create = () =>
    void action.run(async () => {
      const made = await createCalendarFeed();
      setCreated(made);
      setFeed(made);
      return feed?.active ? t('appointments.feedReplaced') : t('appointments.feedCreated');
    });

  return (
    <section className="settings-section" aria-labelledby="feed-title">
      <h2 id="feed-title">{t('appointments.feedTitle')}</h2>
      <p>{t('appointments.feedIntro')}</p>
      {feed === undefined ? (
        action.error ? null : (
          <Spinner label={t('common.loading')} />
        )
      ) : (
        <>
          <p>
            {feed.active
              ? t('appointments.feedActive', { date: feed.createdAt ? new Date(feed.createdAt).toLocaleDateString() : '' })
              : t('appointments.feedInactive')}
          </p>
          {created ? (
            <div className="field">
              <label htmlFor="feed-url">{t('appointments.feedUrl')}</label>
              <input id="feed-url" type="text" readOnly value={created.url} onFocus={(event) => event.target.select()} aria-describedby="feed-url-hint" />
              <p id="feed-url-hint" className="field-hint">
                {t('appointments.feedUrlHint')}
              </p>
              <button
                type="button"
                className="button button-secondary"
                onClick={() =>
                  void action.run(async () => {
                    await navigator.clipboard.writeText(created.url);
                    return t('appointments.feedCopied');
                  })
                }
              >
                {t('appointments.feedCopy')}
              </button>{' '}
              <a className="button button-secondary" href={created.webcalUrl}>
                {t('appointments.feedOpen')}
              </a>
            </div>
          ) : null}
          <div className="field field-checkbox">
            <input
              id="feed-initials"
              type="checkbox"
              checked={feed.showInitials}
              disabled={action.busy}
              aria-describedby="feed-initials-hint"
              onChange={(event) => {
                const showInitials = event.target.checked;
                void action.run(async () => {
                  setFeed(await saveCalendarFeed(showInitials));
                  return showInitials ? t('appointments.feedInitialsOn') : t('appointments.feedInitialsOff');
                });
              }}
            />
            <label htmlFor="feed-initials">{t('appointments.feedInitials')}</label>
            <p id="feed-initials-hint" className="field-hint">
              {t('appointments.feedInitialsHint')}
            </p>
          </div>
          <button type="button" className="button button-primary" disabled={action.busy} onClick={create}>
            {feed.active ? t('appointments.feedReplace') : t('appointments.feedCreate')}
          </button>{' '}
          {feed.active ? (
            <button
              type="button"
              className="button button-secondary"
              disabled={action.busy}
              onClick={() =>
                void action.run(async () => {
                  setFeed(await revokeCalendarFeed());
                  setCreated(undefined);
                  return t('appointments.feedRevoked');
                })
              }
            >
              {t('appointments.feedRevoke')}
            </button>
          ) : null}
        </>
      )}
      <FormAlert error={action.error} />
      <StatusMessage>{action.done ? <p>{action.done}</p> : null}</StatusMessage>
    </section>
  );
}
