import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router-dom';
import type { SessionAccount } from '../../../common/api/accounts';
import { useSession } from '../session/session';
import { Spinner } from './feedback';
import { Page } from './Page';

export interface LoginState {
  /** Where to go after logging in. */
  from?: string;
  loggedOut?: boolean;
  expired?: boolean;
  /** Arrived from accepting an organisation's invitation. */
  invitationAccepted?: boolean;
}

/** Renders its children for a logged-in customer; everyone else goes to the login and back afterwards. */
export function RequireAuth({ children }: { children: (account: SessionAccount) => ReactNode }) {
  const { t } = useTranslation();
  const { status, account, expired, secondFactorSetupRequired, endingOwnLogin } = useSession();
  const location = useLocation();
  // A request that ends the login is on its way to its own page: the login page would hide it.
  if (status === 'loading' || (!account && endingOwnLogin)) {
    return (
      <Page title={t('common.loading')}>
        <Spinner label={t('common.loading')} />
      </Page>
    );
  }
  if (!account) {
    const state: LoginState = { from: `${location.pathname}${location.search}`, expired };
    return <Navigate to="/login" replace state={state} />;
  }
  // The organisation requires a second factor: its set-up on the profile page comes before anything else.
  if (secondFactorSetupRequired && location.pathname !== '/profile') return <Navigate to="/profile" replace />;
  return <>{children(account)}</>;
}
