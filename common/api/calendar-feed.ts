import * as z from 'zod';

/**
 * A professional's calendar subscription (issue 10). The feed URL carries the token; the server keeps
 * only its hash, so the URL is shown once, when it is created or replaced.
 */
export const calendarFeedView = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  showInitials: z.boolean(),
});

export const calendarFeedCreated = calendarFeedView.extend({
  /** https URL of the feed, with the token: shown now and never again. */
  url: z.url(),
  /** The same feed as a webcal:// link, which calendar apps open as a subscription. */
  webcalUrl: z.string(),
});

export const calendarFeedSettings = z.strictObject({ showInitials: z.boolean() });

/** The token in the feed's path: 32 random bytes, base64url. */
export const calendarFeedParams = z.object({ token: z.string().min(16).max(128) });
