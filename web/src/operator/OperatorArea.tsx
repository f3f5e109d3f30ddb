import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate, useOutletContext } from 'react-router-dom';
import type { OperatorView } from '../../../common/api/operator';
import { ApiError } from '../api/client';
import { getOperatorSession, operatorLogout } from '../api/support';
import { errorText } from '../components/fieldProblems';
import { FormAlert, Spinner } from '../components/feedback';
import { NavItem } from '../components/NavItem';
import { Page } from '../components/Page';
import './operator.css';

export interface OperatorLoginState {
  from?: string;
  loggedOut?: boolean;
}

type State = { kind: 'loading' } | { kind: 'in'; operator: OperatorView } | { kind: 'out' } | { kind: 'failed'; error: unknown };

export function isOperatorLoggedOut(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'operator_login_required';
}

/** Pages below read the operator and can report that the operator login ended. */
export interface OperatorContext {
  operator: OperatorView;
  /** Call with an error from the API: an ended operator login goes back to the login page. */
  handle(error: unknown): string;
}

export function useOperatorContext(): OperatorContext {
  return useOutletContext<OperatorContext>();
}

/** The operator area (P-02, P-20): only operator staff's own login opens it; customers' logins do not. */
export function OperatorArea() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const [state, setState] = useState<State>({ kind: 'loading' });
  // Stable, so that pages can list it among their effects' dependencies without reloading each render.
  const handle = useCallback(
    (error: unknown) => {
      if (isOperatorLoggedOut(error)) setState({ kind: 'out' });
      return errorText(t, error);
    },
    [t],
  );

  useEffect(() => {
    let active = true;
    getOperatorSession().then(
      ({ operator }) => active && setState(operator ? { kind: 'in', operator } : { kind: 'out' }),
      (error: unknown) => active && setState(isOperatorLoggedOut(error) ? { kind: 'out' } : { kind: 'failed', error }),
    );
    return () => {
      active = false;
    };
  }, []);

  if (state.kind === 'loading') {
    return (
      <Page title={t('operatorArea.areaLabel')}>
        <Spinner label={t('operatorArea.loading')} />
      </Page>
    );
  }
  if (state.kind === 'out') {
    const loginState: OperatorLoginState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/operator/login" replace state={loginState} />;
  }
  if (state.kind === 'failed') {
    return (
      <Page title={t('operatorArea.areaLabel')}>
        <FormAlert error={state.error} />
      </Page>
    );
  }
  const context: OperatorContext = { operator: state.operator, handle };
  async function logout(): Promise<void> {
    try {
      await operatorLogout();
    } catch (error) {
      // Logged out already (elsewhere, or the login expired): that is what was asked for. Any other
      // failure leaves the login valid on the server, so the page must not pretend otherwise.
      if (!isOperatorLoggedOut(error)) {
        setState({ kind: 'failed', error });
        return;
      }
    }
    const loginState: OperatorLoginState = { loggedOut: true };
    void navigate('/operator/login', { state: loginState });
  }
  return (
    <div className="operator-area">
      <nav className="operator-nav" aria-label={t('operatorArea.areaLabel')}>
        <ul>
          <NavItem to="/operator" end>
            {t('operatorArea.navTickets')}
          </NavItem>
          <NavItem to="/operator/receipts">{t('operatorArea.navReceipts')}</NavItem>
          <NavItem to="/operator/restrictions">{t('operatorArea.navRestrictions')}</NavItem>
          <NavItem to="/operator/record">{t('operatorArea.navRecord')}</NavItem>
          <NavItem to="/operator/self-check">{t('operatorArea.navSelfCheck')}</NavItem>
        </ul>
        <p className="operator-who">{t('operatorArea.signedInAs', { name: state.operator.name })}</p>
        <button type="button" className="button button-secondary" onClick={() => void logout()}>
          {t('operatorArea.logout')}
        </button>
      </nav>
      <Outlet context={context} />
    </div>
  );
}
