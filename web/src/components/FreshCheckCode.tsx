import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { confirmWithPasskey, PasskeyCancelled } from '../api/passkeys';
import { errorText } from './fieldProblems';
import { TextField } from './fields';
import { useSecondFactorStatus } from './SecondFactorStatus';
import type { FieldBinding } from './useForm';

/** Whether the logged-in person has a second factor, so sensitive forms ask for its code (issue 12). */
export function useHasSecondFactor(): boolean {
  // Unknown counts as "off": the server then asks with `second_factor_required`, which the form shows.
  return useSecondFactorStatus().status?.totp === 'on';
}

/** An empty code field means "none": the schema's optional code then does not complain. */
export function withoutEmptyCode<V extends { secondFactorCode: string }>(values: V): Omit<V, 'secondFactorCode'> & { secondFactorCode?: string } {
  const { secondFactorCode, ...rest } = values;
  return secondFactorCode.trim() === '' ? rest : { ...rest, secondFactorCode };
}

/**
 * An account whose second factors are passkeys only: one is checked just before the action (the
 * server keeps that for this session, 5 minutes, once), then the form is sent as usual.
 */
function PasskeyFreshCheck() {
  const { t } = useTranslation();
  const { status } = useSecondFactorStatus();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { problem: string }>('idle');
  if (!status || status.totp === 'on' || status.passkeys === 0) return null;
  async function confirm(): Promise<void> {
    setState('busy');
    try {
      await confirmWithPasskey();
      setState('done');
    } catch (error) {
      setState({ problem: error instanceof PasskeyCancelled ? t(`passkeys.${error.reason}`) : errorText(t, error) });
    }
  }
  return (
    <div className="fresh-check-passkey">
      <p>{t('passkeys.freshCheckIntro')}</p>
      {state === 'done' ? (
        <p role="status">{t('passkeys.freshCheckDone')}</p>
      ) : (
        <p>
          <button type="button" className="button button-secondary" disabled={state === 'busy'} onClick={() => void confirm()}>
            {t('passkeys.secondFactor')}
          </button>
        </p>
      )}
      {typeof state === 'object' ? <p role="alert">{state.problem}</p> : null}
    </div>
  );
}

/** The second factor of a sensitive action: the code field with an authenticator app, else a passkey when there is one. */
export function FreshCheckCode({ binding, shown }: { binding: FieldBinding; shown: boolean }) {
  const { t } = useTranslation();
  if (!shown) return <PasskeyFreshCheck />;
  return <TextField binding={binding} label={t('secondFactor.code')} hint={t('secondFactor.loginCodeHint')} autoComplete="one-time-code" />;
}
