import { appRoutes, type AppRoute } from '../../web/src/routes';

/** What fills a route's parameters: a consultation of the person walking, a booking page's slug. */
export interface RouteParameters {
  consultationId: string;
  bookingSlug: string;
}

/** Ids no ticket or colleague call has: the page must still render (its "not found" state). */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** A concrete address for a route (parameters filled in; the catch-all as an unknown page). */
function addressOf(route: AppRoute, parameters: RouteParameters): string {
  if (route.path === '*') return '/no-such-page';
  return route.path
    .replace(':slug', parameters.bookingSlug)
    .replace(':ticketId', UNKNOWN_ID)
    .replace('/calls/:id', `/calls/${UNKNOWN_ID}`)
    .replace(':id', parameters.consultationId);
}

/**
 * The address of every route of the web app's route table (web/src/routes.ts) whose access is one
 * of `accesses`, each once: the e2e walks take their pages from here, so a new route is visited
 * without anyone naming it in a test.
 */
export function addressesFor(accesses: AppRoute['access'][], parameters: RouteParameters): string[] {
  const routes = Object.values(appRoutes) as AppRoute[];
  return [...new Set(routes.filter((route) => accesses.includes(route.access)).map((route) => addressOf(route, parameters)))];
}
