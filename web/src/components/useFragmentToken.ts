import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

function tokenFrom(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
}

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
    navigate({ pathname: location.pathname, search: location.search }, { replace: true });
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

/** Tokens are 16–128 characters (tokenRequest); anything else cannot be valid. */
export function plausibleToken(token: string): boolean {
  return token.length >= 16 && token.length <= 128;
}
