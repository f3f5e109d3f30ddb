import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryMailer, startTestApp, type TestApp } from '../test-support/app';
import { FakeStripe } from '../test-support/stripe';
import { buildWorld, routeActorNames, WORLD_PASSWORD, worldSlot, type RouteActorName, type World } from '../test-support/world';

/**
 * Tenant isolation, proven: every route × every actor with its expected outcome. Routes are taken
 * from the live route table, so a new route without a row here fails the test.
 *
 * Outcomes: 'ok' (2xx), 401, 403, 404, 409, or 'open' for public routes (anything but 401/403/5xx).
 * Customer routes answer 401 to everyone without a login (anonymous, guests, a deactivated member
 * whose sessions ended, operator staff, whose login is not a customer's); only the logged-in actors
 * are listed per row. Operator routes answer 401 to everyone but operator staff.
 */
type Outcome = 'ok' | 'open' | 401 | 403 | 404 | 409 | 422;
type LoggedIn = 'individual' | 'memberA' | 'staffA' | 'representativeA' | 'memberB' | 'staffB' | 'representativeB';

interface Row {
  body?: (world: World) => unknown;
  /** Raw body with its content type (the chat PDF). */
  raw?: { contentType: string; payload: Buffer };
  /** Path parameters other than the defaults (consultation A, its invitation and guest, member A, contact A). */
  params?: (world: World) => Record<string, string>;
  /** Needs guest A waiting in the waiting room (a connected signaling socket). */
  guestWaiting?: boolean;
  /** Needs member A online (a presence socket) or already rung by representative A. */
  memberOnline?: boolean;
  ringing?: boolean;
  expect: 'public' | Partial<Record<LoggedIn | 'guestA' | 'guestB' | 'operator', Outcome>>;
}

const everyoneLoggedIn = (outcome: Outcome): Record<LoggedIn, Outcome> => ({
  individual: outcome,
  memberA: outcome,
  staffA: outcome,
  representativeA: outcome,
  memberB: outcome,
  staffB: outcome,
  representativeB: outcome,
});
/** Only these succeed; every other logged-in actor gets `others`. */
const only = (allowed: LoggedIn[], others: Outcome = 404): Record<LoggedIn, Outcome> => {
  const row = everyoneLoggedIn(others);
  for (const actor of allowed) row[actor] = 'ok';
  return row;
};
/** Organisation management: representatives of A succeed, members and staff are refused, outsiders not found. */
const representativeOfA = (): Record<LoggedIn, Outcome> => ({
  individual: 404,
  memberA: 403,
  staffA: 403,
  representativeA: 'ok',
  memberB: 403,
  staffB: 403,
  representativeB: 404,
});

/** Operator staff succeed; every customer, guest and anonymous visitor gets 401. */
const operatorOnly = { operator: 'ok' } as const;

const individualProfile = {
  firstName: 'Ina',
  lastName: 'Individuell',
  dateOfBirth: '1980-02-02',
  street: 'Weg',
  houseNumber: '2',
  postalCode: '50667',
  city: 'Köln',
  country: 'DE',
  phone: '0221 7654321',
  locale: 'de',
};
let sequence = 0;
const fresh = (label: string) => `${label}.${++sequence}.${Date.now()}@example.org`;
const guest = () => ({ name: 'Neuer Gast', email: fresh('guest') });
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');

/** Well-formed WebAuthn answers to no challenge of ours: refused (422) after access and validation. */
const junkClientData = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'bm8tc3VjaC1jaGFsbGVuZ2U', origin: 'http://localhost:3000' })).toString(
  'base64url',
);
const junkRegistration = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: junkClientData, attestationObject: 'AAAA' },
};
const junkAssertion = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: junkClientData, authenticatorData: 'AAAA', signature: 'AAAA' },
};

