import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getOrganizationRequirement, setOrganizationRequirement } from '../../api/secondFactor';
import { errorText } from '../../components/fieldProblems';
import { StatusMessage } from '../../components/feedback';
import { loadSession } from '../../api/client';

/** The representative requires a second factor of everyone in the organisation (issue 12). */
export function SecondFactorRequirement() {
  const { t } = useTranslation();
  const [required, setRequired] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => {
    getOrganizationRequirement().then((answer) => setRequired(answer.required), setError);
  }, []);

  async function change(next: boolean): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      setRequired((await setOrganizationRequirement(next)).required);
      // The representative is held to the rule too: the session says whether a set-up comes first.
      await loadSession();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="org-second-factor-title">
      <h2 id="org-second-factor-title">{t('secondFactor.organizationTitle')}</h2>
      <p>{t('secondFactor.organizationIntro')}</p>
      {required !== undefined ? (
        <label className="checkbox">
          <input type="checkbox" checked={required} disabled={busy} onChange={(event) => void change(event.target.checked)} />{' '}
          {t('secondFactor.organizationRequire')}
        </label>
      ) : null}
      <StatusMessage>{required ? <p>{t('secondFactor.organizationOn')}</p> : null}</StatusMessage>
      {error !== undefined ? <p role="alert">{errorText(t, error)}</p> : null}
    </section>
  );
}
