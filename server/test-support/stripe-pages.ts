import type http from 'node:http';
import type { FakeStripe } from './stripe';

type Stand = Pick<FakeStripe, 'sessions' | 'portalSessions' | 'subscriptions' | 'completeCheckout' | 'setStatus' | 'send'>;

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/** A page that loads nothing (the icon too is inline), so a browser test sees only the navigation here. */
function html(response: http.ServerResponse, status: number, title: string, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(
    `<!doctype html><html lang="de"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`,
  );
}

function redirect(response: http.ServerResponse, location: string): void {
  response.writeHead(303, { location, 'cache-control': 'no-store' });
  response.end();
}

/** Sends Stripe's events one after the other, as Stripe does for one endpoint; throws at the first the app refuses. */
async function deliverAll(stand: Stand, events: Parameters<FakeStripe['send']>[0][]): Promise<void> {
  for (const event of events) {
    const status = await stand.send(event);
    if (status !== 200) throw new Error(`the app answered ${status} to ${String(event.type)}`);
  }
}

/**
 * Stripe's hosted Checkout (`/c/pay/<session>`) and Customer Portal (`/p/session/<session>`), played
 * for browser tests: a button does what the customer would do there (pay; cancel the subscription, as
 * a portal configured to cancel at once does), Stripe's signed webhooks reach the app, and only then
 * the browser goes back to the app's success or return URL — so the app's page shows the outcome.
 */
export function servePage(stand: Stand, method: string, pathname: string, response: http.ServerResponse): void {
  const [, area, , id = ''] = pathname.split('/');
  const fail = (error: unknown) =>
    html(response, 502, 'Stand-in: Webhook abgelehnt', `<p>${escape(error instanceof Error ? error.message : String(error))}</p>`);

  if (area === 'c') {
    const session = stand.sessions.get(id);
    if (!session) return html(response, 404, 'Stand-in: Sitzung unbekannt', '');
    if (method === 'GET') {
      return html(
        response,
        200,
        'Stripe Checkout (Stand-in)',
        `<p>Preis ${escape(String(session.price))}, Menge ${escape(String(session.quantity))}</p><form method="post"><button type="submit">Bezahlen</button></form>`,
      );
    }
    if (session.status !== 'open') return redirect(response, String(session.success_url));
    void deliverAll(stand, stand.completeCheckout(id).events).then(() => redirect(response, String(session.success_url)), fail);
    return;
  }

  const portal = stand.portalSessions.get(id);
  if (!portal) return html(response, 404, 'Stand-in: Sitzung unbekannt', '');
  const running = [...stand.subscriptions.values()].find((subscription) => subscription.customer === portal.customer && subscription.status !== 'canceled');
  if (method === 'GET') {
    const cancel = running ? '<form method="post"><button type="submit">Abonnement kündigen</button></form>' : '<p>Kein laufendes Abonnement.</p>';
    return html(response, 200, 'Stripe Kundenportal (Stand-in)', `${cancel}<p><a href="${escape(String(portal.return_url))}">Zurück</a></p>`);
  }
  if (!running) return redirect(response, String(portal.return_url));
  void deliverAll(stand, [stand.setStatus(running.id, 'canceled')]).then(() => redirect(response, String(portal.return_url)), fail);
}
