import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { SessionAccount } from '../../../../common/api/accounts';
import type { MemberView, OrganizationView } from '../../../../common/api/organizations';
import { ApiError } from '../../api/client';
import { getOrganization, listMembers } from '../../api/organizations';
import { FormAlert, Spinner, StatusMessage } from '../../components/feedback';
import { Page } from '../../components/Page';
import { startSession } from '../../session/session';
import { InviteForm } from './InviteForm';
import { MembersSection } from './MembersSection';
import { SecondFactorRequirement } from './SecondFactorRequirement';
import { managesOrganization, roleLabel } from './model';
import { OrganizationDetailsForm } from './OrganizationDetailsForm';
import '../consultations/consultations.css';
import './organization.css';

type Loaded = { organization: OrganizationView; members: MemberView[] | undefined };

/**
 * `/organization`: the representative manages the organisation's data, its members and
 * invitations (P-06); members and practice staff see its name and their own role.
 */
export function OrganizationPage({ account }: { account: SessionAccount }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);
  /** Said at the top of the page: the management below is gone after handing the role over. */
  const [handedOver, setHandedOver] = useState<string | undefined>(undefined);
  const isOrganization = account.kind === 'organization';

  const load = useCallback(async (): Promise<Loaded> => {
    const organization = await getOrganization();
    const members = managesOrganization(organization.yourRole) ? await listMembers() : undefined;
    return { organization, members };
  }, []);

  useEffect(() => {
    if (!isOrganization) return;
    let current = true;
    setError(undefined);
    load().then(
      (next) => current && setLoaded(next),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [isOrganization, load, attempt]);

  /** After an action: the list again, or everything when our own role may have changed. */
  const reloadMembers = useCallback(async (): Promise<void> => {
    try {
      const members = await listMembers();
      setLoaded((previous) => previous && { ...previous, members });
    } catch (failure) {
      // No longer the representative (handed over in another tab): show what a member sees.
      if (failure instanceof ApiError && failure.code === 'forbidden') setAttempt((count) => count + 1);
      else throw failure;
    }
  }, []);

  const onHandedOver = useCallback((name: string) => {
    setHandedOver(name);
    setLoaded(undefined);
    // The header and menus show the new role too; an unreachable server is the app's to show.
    void startSession();
    setAttempt((count) => count + 1);
    document.querySelector<HTMLElement>('main h1')?.focus();
  }, []);

  if (!isOrganization) {
    return (
      <Page title={t('organization.title')}>
        <p className="lead">{t('organization.notOrganization')}</p>
        <p>
          <Link to="/dashboard" className="button button-secondary">
            {t('organization.toDashboard')}
          </Link>
        </p>
      </Page>
    );
  }

  const organization = loaded?.organization;
  const manages = organization ? managesOrganization(organization.yourRole) : false;
  return (
    <Page title={t('organization.title')}>
      <StatusMessage>{handedOver ? <p>{t('organization.done.makeRepresentative', { name: handedOver })}</p> : null}</StatusMessage>
      <FormAlert error={error}>
        {error ? (
          <button type="button" className="button button-secondary" onClick={() => setAttempt((count) => count + 1)}>
            {t('common.retry')}
          </button>
        ) : null}
      </FormAlert>
      {!organization && !error ? <Spinner label={t('common.loading')} /> : null}
      {organization && !manages ? (
        <>
          <p className="lead">{t('organization.memberIntro', { name: organization.name })}</p>
          <p className="organization-role">{t('organization.yourRole', { role: roleLabel(t, organization.yourRole) })}</p>
        </>
      ) : null}
      {organization && manages ? (
        <>
          <p className="lead">{t('organization.intro')}</p>
          <div className="organization-sections">
            <MembersSection members={loaded?.members ?? []} selfId={account.id} reload={reloadMembers} onHandedOver={onHandedOver} />
            <InviteForm onInvited={reloadMembers} />
            <SecondFactorRequirement />
            <OrganizationDetailsForm
              organization={organization}
              onSaved={(updated) => setLoaded((previous) => previous && { ...previous, organization: updated })}
            />
          </div>
        </>
      ) : null}
    </Page>
  );
}
