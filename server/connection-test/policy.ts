import type { AccountRow } from '../accounts/store';
import { organizationRules } from '../organizations/policy';

/**
 * The connection test (issue 9 §5), as named rules.
 *
 * Its TURN credentials live at most this long: the test needs a few seconds, and whoever holds a
 * link (not only an admitted guest) gets them, so they must be worth little once the test is over.
 */
export const CONNECTION_TEST_TTL_SECONDS = 120;

/** Who tests on the dashboard: those who take part in calls. Practice staff never do (Anlage 31b). */
export const testsConnection = (actor: AccountRow): boolean => organizationRules.holdsConsultations(actor);
