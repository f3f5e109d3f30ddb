import { useCallback, useEffect, useState } from 'react';
import { sessionAccountResponse, type Profile } from '../../../../common/api/accounts';
import { getProfile } from '../../api/endpoints';
import { replaceAccount } from '../../session/session';

/**
 * The whole profile (address, phone, date of birth) for the page that shows it: the session only
 * carries what every page needs. `adopt` takes a saved form's answer; `reload` asks the server again
 * (after an e-mail change, for the pending address). A failed load is the page's to show.
 */
export function useProfile(): { profile: Profile | undefined; error: unknown; adopt: (profile: Profile) => void; reload: () => void } {
  const [profile, setProfile] = useState<Profile>();
  const [error, setError] = useState<unknown>();
  const adopt = useCallback((next: Profile) => {
    setProfile(next);
    setError(undefined);
    // The header and dashboard keep only what a session carries, not the address or phone.
    replaceAccount(sessionAccountResponse.parse(next));
  }, []);
  const reload = useCallback(() => {
    getProfile().then(adopt, setError);
  }, [adopt]);
  useEffect(reload, [reload]);
  return { profile, error, adopt, reload };
}