const table: Record<string, Row> = {
  'GET /api/openapi.json': { expect: 'public' },
  'GET /healthz': { expect: 'public' },
  'GET /readyz': { expect: 'public' },
  'GET /api/site': { expect: 'public' },
  'GET /api/site/privacy': { expect: 'public' },
  'GET /api/session': { expect: 'public' },
  'POST /api/session': { expect: 'public', body: () => ({}) },
  'DELETE /api/session': { expect: 'public' },
  'POST /api/accounts': { expect: 'public', body: () => ({}) },
  'POST /api/accounts/confirm-email': { expect: 'public', body: () => ({ token: 'x'.repeat(43), password: 'any password' }) },
  'POST /api/accounts/resend-confirmation': { expect: 'public', body: () => ({ email: 'nobody@example.org' }) },
  'POST /api/password-reset': { expect: 'public', body: () => ({ email: 'nobody@example.org' }) },
  'POST /api/password-reset/confirm': { expect: 'public', body: () => ({ token: 'x'.repeat(43), password: 'a new long passphrase' }) },
  // The new-sign-in mail's "this was not me": the link alone decides whose sessions end.
  'POST /api/session/not-me': { expect: 'public', body: () => ({ token: 'x'.repeat(43) }) },
  'POST /api/profile/email/confirm': { expect: 'public', body: () => ({ token: 'x'.repeat(43), password: 'any password' }) },
  'POST /api/organizations': { expect: 'public', body: () => ({}) },
  'POST /api/organization/members/accept': { expect: 'public', body: () => ({}) },
  'POST /api/join': { expect: 'public', body: () => ({ token: 'x'.repeat(43), password: 'any password' }) },
  'GET /api/contact/challenge': { expect: 'public' },
  'POST /api/contact': { expect: 'public', body: () => ({}) },
  'POST /api/operator/session': { expect: 'public', body: () => ({}) },
  'DELETE /api/operator/session': { expect: 'public' },

  // Issue 12: the operator's second-factor steps need the ticket of a right password (the operator
  // pending-login cookie); nobody here holds one: 401 second_factor_login_expired for everyone.
  'POST /api/operator/session/second-factor': { expect: {}, body: () => ({ code: '123456' }) },
  'POST /api/operator/session/totp': { expect: {} },
  'POST /api/operator/session/totp/confirm': { expect: {}, body: () => ({ code: '123456' }) },
  'GET /api/operator/session': { expect: operatorOnly },
  'GET /api/operator/tickets': { expect: operatorOnly },
  'GET /api/operator/tickets/:ticketId': { expect: operatorOnly },
  'POST /api/operator/tickets/:ticketId/replies': { body: () => ({ text: 'Danke für Ihre Nachricht.' }), expect: operatorOnly },
  'POST /api/operator/tickets/:ticketId/close': { expect: operatorOnly },
  'GET /api/operator/receipts': { expect: operatorOnly },
  'GET /api/operator/art30': { expect: operatorOnly },
  'GET /api/operator/self-check': { expect: operatorOnly },
  'GET /api/operator/self-check/evidence': { expect: operatorOnly },
  'GET /api/operator/restrictions': { expect: operatorOnly },
  'POST /api/operator/restrictions/:accountId/lift': { expect: operatorOnly },

  'GET /api/profile': { expect: everyoneLoggedIn('ok') },
  'PUT /api/profile': { body: () => individualProfile, expect: { ...everyoneLoggedIn(403), individual: 'ok' } },
  'PUT /api/profile/basic': { body: () => ({ firstName: 'Neu', lastName: 'Name', locale: 'de' }), expect: everyoneLoggedIn('ok') },
  'POST /api/profile/password': {
    body: () => ({ currentPassword: WORLD_PASSWORD, newPassword: 'a different long passphrase' }),
    expect: everyoneLoggedIn('ok'),
  },
  'POST /api/profile/email': { body: () => ({ currentPassword: WORLD_PASSWORD, newEmail: fresh('moved') }), expect: everyoneLoggedIn('ok') },
  // Issue 12: each logged-in person's own authenticator app; nobody reaches another's.
  // Completes a login whose password was right (the pending-login cookie); without one there is
  // nothing to complete, whoever asks: 401 second_factor_login_expired for everyone.
  'POST /api/session/second-factor': { expect: {}, body: () => ({ code: '123456' }) },
  'GET /api/profile/second-factor': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/second-factor/totp': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/second-factor/totp/confirm': { body: () => ({ code: '123456' }), expect: everyoneLoggedIn(409) },
  'POST /api/profile/second-factor/recovery-codes': { body: () => ({ currentPassword: WORLD_PASSWORD }), expect: everyoneLoggedIn(409) },
  // The representative requires a second factor of the own organisation and resets a member's.
  'GET /api/organization/second-factor': { expect: { ...everyoneLoggedIn(403), individual: 404, representativeA: 'ok', representativeB: 'ok' } },
  'PUT /api/organization/second-factor': {
    body: () => ({ required: false }),
    expect: { ...everyoneLoggedIn(403), individual: 404, representativeA: 'ok', representativeB: 'ok' },
  },
  'POST /api/organization/members/:memberId/second-factor/reset': { body: () => ({ currentPassword: WORLD_PASSWORD }), expect: representativeOfA() },
  'POST /api/profile/second-factor/totp/off': { body: () => ({ currentPassword: WORLD_PASSWORD }), expect: everyoneLoggedIn(409) },
  // Passkeys: each person's own list; member A's passkey is found by member A alone. The sign-in
  // options are public; answering them (or the second-factor step without a password) is refused.
  'GET /api/profile/passkeys': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/passkeys/options': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/passkeys': { body: () => ({ name: 'Laptop', response: junkRegistration }), expect: everyoneLoggedIn(422) },
  'PATCH /api/profile/passkeys/:passkeyId': { body: () => ({ name: 'Umbenannt' }), expect: only(['memberA']) },
  'POST /api/profile/passkeys/:passkeyId/remove': { body: () => ({ currentPassword: WORLD_PASSWORD }), expect: only(['memberA']) },
  // Where the person is signed in: each their own list; a reference to a session that is not theirs
  // is not found (server/sessions/signed-in-browsers.db.test.ts ends another account's session too).
  'GET /api/profile/sessions': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/sessions/:sessionId/end': { params: () => ({ sessionId: 'A'.repeat(32) }), expect: everyoneLoggedIn(404) },
  'POST /api/profile/sessions/end-others': { expect: everyoneLoggedIn('ok') },
  'POST /api/profile/passkeys/fresh-check/options': { expect: { ...everyoneLoggedIn(409), memberA: 'ok' } },
  'POST /api/profile/passkeys/fresh-check': { body: () => ({ response: junkAssertion }), expect: everyoneLoggedIn(422) },
  'POST /api/session/passkey/options': { expect: 'public' },
  'POST /api/session/passkey': { expect: 'public', body: () => ({ response: junkAssertion }) },
  'POST /api/session/second-factor/passkey/options': { expect: {} },
  'POST /api/session/second-factor/passkey': { expect: {}, body: () => ({ response: junkAssertion }) },

  'POST /api/consultations': { body: () => ({ guests: [guest()] }), expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },
  'GET /api/consultations': { expect: everyoneLoggedIn('ok') },
  'GET /api/consultations/:id': { expect: only(['memberA', 'staffA']) },
  'POST /api/consultations/:id/invitations': { body: () => ({ guest: guest() }), expect: only(['memberA', 'staffA']) },
  'POST /api/consultations/:id/invitations/:invitationId/resend': { expect: only(['memberA', 'staffA']) },
  'DELETE /api/consultations/:id/invitations/:invitationId': { expect: only(['memberA', 'staffA']) },
  'POST /api/consultations/:id/invitations/:invitationId/save-contact': { expect: only(['memberA']) },
  'POST /api/consultations/:id/waiting-room/:participantId/admit': { guestWaiting: true, expect: only(['memberA', 'staffA']) },
  'POST /api/consultations/:id/waiting-room/:participantId/decline': { guestWaiting: true, expect: only(['memberA', 'staffA']) },
  'POST /api/consultations/:id/waiting-room/:participantId/message': {
    guestWaiting: true,
    body: () => ({ text: '5 Minuten, bitte' }),
    expect: only(['memberA', 'staffA']),
  },
  'POST /api/consultations/:id/end': { expect: only(['memberA']) },
  'GET /api/consultations/:id/ice': { expect: only(['memberA']) },
  'POST /api/consultations/:id/chat-transcript': { raw: { contentType: 'application/pdf', payload: pdf }, expect: only(['memberA']) },
  'GET /api/activity': { expect: everyoneLoggedIn('ok') },

  'GET /api/join': { expect: { guestA: 'ok', guestB: 'ok' } },
  'PUT /api/join/details': { body: () => ({ displayName: 'Gast Neu', consent: true }), expect: { guestA: 'ok', guestB: 'ok' } },
  // Guests get the TURN credentials only once admitted; both are still outside.
  'GET /api/join/ice': { expect: { guestA: 403, guestB: 403 } },
  // The chat by e-mail goes only to one's own invitation address, once admitted; both are still outside.
  'GET /api/join/chat-transcript': { expect: { guestA: 'ok', guestB: 'ok' } },
  'POST /api/join/chat-transcript': { raw: { contentType: 'application/pdf', payload: pdf }, expect: { guestA: 403, guestB: 403 } },
  // After the end the ticket from the end message is the credential; without one: 400 chat_ticket_invalid for everyone.
  'POST /api/join/chat-transcript/after-end': { expect: 'public', raw: { contentType: 'application/pdf', payload: pdf } },
  // The connection test (issue 9 §5): any holder of a usable link, the guest of the browser, those who take part in calls.
  'POST /api/connection-test/link': { expect: 'public', body: () => ({ token: 'x'.repeat(43) }) },
  'POST /api/join/connection-test': { expect: { guestA: 'ok', guestB: 'ok' } },
  'POST /api/connection-test': { expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },

  'GET /api/organization': { expect: { ...everyoneLoggedIn('ok'), individual: 404 } },
  'PUT /api/organization': {
    body: () => ({ name: 'Praxis Neu', street: 'Weg', houseNumber: '3', postalCode: '50667', city: 'Köln', country: 'DE', phone: '0221 1234567' }),
    expect: { ...representativeOfA(), representativeB: 'ok' },
  },
  'GET /api/organization/members': { expect: { ...representativeOfA(), representativeB: 'ok' } },
  // Practice staff choose a professional to organise for; members and representatives have no use for it.
  'GET /api/organization/professionals': {
    expect: { individual: 404, memberA: 403, staffA: 'ok', representativeA: 403, memberB: 403, staffB: 'ok', representativeB: 403 },
  },
  'POST /api/organization/members': { body: () => ({ email: fresh('colleague'), role: 'member' }), expect: { ...representativeOfA(), representativeB: 'ok' } },
  'POST /api/organization/members/:memberId/resend': { params: (world) => ({ memberId: world.ids.invitedA }), expect: representativeOfA() },
  'POST /api/organization/members/:memberId/deactivate': { expect: representativeOfA() },
  'POST /api/organization/members/:memberId/reactivate': { params: (world) => ({ memberId: world.ids.deactivatedA }), expect: representativeOfA() },
  'POST /api/organization/members/:memberId/make-representative': { expect: representativeOfA() },
  'DELETE /api/organization/members/:memberId': { expect: representativeOfA() },

  // Billing (issue 11; the matrix runs with it on): individual customers and representatives see their
  // own plan only; members and staff never see billing. The portal needs a first checkout (none in a fresh world).
  'GET /api/billing': { expect: only(['individual', 'representativeA', 'representativeB']) },
  'POST /api/billing/checkout': { body: () => ({ period: 'monthly' }), expect: only(['individual', 'representativeA', 'representativeB']) },
  'POST /api/billing/portal': { expect: everyoneLoggedIn(404) },
  // Stripe's signed webhook: no login, no CSRF; unsigned requests are refused (server/billing/webhook.db.test.ts).
  'POST /api/billing/webhook': { expect: 'public' },
  'GET /api/contacts': { expect: everyoneLoggedIn('ok') },
  'POST /api/contacts': { body: () => ({ name: 'Neuer Kontakt', email: fresh('contact') }), expect: everyoneLoggedIn('ok') },
  'PUT /api/contacts/:contactId': { body: () => ({ name: 'Geändert', email: fresh('contact') }), expect: only(['memberA']) },
  'DELETE /api/contacts/:contactId': { expect: only(['memberA']) },

  // Data-subject rights (P-24): each person's own data only; erasure of an organisation is its representative's.
  'GET /api/privacy/export': { expect: everyoneLoggedIn('ok') },
  'POST /api/privacy/restrict': { body: () => ({ currentPassword: WORLD_PASSWORD }), expect: everyoneLoggedIn('ok') },
  'POST /api/privacy/delete-account': {
    body: () => ({ currentPassword: WORLD_PASSWORD }),
    // A representative whose organisation has other people cannot leave it without a representative.
    expect: { ...everyoneLoggedIn('ok'), representativeA: 409, representativeB: 409 },
  },
  'POST /api/privacy/delete-organization': {
    body: () => ({ currentPassword: WORLD_PASSWORD }),
    expect: { ...representativeOfA(), representativeB: 'ok' },
  },

  // Appointments (issue 10): public booking pages and links; member A's calendar is member A's, staff A's and representative A's.
  'GET /api/book/:slug': { expect: 'public', params: () => ({ slug: 'no-such-page' }) },
  'GET /api/book/:slug/slots': { expect: 'public', params: () => ({ slug: 'no-such-page' }) },
  'POST /api/book/:slug': { expect: 'public', params: () => ({ slug: 'no-such-page' }), body: () => ({}) },
  'POST /api/book/confirm': { expect: 'public', body: () => ({ token: 'x'.repeat(43) }) },
  'POST /api/book/confirm-code': { expect: 'public', body: () => ({ holdId: '00000000-0000-4000-8000-000000000000', code: '123456' }) },
  'POST /api/book/manage': { expect: 'public', body: () => ({ token: 'x'.repeat(43) }) },
  'POST /api/book/cancel': { expect: 'public', body: () => ({ token: 'x'.repeat(43) }) },
  'GET /api/appointments/professionals/:professionalId': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'GET /api/appointments/professionals/:professionalId/hours': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'PUT /api/appointments/professionals/:professionalId/hours': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    body: () => ({ ranges: [{ weekday: 1, startMinute: 540, endMinute: 720 }] }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'GET /api/appointments/professionals/:professionalId/absences': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'POST /api/appointments/professionals/:professionalId/absences': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    body: () => ({ startsAt: worldSlot(30), endsAt: worldSlot(31) }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'DELETE /api/appointments/professionals/:professionalId/absences/:absenceId': {
    params: (world) => ({ professionalId: world.ids.memberA, absenceId: world.ids.absenceA }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'POST /api/appointments': {
    body: (world) => ({ professionalId: world.ids.memberA, typeId: world.ids.typeA, startsAt: worldSlot(2), name: 'Neue Patientin', email: fresh('patient') }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  // Already booked: nothing to confirm for those who may, unknown for everyone else.
  'POST /api/appointments/:id/confirm': {
    params: (world) => ({ id: world.ids.appointmentA }),
    expect: { ...only([]), memberA: 409, staffA: 409, representativeA: 409 },
  },
  // Member A's appointment lies ahead: nobody can mark it missed yet; for everyone else it does not exist.
  'POST /api/appointments/:id/no-show': {
    params: (world) => ({ id: world.ids.appointmentA }),
    expect: { ...only([]), memberA: 409, staffA: 409, representativeA: 409 },
  },
  'POST /api/appointments/:id/cancel': { params: (world) => ({ id: world.ids.appointmentA }), expect: only(['memberA', 'staffA', 'representativeA']) },
  'POST /api/appointments/:id/move': {
    params: (world) => ({ id: world.ids.appointmentA }),
    body: () => ({ startsAt: worldSlot(2) }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  'POST /api/book/manage/slots': { expect: 'public', body: () => ({ token: 'x'.repeat(43), from: '2026-01-19' }) },
  'POST /api/book/move': { expect: 'public', body: () => ({ token: 'x'.repeat(43), startsAt: '2026-01-19T08:00:00Z' }) },
  // Everyone sees whom they manage: an empty list for those who manage nobody.
  'GET /api/appointments/professionals': { expect: everyoneLoggedIn('ok') },
  'GET /api/appointments/professionals/:professionalId/types': {
    params: (world) => ({ professionalId: world.ids.memberA }),
    expect: only(['memberA', 'staffA', 'representativeA']),
  },
  // Member A's own type: theirs and their organisation's managers' to switch off.
  'DELETE /api/appointment-types/:typeId': { params: (world) => ({ typeId: world.ids.typeA }), expect: only(['memberA', 'staffA', 'representativeA']) },
  'GET /api/booking-page': { expect: everyoneLoggedIn('ok') },
  'GET /api/activity/appointments': { expect: everyoneLoggedIn('ok') },
  // The calendar subscription is always the actor's own (no id in the path); staff take no appointments.
  // The feed itself: the token alone decides whose calendar, a wrong one is 404 for everybody.
  'GET /api/calendar-feed/:token': { expect: 'public', params: () => ({ token: 'x'.repeat(43) }) },
  'GET /api/calendar-feed': { expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },
  'POST /api/calendar-feed': { expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },
  'PUT /api/calendar-feed': { body: () => ({ showInitials: false }), expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },
  'DELETE /api/calendar-feed': { expect: { ...everyoneLoggedIn('ok'), staffA: 403, staffB: 403 } },
  // Everyone who takes appointments adds their own types; representatives and staff add the organisation's.
  'POST /api/appointment-types': { body: () => ({ name: 'Kurztermin', durationMinutes: 15 }), expect: everyoneLoggedIn('ok') },
  'PUT /api/booking-page': { body: () => ({ slug: `seite-${++sequence}`, enabled: true }), expect: everyoneLoggedIn('ok') },

  // Colleague lists and calls are for the professionals of an organisation (P-07), never staff.
  'GET /api/colleagues': { expect: { ...everyoneLoggedIn('ok'), individual: 403, staffA: 403, staffB: 403 } },
  // Switching off (a no-op here) keeps memberA callable for the rows below.
  'PUT /api/colleagues/do-not-disturb': { body: () => ({ on: false }), expect: { ...everyoneLoggedIn('ok'), individual: 403, staffA: 403, staffB: 403 } },
  'POST /api/colleague-calls': {
    memberOnline: true,
    body: (world) => ({ colleagueId: world.ids.memberA }),
    expect: { individual: 403, memberA: 404, staffA: 403, representativeA: 'ok', memberB: 404, staffB: 403, representativeB: 404 },
  },
  'POST /api/colleague-calls/:callId/accept': { ringing: true, expect: only(['memberA']) },
  'POST /api/colleague-calls/:callId/decline': { ringing: true, expect: only(['memberA']) },
  'DELETE /api/colleague-calls/:callId': { ringing: true, expect: only(['representativeA']) },
};

/** The signaling upgrade is authorised like a route; its matrix lives in the signaling test. */
const coveredElsewhere = new Set(['GET /api/signaling', 'GET /api/presence']);

function pathFor(url: string, world: World, row: Row): string {
  const params: Record<string, string> = {
    id: world.ids.consultationA,
    invitationId: world.ids.invitationA,
    participantId: world.ids.guestParticipantA,
    memberId: world.ids.memberA,
    contactId: world.ids.contactA,
    callId: world.ids.callA,
    ticketId: world.ids.ticket,
    accountId: world.ids.restricted,
    passkeyId: world.ids.passkeyA,
    ...row.params?.(world),
  };
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => params[name] ?? `missing-${name}`);
}

function expected(row: Row, actor: RouteActorName): Outcome {
  if (row.expect === 'public') return 'open';
  const listed = (row.expect as Record<string, Outcome>)[actor];
  if (listed !== undefined) return listed;
  return 401;
}

function matches(status: number, outcome: Outcome): boolean {
  if (outcome === 'ok') return status >= 200 && status < 300;
  if (outcome === 'open') return status !== 401 && status !== 403 && status < 500;
  return status === outcome;
}

describe('tenant isolation matrix (routes × actors)', () => {
  let testApp: TestApp;
  let port = 0;
  const mailer = new MemoryMailer();
  // Billing on, so that its routes have rows; every account of a fresh world is in its free trial.
  const stripe = new FakeStripe();

  beforeAll(async () => {
    await stripe.start();
    testApp = await startTestApp({ mailer, env: stripe.env() });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await testApp.close();
    await stripe.stop();
  });

  it('has a row for every route', () => {
    const keys = testApp.app.routes
      .filter((route) => route.url.startsWith('/api/') || route.url === '/healthz' || route.url === '/readyz')
      .filter((route) => !route.url.startsWith('/api/docs'))
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !coveredElsewhere.has(key));
    expect(keys.filter((key) => !(key in table))).toEqual([]);
    expect(Object.keys(table).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it(`gives each of ${routeActorNames.length} actors the expected answer on every route`, async () => {
    const failures: string[] = [];
    let cells = 0;
    // A world costs about a hundred requests to build, so rows share it until a write succeeds in it;
    // a refused request must not change anything, which the later rows would notice. Worlds with a
    // waiting guest, an online member or a ringing call hold sockets and timers: those stay per row.
    let shared: World | undefined;
    for (const [key, row] of Object.entries(table)) {
      const [method, url] = key.split(' ') as [string, string];
      const worldOptions = { port, guestWaiting: row.guestWaiting ?? false, memberOnline: row.memberOnline ?? false, ringing: row.ringing ?? false };
      const ownWorld = worldOptions.guestWaiting || worldOptions.memberOnline || worldOptions.ringing;
      let world: World | undefined = ownWorld ? undefined : shared;
      const sensitive = testApp.app.routes.some((route) => route.freshCheck && `${route.method} ${route.url}` === key);
      for (const actor of routeActorNames) {
        world ??= await buildWorld(testApp, mailer, worldOptions);
        const outcome = expected(row, actor);
        // Member A holds a passkey (the passkey rows below): a sensitive action is confirmed with it first.
        if (sensitive && actor === 'memberA') await world.confirmPasskeyA();
        const body = row.body?.(world);
        const response = await world.clients[actor].request({
          method: method as 'GET',
          url: pathFor(url, world, row),
          ...(row.raw ? { payload: row.raw.payload, headers: { 'content-type': row.raw.contentType } } : body === undefined ? {} : { payload: body as object }),
        });
        cells += 1;
        if (!matches(response.statusCode, outcome))
          failures.push(`${key} as ${actor}: expected ${outcome}, got ${response.statusCode} ${response.body.slice(0, 120)}`);
        // A write that succeeded changed the world: the next actor starts from a fresh one.
        if (method !== 'GET' && response.statusCode < 300) {
          world.close();
          world = undefined;
        }
      }
      if (ownWorld) world?.close();
      else shared = world;
    }
    shared?.close();
    expect(failures).toEqual([]);
    expect(cells).toBe(Object.keys(table).length * routeActorNames.length);
  }, 600_000);
});
