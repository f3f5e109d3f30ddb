import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publishSession } from '../../api/client';
import { PasskeyCancelled, passkeysSupported, signInWithPasskey } from '../../api/passkeys';
import { errorText } from '../../components/fieldProblems';

/**
 * A sign-in with a passkey alone (issue 12): the browser offers the passkeys it holds for this site,
 * the device checks fingerprint, face or PIN, and the server checks the signature.
 */
export function PasskeySignIn() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (!passkeysSupported()) return null;
  async function signIn(): Promise<void> {
    setBusy(true);
    setProblem(undefined);
    try {
      publishSession(await signInWithPasskey());
    } catch (error) {
      setProblem(error instanceof PasskeyCancelled ? t(`passkeys.${error.reason}`) : errorText(t, error));
      setBusy(false);
    }
  }
  return (
    <div className="passkey-sign-in">
      <p className="form-note">{t('passkeys.or')}</p>
      <p>
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void signIn()}>
          {t('passkeys.signIn')}
        </button>
      </p>
      <p className="form-note">{t('passkeys.signInHint')}</p>
      {problem ? <p role="alert">{problem}</p> : null}
    </div>
  );
}
