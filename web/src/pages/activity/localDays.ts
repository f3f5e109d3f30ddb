/**
 * The activity filter is chosen in the user's own days: "from 12 March to 13 March" means from the
 * local midnight that starts the 12th up to the local midnight that ends the 13th. The server takes
 * instants (from inclusive, to exclusive), so the browser, which knows the time zone, computes them.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight at the start of a `YYYY-MM-DD` day, `offsetDays` later; undefined for anything else. */
function localMidnight(day: string, offsetDays = 0): Date | undefined {
  const match = DATE.exec(day);
  if (!match) return undefined;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(year, month - 1, date);
  // 31 February and friends roll over into the next month: not a day the user chose.
  if (probe.getFullYear() !== year || probe.getMonth() !== month - 1 || probe.getDate() !== date) return undefined;
  // Where the clocks skip midnight itself, the Date constructor lands on the first minute that exists.
  return new Date(year, month - 1, date + offsetDays);
}

/** Instants for GET /api/activity from local days (both inclusive, either may be empty). */
export function localDayRange(from: string, to: string): { from?: string; to?: string } {
  const start = from ? localMidnight(from) : undefined;
  const end = to ? localMidnight(to, 1) : undefined;
  return { ...(start ? { from: start.toISOString() } : {}), ...(end ? { to: end.toISOString() } : {}) };
}

/** True for a well-formed `YYYY-MM-DD` that names a real day. */
export function isLocalDay(value: string): boolean {
  return localMidnight(value) !== undefined;
}
