import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionState } from '../../../../common/api/accounts';
import { codeRequest } from '../../../../common/api/second-factor';
import { ApiError } from '../../api/client';
import { completeLoginWithPasskey, PasskeyCancelled } from '../../api/passkeys';
import { completeLoginWithCode, publishSession } from '../../api/secondFactor';
import { errorText } from '../../components/fieldProblems';
import { FormAlert, SubmitButton } from '../../components/feedback';
import { TextField } from '../../components/fields';
import { useForm } from '../../components/useForm';

export type SecondFactorMethods = NonNullable<SessionState['methods']>;

/** The account's passkey as the second factor: one button, the browser does the rest. */
function PasskeyStep({ onStartOver }: { onStartOver: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  async function confirm(): Promise<void> {
    setBusy(true);
    setProblem(undefined);
    try {
      publishSession(await completeLoginWithPasskey());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'second_factor_login_expired') return onStartOver();
      setProblem(error instanceof PasskeyCancelled ? t(`passkeys.${error.reason}`) : errorText(t, error));
      setBusy(false);
    }
  }
  return (
    <>
      <p>
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void confirm()}>
          {t('passkeys.secondFactor')}
        </button>
      </p>
      {problem ? <p role="alert">{problem}</p> : null}
    </>
  );
}

/**
 * After a right password: a passkey, a code of the authenticator app, or a recovery code completes
 * the login (issue 12), whichever the account has.
 */
export function CodeStep({ methods, onStartOver }: { methods: SecondFactorMethods; onStartOver: () => void }) {
  const { t } = useTranslation();
  const [afterRecovery, setAfterRecovery] = useState<SessionState | undefined>(undefined);
  const codes = methods.includes('totp');
  const form = useForm({
    initial: { code: '' },
    schema: codeRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      const state = await completeLoginWithCode(data.code);
      if (state.recoveryCodesLeft === undefined) publishSession(state);
      else setAfterRecovery(state);
    },
    onError: (error) => {
      // The step after the password is over: back to the password form.
      if (error instanceof ApiError && error.code === 'second_factor_login_expired') onStartOver();
      return false;
    },
  });
  if (afterRecovery) {
    return (
      <>
        <p role="status">{t('secondFactor.recoveryUsed', { count: afterRecovery.recoveryCodesLeft ?? 0 })}</p>
        <p>{t('secondFactor.recoveryUsedHint')}</p>
        <p>
          <button type="button" className="button button-primary" onClick={() => publishSession(afterRecovery)}>
            {t('secondFactor.continue')}
          </button>
        </p>
      </>
    );
  }
  return (
    <>
      <p>{codes ? t('secondFactor.loginIntro') : t('passkeys.secondFactorIntro')}</p>
      {methods.includes('passkey') ? <PasskeyStep onStartOver={onStartOver} /> : null}
      {codes ? (
        <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
          <TextField binding={form.field('code')} label={t('secondFactor.code')} hint={t('secondFactor.loginCodeHint')} autoComplete="one-time-code" />
          <FormAlert error={form.formError} checkFields={form.checkFields} />
          <SubmitButton busy={form.busy}>{t('secondFactor.loginSubmit')}</SubmitButton>
        </form>
      ) : null}
      <p>
        <button type="button" className="button button-secondary" onClick={onStartOver}>
          {t('secondFactor.startOver')}
        </button>
      </p>
    </>
  );
}
