/*
 * Reading a mailed link's token from the URL fragment, without React: the start of the app
 * (startup.ts) reads it too, to send the join page's first request before the app has loaded.
 */

export function tokenFrom(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
}

/** Tokens are 16–128 characters (tokenRequest); anything else cannot be valid. */
export function plausibleToken(token: string): boolean {
  return token.length >= 16 && token.length <= 128;
}
