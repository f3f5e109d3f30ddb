/** Session lifetimes (issue #2, P-18). */
export const SESSION_IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const SESSION_ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** Recording activity on every request would turn each read into a write; once a minute is precise enough. */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 1000;
