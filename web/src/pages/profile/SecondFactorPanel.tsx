import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetup } from '../../../../common/api/second-factor';
import { secondFactorOffRequest, totpConfirmRequest } from '../../../../common/api/second-factor';
import { beginTotpSetup, confirmTotp, turnOffTotp } from '../../api/secondFactor';
import { errorText } from '../../components/fieldProblems';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { PasswordField, TextField } from '../../components/fields';
import { useSecondFactorStatus } from '../../components/SecondFactorStatus';
import { TotpConfirmation } from '../../components/TotpConfirmation';
import { useForm } from '../../components/useForm';
import { loadSession } from '../../api/client';
import { useSession } from '../../session/session';
import { RecoveryCodeSheet, RecoveryCodesSection } from './RecoveryCodes';

function ConfirmSetup({ setup, onConfirmed }: { setup: TotpSetup; onConfirmed: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { code: '' },
    schema: totpConfirmRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      onConfirmed((await confirmTotp(data.code)).recoveryCodes);
    },
  });
  return <TotpConfirmation setup={setup} form={form} submitLabel={t('secondFactor.confirm')} />;
}

function TurnOff({ onOff }: { onOff: () => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { currentPassword: '', secondFactorCode: '' },
    schema: secondFactorOffRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      await turnOffTotp(data.currentPassword, data.secondFactorCode ?? '');
      onOff();
    },
  });
  return (
    <>
      <h3>{t('secondFactor.turnOffTitle')}</h3>
      <p>{t('secondFactor.turnOffIntro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form">
        <PasswordField binding={form.field('currentPassword')} label={t('profile.currentPassword')} autoComplete="current-password" />
        <TextField
          binding={form.field('secondFactorCode')}
          label={t('secondFactor.code')}
          hint={t('secondFactor.loginCodeHint')}
          autoComplete="one-time-code"
        />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <SubmitButton busy={form.busy}>{t('secondFactor.turnOff')}</SubmitButton>
      </form>
    </>
  );
}

/** The authenticator app in the profile: set up (QR drawn here), confirm, turn off (issue 12). */
export function SecondFactorPanel() {
  const { t } = useTranslation();
  const shared = useSecondFactorStatus();
  const status = shared.status?.totp;
  const [firstCodes, setFirstCodes] = useState<string[] | undefined>(undefined);
  const [setup, setSetup] = useState<TotpSetup | undefined>(undefined);
  const [notice, setNotice] = useState<'confirmed' | 'turnedOff' | undefined>(undefined);
  const [ownError, setError] = useState<unknown>(undefined);
  const error = ownError ?? shared.error;
  const { secondFactorSetupRequired } = useSession();

  async function start(): Promise<void> {
    setError(undefined);
    setNotice(undefined);
    try {
      setSetup(await beginTotpSetup());
    } catch (failure) {
      setError(failure);
    }
  }

  return (
    <section className="panel" aria-labelledby="second-factor-title">
      <h2 id="second-factor-title">{t('secondFactor.title')}</h2>
      <p>{t('secondFactor.intro')}</p>
      {secondFactorSetupRequired ? <p role="alert">{t('secondFactor.requiredByOrganization')}</p> : null}
      <StatusMessage>{notice ? <p>{t(`secondFactor.${notice}`)}</p> : null}</StatusMessage>
      {error !== undefined ? <p role="alert">{errorText(t, error)}</p> : null}
      {status === 'on' && firstCodes ? (
        <RecoveryCodeSheet codes={firstCodes} onDone={() => setFirstCodes(undefined)} />
      ) : status === 'on' ? (
        <>
          <p>{t('secondFactor.statusOn')}</p>
          <RecoveryCodesSection left={shared.status?.recoveryCodesLeft ?? 0} onChanged={(left) => shared.refresh({ recoveryCodesLeft: left })} />
          <TurnOff
            onOff={() => {
              shared.refresh({ totp: 'off' });
              setNotice('turnedOff');
            }}
          />
        </>
      ) : status !== undefined ? (
        <>
          <p>{t('secondFactor.statusOff')}</p>
          {setup ? (
            <ConfirmSetup
              setup={setup}
              onConfirmed={(codes) => {
                setFirstCodes(codes);
                // The organisation's requirement is met now: the rest of the app opens again.
                void loadSession().catch(setError);
                shared.refresh({ totp: 'on', recoveryCodesLeft: codes.length });
                setSetup(undefined);
                setNotice('confirmed');
              }}
            />
          ) : (
            <p>
              <button type="button" className="button button-secondary" onClick={() => void start()}>
                {t('secondFactor.setUp')}
              </button>
            </p>
          )}
        </>
      ) : null}
    </section>
  );
}
