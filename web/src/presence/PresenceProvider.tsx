import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionAccount } from '../../../common/api/accounts';
import { reportUnauthenticated } from '../api/client';
import { PresenceClient, type PresenceSnapshot } from './presenceClient';

const PresenceContext = createContext<PresenceClient | null>(null);

const idle: PresenceSnapshot = { connection: 'stopped', colleagues: [], incoming: [], doNotDisturb: null, missed: [] };
const noSubscription = () => () => undefined;

/**
 * Holds one presence socket for the whole app while a professional is logged in, so that a call
 * rings on whichever page is open. It closes at logout.
 */
export function PresenceProvider({ account, children }: { account: SessionAccount | null; children: ReactNode }) {
  // Professionals of an organisation see colleagues and can be called (P-07); practice staff cannot.
  const accountId = account?.abilities.seesColleagues ? account.id : undefined;
  const [client, setClient] = useState<PresenceClient | null>(null);
  useEffect(() => {
    if (!accountId) return undefined;
    // The page learns at once that the login ended, not only at its next request.
    const created = new PresenceClient(reportUnauthenticated);
    created.start();
    setClient(created);
    return () => {
      created.stop();
      setClient(null);
    };
  }, [accountId]);
  return <PresenceContext.Provider value={client}>{children}</PresenceContext.Provider>;
}

export function usePresenceClient(): PresenceClient | null {
  return useContext(PresenceContext);
}

export function usePresence(): PresenceSnapshot {
  const client = usePresenceClient();
  return useSyncExternalStore(client?.subscribe ?? noSubscription, client?.getSnapshot ?? (() => idle));
}
