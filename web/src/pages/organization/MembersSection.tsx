import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberView } from '../../../../common/api/organizations';
import { ApiError } from '../../api/client';
import { memberAction, type MemberAction } from '../../api/organizations';
import { FormAlert, StatusMessage } from '../../components/feedback';
import { InlineConfirm } from '../../components/InlineConfirm';
import { actionTexts, availableActions, memberLabel, memberName, offersSecondFactorReset, roleLabel, statusLabel } from './model';
import { SecondFactorResetForm } from './SecondFactorResetForm';

type Pending = { memberId: string; action: MemberAction };

const headingId = 'members-title';
const rowHeaderId = (memberId: string) => `member-${memberId}`;
const buttonId = (memberId: string, action: MemberAction | 'reset-second-factor') => `member-${memberId}-${action}`;

/**
 * Everyone of the organisation with role and state, and what the representative can do with each:
 * a table on wide screens, one card per person on phones (organization.css).
 */
export function MembersSection({
  members,
  selfId,
  reload,
  onHandedOver,
}: {
  members: MemberView[];
  selfId: string;
  reload: () => Promise<void>;
  onHandedOver: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<Pending | undefined>(undefined);
  /** The member whose second factor the representative is about to reset (a form in the row below). */
  const [resetting, setResetting] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<Pending | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  /** Where focus goes once the list has been rendered again: a button, a row, or the heading. */
  const [focusTarget, setFocusTarget] = useState<string | undefined>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!focusTarget) return;
    setFocusTarget(undefined);
    const element = document.getElementById(focusTarget);
    if (element) element.focus();
    else headingRef.current?.focus();
  }, [focusTarget, members]);

  async function run(member: MemberView, action: MemberAction): Promise<void> {
    const texts = actionTexts(action, member.status);
    const label = memberLabel(member);
    setBusy({ memberId: member.id, action });
    setDone(undefined);
    setError(undefined);
    try {
      await memberAction(member.id, action);
      setConfirming(undefined);
      if (action === 'make-representative') {
        onHandedOver(label);
        return;
      }
      setDone(t(texts.done, { name: label }));
      await reload();
      setFocusTarget(action === 'remove' ? headingId : rowHeaderId(member.id));
    } catch (failure) {
      setConfirming(undefined);
      setError(failure);
      // Gone or changed meanwhile (another tab, another representative): show the list as it is.
      if (failure instanceof ApiError && (failure.code === 'not_found' || failure.code === 'forbidden')) {
        // The refusal is shown already; the list stays as it was if this reload fails too.
        await reload().catch((reloadError: unknown) => {
          // eslint-disable-next-line no-console -- no app logger in the browser
          console.warn('member list not reloaded', reloadError);
        });
      }
      setFocusTarget(rowHeaderId(member.id));
    } finally {
      setBusy(undefined);
    }
  }

  function ask(member: MemberView, action: MemberAction): void {
    setDone(undefined);
    setError(undefined);
    if (actionTexts(action, member.status).question) setConfirming({ memberId: member.id, action });
    else void run(member, action);
  }

  return (
    <section className="panel members" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1} ref={headingRef}>
        {t('organization.membersTitle')}
      </h2>
      <p className="form-note">{t('organization.membersCount', { count: members.length })}</p>
      <StatusMessage>{done ? <p>{done}</p> : null}</StatusMessage>
      <FormAlert error={error} />
      <table className="data-table members-table">
        <caption className="visually-hidden">{t('organization.membersTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('organization.columnName')}</th>
            <th scope="col">{t('organization.columnEmail')}</th>
            <th scope="col">{t('organization.columnRole')}</th>
            <th scope="col">{t('organization.columnStatus')}</th>
            <th scope="col">{t('organization.columnActions')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const name = memberName(member);
            const label = memberLabel(member);
            const actions = availableActions(member, selfId);
            const rowBusy = busy?.memberId === member.id;
            const open = confirming?.memberId === member.id ? confirming : undefined;
            const openTexts = open ? actionTexts(open.action, member.status) : undefined;
            const resetOffered = offersSecondFactorReset(member, selfId);
            const resetOpen = resetting === member.id;
            return (
              <Fragment key={member.id}>
                <tr className={`member member-${member.status}`}>
                  <th scope="row" id={rowHeaderId(member.id)} tabIndex={-1} data-label={t('organization.columnName')}>
                    {name ? (
                      name
                    ) : (
                      <>
                        <span className="member-no-name">{t('organization.noNameYet')}</span>
                        <span className="visually-hidden">, {member.email}</span>
                      </>
                    )}
                    {member.id === selfId ? <span className="member-you"> {t('organization.you')}</span> : null}
                  </th>
                  <td data-label={t('organization.columnEmail')} className="member-email">
                    {member.email}
                  </td>
                  <td data-label={t('organization.columnRole')}>{roleLabel(t, member.role)}</td>
                  <td data-label={t('organization.columnStatus')}>
                    <span className={`badge member-status member-status-${member.status}`}>{statusLabel(t, member.status)}</span>
                  </td>
                  <td data-label={t('organization.columnActions')} className={actions.length === 0 ? 'member-actions member-actions-none' : 'member-actions'}>
                    {actions.length === 0 && !resetOffered ? (
                      <span className="member-no-actions">
                        <span aria-hidden="true">–</span>
                        <span className="visually-hidden">{t('organization.noActions')}</span>
                      </span>
                    ) : (
                      <div className="member-buttons">
                        {actions.map((action) => {
                          const texts = actionTexts(action, member.status);
                          const danger = action === 'deactivate' || action === 'remove';
                          return (
                            <button
                              key={action}
                              id={buttonId(member.id, action)}
                              type="button"
                              className={`button button-secondary button-small${danger ? ' button-danger-outline' : ''}`}
                              onClick={() => ask(member, action)}
                              disabled={busy !== undefined || open !== undefined}
                            >
                              {rowBusy && busy?.action === action ? <span className="spinner" aria-hidden="true" /> : null}
                              {t(texts.button)}
                              <span className="visually-hidden"> {t('organization.forMember', { name: label })}</span>
                            </button>
                          );
                        })}
                        {resetOffered ? (
                          <button
                            id={buttonId(member.id, 'reset-second-factor')}
                            type="button"
                            className="button button-secondary button-small"
                            onClick={() => {
                              setDone(undefined);
                              setError(undefined);
                              setResetting(member.id);
                            }}
                            disabled={busy !== undefined || open !== undefined || resetting !== undefined}
                          >
                            {t('organization.resetSecondFactor.button')}
                            <span className="visually-hidden"> {t('organization.forMember', { name: label })}</span>
                          </button>
                        ) : null}
                      </div>
                    )}
                  </td>
                </tr>
                {open && openTexts?.question ? (
                  <tr className="member-confirm-row">
                    <td colSpan={5}>
                      <InlineConfirm
                        text={t(openTexts.question, { name: label })}
                        confirmLabel={t(openTexts.confirm)}
                        busy={rowBusy}
                        onConfirm={() => void run(member, open.action)}
                        onCancel={() => {
                          setConfirming(undefined);
                          setFocusTarget(buttonId(member.id, open.action));
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
                {resetOpen ? (
                  <tr className="member-confirm-row">
                    <td colSpan={5}>
                      <SecondFactorResetForm
                        memberId={member.id}
                        name={label}
                        onDone={() => {
                          setResetting(undefined);
                          setDone(t('organization.resetSecondFactor.done', { name: label }));
                          setFocusTarget(rowHeaderId(member.id));
                        }}
                        onCancel={() => {
                          setResetting(undefined);
                          setFocusTarget(buttonId(member.id, 'reset-second-factor'));
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
