import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SecondFactorStatus } from '../../../common/api/second-factor';
import { getSecondFactorStatus } from '../api/secondFactor';

interface SecondFactorState {
  /** Undefined until the first answer (or when it failed: then `error` says why). */
  status: SecondFactorStatus | undefined;
  error: unknown;
  /**
   * Asks the server again, after the person turned a factor on or off or added or removed a passkey;
   * `known` is what the change's own answer already says, shown until the server's arrives.
   */
  refresh(known?: Partial<SecondFactorStatus>): void;
}

const SecondFactorContext = createContext<SecondFactorState | undefined>(undefined);

/**
 * One request for the second-factor status of a page, shared by every form on it that asks for a
 * code or a passkey (the profile had five requests per load), and refreshed when a panel changes it,
 * so that a form shown after turning the authenticator on asks for its code without a reload.
 */
export function SecondFactorStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SecondFactorStatus | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const refresh = useCallback((known?: Partial<SecondFactorStatus>) => {
    if (known) setStatus((current) => current && { ...current, ...known });
    getSecondFactorStatus().then(
      (answer) => {
        setStatus(answer);
        setError(undefined);
      },
      (failure: unknown) => setError(failure),
    );
  }, []);
  useEffect(() => refresh(), [refresh]);
  const value = useMemo(() => ({ status, error, refresh }), [status, error, refresh]);
  return <SecondFactorContext.Provider value={value}>{children}</SecondFactorContext.Provider>;
}

export function useSecondFactorStatus(): SecondFactorState {
  const state = useContext(SecondFactorContext);
  if (!state) throw new Error('useSecondFactorStatus outside SecondFactorStatusProvider');
  return state;
}
