import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { memberInvitationRequest } from '../../../../common/api/organizations';
import { inviteMember, type MemberInvitationInput } from '../../api/organizations';
import { DevOutboxHint } from '../../components/DevOutboxHint';
import { FormAlert, StatusMessage, SubmitButton } from '../../components/feedback';
import { TextField } from '../../components/fields';
import type { FieldBinding } from '../../components/useForm';
import { useForm } from '../../components/useForm';
import { roleLabel } from './model';

const invitableRoles = ['member', 'staff'] as const;

/** Radios for the role, each with a line that says what the role may do. */
function RoleChoice({ binding }: { binding: FieldBinding }) {
  const { t } = useTranslation();
  const id = useId();
  const hints = { member: t('organization.roleMemberHint'), staff: t('organization.roleStaffHint') };
  return (
    <fieldset className="role-choice">
      <legend>{t('organization.roleLegend')}</legend>
      {invitableRoles.map((role) => (
        <div className="role-option" key={role}>
          <div className="checkbox-row radio-row">
            <input
              id={`${id}-${role}`}
              type="radio"
              name={binding.name}
              value={role}
              checked={binding.value === role}
              onChange={() => binding.onChange(role)}
              aria-describedby={`${id}-${role}-hint`}
            />
            <label htmlFor={`${id}-${role}`}>{roleLabel(t, role)}</label>
          </div>
          <p className="field-hint role-hint" id={`${id}-${role}-hint`}>
            {hints[role]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}

/** Invites a colleague by e-mail; they choose name and password through the link (double opt-in). */
export function InviteForm({ onInvited }: { onInvited: () => Promise<void> }) {
  const { t } = useTranslation();
  const [sentTo, setSentTo] = useState<string | undefined>(undefined);
  const form = useForm({
    initial: { email: '', role: 'member' as string },
    schema: memberInvitationRequest,
    // An unknown role is refused by the shared schema like any other invalid choice.
    toInput: (values) => ({ email: values.email, role: values.role as MemberInvitationInput['role'] }),
    onSubmit: async (data, values) => {
      setSentTo(undefined);
      await inviteMember(data);
      setSentTo(data.email);
      // The invitation exists and the form says so; a failed reload only leaves the list behind
      // until the next one, worth a line for whoever wonders why.
      await onInvited().catch((error: unknown) => {
        // eslint-disable-next-line no-console -- no app logger in the browser
        console.warn('member list not reloaded after the invitation', error);
      });
      return { email: '', role: values.role };
    },
  });
  return (
    <section className="panel" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('organization.inviteTitle')}</h2>
      <p className="form-note">{t('organization.inviteIntro')}</p>
      <form ref={form.formRef} onSubmit={form.handleSubmit} noValidate className="form" aria-labelledby="invite-title">
        <TextField binding={form.field('email')} label={t('fields.email')} type="email" autoComplete="off" />
        <RoleChoice binding={form.field('role')} />
        <FormAlert error={form.formError} checkFields={form.checkFields} />
        <StatusMessage>{sentTo && !form.busy ? <p>{t('organization.invited', { email: sentTo })}</p> : null}</StatusMessage>
        {sentTo && !form.busy ? <DevOutboxHint /> : null}
        <SubmitButton busy={form.busy}>{t('organization.inviteSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
