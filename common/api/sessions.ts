import * as z from 'zod';

/** "Where you are signed in" (issue 12): the account's sessions, never an address. */
const signedInBrowser = z.object({
  /** A reference to the session, not its id or the id's hash. */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  /** Browser family and operating system from the User-Agent at login; null when not recognised. */
  browser: z.string().nullable(),
  os: z.string().nullable(),
  current: z.boolean(),
});
export type SignedInBrowser = z.infer<typeof signedInBrowser>;
export const signedInBrowsers = z.object({ sessions: z.array(signedInBrowser) });
export const sessionParams = z.strictObject({ sessionId: z.string().regex(/^[A-Za-z0-9_-]{32}$/) });
