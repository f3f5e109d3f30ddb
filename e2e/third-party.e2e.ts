import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyPolicy } from '../common/api/privacy';
import { addressesFor, UNKNOWN_ID, type RouteParameters } from './support/routes';
import {
  Api,
  chromiumSuite,
  createConsultation,
  createHost,
  createOperator,
  createOrganization,
  invitationLink,
  signInOperator,
  type TrackedPage,
  uniqueEmail,
} from './support';

/**
 * P-04, P-02, Anlage 31b: no request of any page goes to another origin — documents, scripts,
 * styles, fonts, images, API calls and the signaling WebSocket — for a visitor, a guest, an
 * individual customer, an organisation's representative and operator staff. What the browser keeps
 * (cookies, local and session storage) is exactly what the published cookie list names. The pages
 * are every route of the web app's route table (web/src/routes.ts) for each kind of access, so a
 * new page is checked without being named here.
 */
const OPERATOR = { email: 'otto@operator.example', name: 'Otto Operator', password: 'operator staff passphrase' };

describe('no request leaves the origin', () => {
  // Operator staff are created with the CLI, as the README says, before the server opens the database.
  const suite = chromiumSuite({ prepareData: (dataDir) => createOperator(dataDir, OPERATOR) });
  let cookieList: PrivacyPolicy['cookies']['items'];
  /** The individual host's page (logged in), their consultation's guest and their booking page. */
  let host: TrackedPage;
  let guestEmail: string;
  let hostParameters: RouteParameters;

  beforeAll(async () => {
    const policy = (await (await fetch(`${suite.server.origin}/api/site/privacy?lang=en`)).json()) as PrivacyPolicy;
    cookieList = policy.cookies.items;
    // The host exists before the walk logged out, so that their public booking page is a real one.
    host = await suite.open();
    const api = new Api(host.context.request, suite.server.origin);
    await createHost(api, suite.smtp);
    guestEmail = uniqueEmail('gast');
    const consultation = await createConsultation(api, [{ name: 'Gerda Gast', email: guestEmail }]);
    const { id: hostId } = await api.expect<{ id: string }>(200, 'GET', '/api/profile');
    const mornings = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 9 * 60, endMinute: 12 * 60 }));
    await api.expect(200, 'PUT', `/api/appointments/professionals/${hostId}/hours`, { ranges: mornings, minimumNoticeMinutes: 0 });
    await api.expect(201, 'POST', '/api/appointment-types', { name: 'Sprechstunde', durationMinutes: 30 });
    const bookingSlug = `dritte-${Date.now().toString(36)}`;
    await api.expect(200, 'PUT', '/api/booking-page', { slug: bookingSlug, enabled: true });
    hostParameters = { consultationId: consultation.id, bookingSlug };
  }, 180_000);

  /** Every URL the page asked for, WebSockets included, that is not the app's own origin. */
  function foreign(tracked: TrackedPage): string[] {
    const own = (url: string) => {
      if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
      try {
        return new URL(url.replace(/^ws(s?):/, 'http$1:')).origin === suite.server.origin;
      } catch {
        return false;
      }
    };
    return [...tracked.requests, ...tracked.webSockets].filter((url) => !own(url));
  }

  async function visit(tracked: TrackedPage, paths: string[]): Promise<void> {
    for (const path of paths) {
      // `load` has the document's scripts, styles and fonts; the page's data has arrived when no
      // loading status is left. Waiting for the network to idle instead cost 0.5 s a page.
      const response = await tracked.page.goto(path, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
      await tracked.page.locator('main h1').first().waitFor();
      await tracked.page.locator('main .loading').first().waitFor({ state: 'detached' });
    }
  }

  /** Names in the browser that the published list does not declare (`<call>` stands for any suffix). */
  async function undeclaredStorage(tracked: TrackedPage): Promise<string[]> {
    const declared = cookieList.map((entry) => new RegExp(`^${entry.name.replace(/[.]/g, '\\.').replace('<call>', '\\S+')}$`));
    const cookies = (await tracked.context.cookies()).map((cookie) => cookie.name);
    const storage = await tracked.page.evaluate<string[]>('[...Object.keys(window.localStorage), ...Object.keys(window.sessionStorage)]');
    return [...cookies, ...storage].filter((name) => !declared.some((pattern) => pattern.test(name)));
  }

  it('on every public page, and the privacy page shows the registry’s cookie list', async () => {
    // Logged out, the operator area's routes show its sign-in. Two pages walk half each, one per core.
    const publicPaths = addressesFor(['public', 'operator'], hostParameters);
    const lanes = [await suite.open({ probes: false }), await suite.open({ probes: false })];
    await Promise.all(
      lanes.map((tracked, lane) =>
        visit(
          tracked,
          publicPaths.filter((_, index) => index % lanes.length === lane),
        ),
      ),
    );
    const [first] = lanes as [TrackedPage, TrackedPage];
    await first.page.goto('/privacy', { waitUntil: 'networkidle' });
    await first.page.getByRole('heading', { level: 1, name: 'Datenschutzerklärung' }).waitFor();
    await first.page.getByRole('rowheader', { name: 'sz_session' }).waitFor();
    expect(lanes.reduce((sum, tracked) => sum + tracked.requests.length, 0)).toBeGreaterThan(publicPaths.length);
    for (const tracked of lanes) {
      expect(foreign(tracked)).toEqual([]);
      expect(await undeclaredStorage(tracked)).toEqual([]);
      // /join without a link asks the server for a guest place it does not have, the operator area
      // for a session there is none of: 401 is the answer to both.
      expect(tracked.problems([/status of 401 .*\/api\/(join|operator\/session)\b/])).toEqual([]);
    }
  }, 150_000);

  /** The colleague call's route, walked with an id no call has, is refused its signaling socket. */
  const unknownCall = new RegExp(`WebSocket connection to .*consultation=${UNKNOWN_ID}' failed: .*404`);

  it('for an individual customer, including the consultation room and its WebSocket, and for their guest', async () => {
    const guest = await suite.open();
    // Every customer route, the consultation's page and its room (with the signaling socket) among them.
    await visit(host, addressesFor(['customer'], hostParameters));
    // The walk may leave the room before its signaling socket opens: the room again, until it has.
    await host.page.goto(`/consultations/${hostParameters.consultationId}/room`, { waitUntil: 'load' });
    await expect.poll(() => host.webSockets.some((url) => url.includes(`consultation=${hostParameters.consultationId}`))).toBe(true);

    await guest.page.goto(await invitationLink(suite.smtp, guestEmail, suite.server.origin), { waitUntil: 'networkidle' });
    await guest.page.locator('h1').first().waitFor();

    for (const tracked of [host, guest]) {
      expect(foreign(tracked)).toEqual([]);
      expect(await undeclaredStorage(tracked)).toEqual([]);
    }
    expect(host.webSockets.every((url) => url.startsWith(suite.server.origin.replace(/^http/, 'ws')))).toBe(true);
    expect(host.problems([unknownCall])).toEqual([]);
    expect(guest.problems()).toEqual([]);
  }, 150_000);

  it('for an organisation’s representative', async () => {
    const tracked = await suite.open({ probes: false });
    const api = new Api(tracked.context.request, suite.server.origin);
    await createOrganization(api, suite.smtp, { firstName: 'Rita', lastName: 'Vertreterin', organization: 'Praxis Dritte' });
    const consultation = await createConsultation(api, [{ name: 'Gustav Gast', email: uniqueEmail('gast') }]);
    await visit(tracked, addressesFor(['customer'], { consultationId: consultation.id, bookingSlug: 'unused' }));
    await tracked.page.goto('/organization', { waitUntil: 'networkidle' });
    await tracked.page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /Organisation|Praxis Dritte/ })
      .waitFor();
    expect(foreign(tracked)).toEqual([]);
    expect(await undeclaredStorage(tracked)).toEqual([]);
    expect(tracked.problems([unknownCall])).toEqual([]);
  });

  it('for operator staff, signed in with the authenticator app', async () => {
    const tracked = await suite.open({ probes: false });
    await tracked.page.goto('/operator/login', { waitUntil: 'networkidle' });
    await signInOperator(tracked.page, OPERATOR);
    await tracked.page.getByRole('heading', { level: 1, name: 'Kontaktanfragen' }).waitFor();
    await visit(tracked, addressesFor(['operator'], { consultationId: 'unused', bookingSlug: 'unused' }));
    expect(foreign(tracked)).toEqual([]);
    expect(await undeclaredStorage(tracked)).toEqual([]);
    // The ticket route, walked with an id no ticket has, answers 404.
    expect(tracked.problems([new RegExp(`status of 404 .*/api/operator/tickets/${UNKNOWN_ID}\\b`)])).toEqual([]);
  });
});
