import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInBrowser } from '../../../../common/api/sessions';
import { endOtherSignIns, endSignIn, listSignIns } from '../../api/sessions';
import { errorText } from '../../components/fieldProblems';
import { StatusMessage } from '../../components/feedback';

/** "Where you are signed in" (issue 12): each sign-in with browser, system and times; end one or all others. */
export function SignInsPanel() {
  const { t, i18n } = useTranslation();
  const [signIns, setSignIns] = useState<SignedInBrowser[] | undefined>(undefined);
  const [notice, setNotice] = useState<'ended' | 'endedOthers' | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listSignIns().then((answer) => setSignIns(answer.sessions), setError);
  }, []);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  const device = (row: SignedInBrowser) => t('signIns.device', { browser: row.browser ?? t('signIns.unknownBrowser'), os: row.os ?? t('signIns.unknownOs') });

  async function run(action: () => Promise<unknown>, done: 'ended' | 'endedOthers'): Promise<void> {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      await action();
      setSignIns((await listSignIns()).sessions);
      setNotice(done);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const others = signIns?.filter((row) => !row.current) ?? [];
  return (
    <section className="panel" id="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('signIns.title')}</h2>
      <p>{t('signIns.intro')}</p>
      <StatusMessage>{notice ? <p>{t(`signIns.${notice}`)}</p> : null}</StatusMessage>
      {error !== undefined ? <p role="alert">{errorText(t, error)}</p> : null}
      {signIns ? (
        <ul className="sign-in-list">
          {signIns.map((row) => (
            <li key={row.id}>
              <strong>{device(row)}</strong> {row.current ? <em>({t('signIns.current')})</em> : null}
              <br />
              <span className="form-note">{t('signIns.times', { created: time(row.createdAt), lastSeen: time(row.lastSeenAt) })}</span>
              {row.current ? null : (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy}
                    aria-label={t('signIns.endLabel', { device: device(row) })}
                    onClick={() => void run(() => endSignIn(row.id), 'ended')}
                  >
                    {t('signIns.end')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <p>
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => void run(endOtherSignIns, 'endedOthers')}>
            {t('signIns.endOthers')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
