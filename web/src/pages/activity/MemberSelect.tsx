import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../../common/api/organizations';
import { listMembers } from '../../api/organizations';
import { Notice } from '../../components/feedback';
import { SelectField } from '../../components/fields';
import type { FieldBinding } from '../../components/useForm';

export type MemberOptionsState = { kind: 'loading' } | { kind: 'ready'; members: MemberView[] } | { kind: 'error' };

/**
 * Whose activity the representative can choose: people who can have held a consultation — active
 * or deactivated members and representatives; practice staff and open invitations never did.
 */
export function activityMembers(members: readonly MemberView[]): MemberView[] {
  return members.filter((member) => member.role !== 'staff' && (member.status === 'active' || member.status === 'deactivated'));
}

export function useMemberOptions(enabled: boolean): MemberOptionsState {
  const [state, setState] = useState<MemberOptionsState>({ kind: 'loading' });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    listMembers().then(
      (members) => current && setState({ kind: 'ready', members: activityMembers(members) }),
      () => current && setState({ kind: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return state;
}

/** The representative's member filter (P-14). */
export function MemberSelect({ binding, state }: { binding: FieldBinding; state: MemberOptionsState }) {
  const { t } = useTranslation();
  if (state.kind === 'error') {
    return (
      <Notice tone="warning">
        <p>{t('orgActivity.membersFailed')}</p>
      </Notice>
    );
  }
  const members = state.kind === 'ready' ? state.members : [];
  const options = [
    { value: '', label: t('orgActivity.allMembers') },
    ...members.map((member) => ({
      value: member.id,
      label: member.firstName || member.lastName ? `${member.firstName} ${member.lastName}`.trim() : t('orgActivity.unnamedMember', { email: member.email }),
    })),
  ];
  return <SelectField binding={binding} label={t('orgActivity.member')} options={options} />;
}
