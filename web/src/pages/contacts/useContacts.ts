import { useCallback, useEffect, useState } from 'react';
import type { ContactView } from '../../../../common/api/contacts';
import { listContacts } from '../../api/contacts';

export interface ContactsState {
  /** Undefined until loaded (or when loading failed). */
  contacts: ContactView[] | undefined;
  error: unknown;
  reload: () => void;
  /** Puts a saved or changed contact in place without asking the server again. */
  put: (contact: ContactView) => void;
  drop: (id: string) => void;
}

/** The customer's saved contacts, loaded once (`enabled` false: not at all, e.g. for practice staff). */
export function useContacts(enabled = true): ContactsState {
  const [contacts, setContacts] = useState<ContactView[] | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let current = true;
    setError(undefined);
    listContacts().then(
      (loaded) => current && setContacts(loaded),
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [enabled, attempt]);

  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const put = useCallback((contact: ContactView) => {
    setContacts((current) => {
      const list = current ?? [];
      return list.some((item) => item.id === contact.id) ? list.map((item) => (item.id === contact.id ? contact : item)) : [...list, contact];
    });
  }, []);
  const drop = useCallback((id: string) => setContacts((current) => current?.filter((item) => item.id !== id)), []);
  return { contacts, error, reload, put, drop };
}
