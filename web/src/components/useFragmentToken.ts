import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { plausibleToken, tokenFrom } from './fragmentToken';

/**
 * Mailed links carry their token in the URL fragment, which browsers never send to a server.
 * Reads it, removes it from the address bar (and so from history), and returns it. A new
 * fragment (the same link opened again in this tab) yields a new token.
 */
export function useFragmentToken(): string {
  const location = useLocation();
  const navigate = useNavigate();
  const [token, setToken] = useState(() => tokenFrom(location.hash));
  useEffect(() => {
    if (!location.hash) return;
    setToken(tokenFrom(location.hash));
    void navigate({ pathname: location.pathname, search: location.search }, { replace: true });
  }, [location.hash, location.pathname, location.search, navigate]);
  return token;
}

/**
 * Runs `action` once per token, even under React's development double effects, because a
 * token can be redeemed only once.
 */
export function useOncePerToken(token: string, action: () => void): void {
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (handled.current === token) return;
    handled.current = token;
    action();
  });
}

/** Where a page that redeems a mailed link with a form stands; pages add their own outcomes (e.g. 'success'). */
export type LinkFormOutcome = 'form' | 'expired' | 'invalid';

/**
 * The link's token and the page's outcome: the form while the token may be valid, else 'invalid';
 * `onTokenError` (for useForm's onError) turns the server's verdict on the token into an outcome.
 */
export function useLinkFormOutcome<Extra extends string = never>() {
  const token = useFragmentToken();
  const [outcome, setOutcome] = useState<LinkFormOutcome | Extra>(plausibleToken(token) ? 'form' : 'invalid');
  // The same link opened again in this tab brings a new token: start over.
  const [tokenShown, setTokenShown] = useState(token);
  if (token !== tokenShown) {
    setTokenShown(token);
    setOutcome(plausibleToken(token) ? 'form' : 'invalid');
  }
  function onTokenError(error: unknown): boolean {
    if (error instanceof ApiError && error.code === 'token_expired') setOutcome('expired');
    else if (error instanceof ApiError && error.code === 'token_invalid') setOutcome('invalid');
    else return false;
    return true;
  }
  return { token, outcome, setOutcome, onTokenError };
}
