import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as z from 'zod';
import { passkeyName, passkeyRemovalRequest, type PasskeyView } from '../../../../common/api/passkeys';
import { loadSession } from '../../api/client';
import { addPasskey, listPasskeys, PasskeyCancelled, removePasskey, renamePasskey } from '../../api/passkeys';
import { errorText } from '../../components/fieldProblems';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { PasswordField, TextField } from '../../components/fields';
import { FreshCheckCode, useHasSecondFactor, withoutEmptyCode } from '../../components/FreshCheckCode';
import { useSecondFactorStatus } from '../../components/SecondFactorStatus';
import { useForm } from '../../components/useForm';

const nameRequest = z.strictObject({ name: passkeyName });

/** The browser's part did not happen (cancelled, timed out, unsupported): said in the form, nothing was sent. */
function useCancelNotice() {
  const { t } = useTranslation();
  const [cancelled, setCancelled] = useState<string | undefined>(undefined);
  const onError = (error: unknown) => {
    if (!(error instanceof PasskeyCancelled)) return false;
    setCancelled(t(`passkeys.${error.reason}`));
    return true;
  };
  return { cancelled, setCancelled, onError };
}

function AddPasskey({ onAdded }: { onAdded: (passkey: PasskeyView) => void }) {
  const { t } = useTranslation();
  const notice = useCancelNotice();
  const form = useForm({
    initial: { name: '' },
    schema: nameRequest,
    toInput: (values) => values,
    onSubmit: async (data) => {
      notice.setCancelled(undefined);
      onAdded(await addPasskey(data.name));
      return { name: '' };
    },
    onError: notice.onError,
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-label={t('passkeys.add')}>
      <TextField binding={form.field('name')} label={t('passkeys.name')} hint={t('passkeys.nameHint')} autoComplete="off" />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      {notice.cancelled ? <p role="alert">{notice.cancelled}</p> : null}
      <SubmitButton busy={form.busy}>{t('passkeys.add')}</SubmitButton>
    </form>
  );
}

function RenamePasskey({ passkey, onDone }: { passkey: PasskeyView; onDone: (renamed?: PasskeyView) => void }) {
  const { t } = useTranslation();
  const form = useForm({
    initial: { name: passkey.name },
    schema: nameRequest,
    toInput: (values) => values,
    onSubmit: async (data) => onDone(await renamePasskey(passkey.id, data.name)),
  });
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-label={t('passkeys.rename')}>
      <TextField binding={form.field('name')} label={t('passkeys.name')} autoComplete="off" />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <SubmitButton busy={form.busy}>{t('passkeys.renameSave')}</SubmitButton>
      <button type="button" className="button button-secondary" onClick={() => onDone()}>
        {t('passkeys.cancel')}
      </button>
    </form>
  );
}

function RemovePasskey({ passkey, onDone }: { passkey: PasskeyView; onDone: (removed: boolean) => void }) {
  const { t } = useTranslation();
  const hasSecondFactor = useHasSecondFactor();
  const form = useForm({
    initial: { currentPassword: '', secondFactorCode: '' },
    schema: passkeyRemovalRequest,
    toInput: withoutEmptyCode,
    onSubmit: async (data) => {
      await removePasskey(passkey.id, data.currentPassword, data.secondFactorCode);
      onDone(true);
    },
  });
  const titleId = `remove-${passkey.id}`;
  return (
    <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('passkeys.removeTitle', { name: passkey.name })}</h3>
      <p>{t('passkeys.removeIntro')}</p>
      <PasswordField binding={form.field('currentPassword')} label={t('profile.currentPassword')} autoComplete="current-password" />
      <FreshCheckCode binding={form.field('secondFactorCode')} shown={hasSecondFactor} />
      <FormAlert error={form.formError} checkFields={form.checkFields} />
      <SubmitButton busy={form.busy}>{t('passkeys.removeConfirm')}</SubmitButton>
      <button type="button" className="button button-secondary" onClick={() => onDone(false)}>
        {t('passkeys.cancel')}
      </button>
    </form>
  );
}

/** The account's passkeys in the profile: add under a name, rename, remove (issue 12). */
export function PasskeysPanel() {
  const { t, i18n } = useTranslation();
  const [passkeys, setPasskeys] = useState<PasskeyView[] | undefined>(undefined);
  const [editing, setEditing] = useState<{ id: string; action: 'rename' | 'remove' } | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  // Other forms on the page offer a passkey check once there is one, and stop when the last is gone.
  const secondFactor = useSecondFactorStatus();
  useEffect(() => {
    listPasskeys().then((answer) => setPasskeys(answer.passkeys), setError);
  }, []);
  const time = (iso: string) => new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  return (
    <section className="panel" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">{t('passkeys.title')}</h2>
      <p>{t('passkeys.intro')}</p>
      <StatusMessage>{notice ? <p>{notice}</p> : null}</StatusMessage>
      {error !== undefined ? <p role="alert">{errorText(t, error)}</p> : null}
      {passkeys?.length === 0 ? <p>{t('passkeys.none')}</p> : null}
      {passkeys && passkeys.length > 0 ? (
        <ul className="passkey-list">
          {passkeys.map((passkey) => (
            <li key={passkey.id}>
              <strong>{passkey.name}</strong>{' '}
              <span className="form-note">
                {t('passkeys.item', { created: time(passkey.createdAt), used: passkey.lastUsedAt ? time(passkey.lastUsedAt) : t('passkeys.never') })}
              </span>
              {editing?.id === passkey.id && editing.action === 'rename' ? (
                <RenamePasskey
                  passkey={passkey}
                  onDone={(renamed) => {
                    setEditing(undefined);
                    if (!renamed) return;
                    setPasskeys((list) => list?.map((row) => (row.id === renamed.id ? renamed : row)));
                    setNotice(t('passkeys.renamed', { name: renamed.name }));
                  }}
                />
              ) : editing?.id === passkey.id ? (
                <RemovePasskey
                  passkey={passkey}
                  onDone={(removed) => {
                    setEditing(undefined);
                    if (!removed) return;
                    setPasskeys((list) => list?.filter((row) => row.id !== passkey.id));
                    secondFactor.refresh();
                    setNotice(t('passkeys.removed', { name: passkey.name }));
                  }}
                />
              ) : (
                <span className="button-row">
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`${t('passkeys.rename')}: ${passkey.name}`}
                    onClick={() => setEditing({ id: passkey.id, action: 'rename' })}
                  >
                    {t('passkeys.rename')}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`${t('passkeys.remove')}: ${passkey.name}`}
                    onClick={() => setEditing({ id: passkey.id, action: 'remove' })}
                  >
                    {t('passkeys.remove')}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {passkeys ? (
        <AddPasskey
          onAdded={(passkey) => {
            setPasskeys((list) => [...(list ?? []), passkey]);
            secondFactor.refresh();
            setNotice(t('passkeys.added', { name: passkey.name }));
            // A passkey meets an organisation's requirement: the rest of the app opens again.
            void loadSession().catch(setError);
          }}
        />
      ) : null}
    </section>
  );
}
