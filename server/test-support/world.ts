import { signInOperator } from './operators';
import { SoftAuthenticator } from './soft-authenticator';
import { ApiClient, registrationBody, type MemoryMailer, type TestApp } from './app';
import { connect, readyGuest } from './consultations';
import { connectPresence, type PresenceSocket } from './presence';
import type { TestSocket } from './signaling';
import { sendContactRequest } from './support';

/** Everyone the tenant-isolation matrix acts as. */
export const actorNames = [
  'anonymous',
  'guestA',
  'guestB',
  'individual',
  'memberA',
  'staffA',
  'representativeA',
  'memberB',
  'staffB',
  'representativeB',
  'deactivatedA',
] as const;
export type ActorName = (typeof actorNames)[number];

/**
 * The route matrix also acts as operator staff: a platform role with its own login, which no
 * customer or guest route accepts and which alone opens the operator routes. (The signaling
 * matrix keeps to the actors above: operator staff have no consultation to connect to.)
 */
export const routeActorNames = [...actorNames, 'operator'] as const;
export type RouteActorName = (typeof routeActorNames)[number];

export const WORLD_PASSWORD = 'matrix world passphrase';

export interface World {
  clients: Record<RouteActorName, ApiClient>;
  ids: {
    consultationA: string;
    invitationA: string;
    guestParticipantA: string;
    memberA: string;
    invitedA: string;
    deactivatedA: string;
    contactA: string;
    /** Representative A ringing member A (when asked for). */
    callA: string;
    /** An open contact-form ticket. */
    ticket: string;
    /** An individual customer who restricted their account (Art. 18); only operator staff lift it. */
    restricted: string;
    /** Member A's appointment type, a booked appointment (by phone) and an absence (issue 10). */
    typeA: string;
    appointmentA: string;
    absenceA: string;
    /** Member A's passkey (issue 12). */
    passkeyA: string;
  };
  /** Guest A's socket, waiting in consultation A's waiting room (when asked for). */
  waitingSocket: TestSocket | undefined;
  /** Member A's presence socket (when asked for): member A is online and can be called. */
  presenceSocket: PresenceSocket | undefined;
  /** Member A confirms with their passkey, as before a sensitive action (the fresh check). */
  confirmPasskeyA(): Promise<void>;
  /** Closes the world's sockets. */
  close(): void;
}

let counter = 0;
const unique = (label: string) => `${label}.${++counter}.${Date.now()}@example.org`.toLowerCase();
const tokenOf = (link: string) => new URL(link).hash.slice(1);
/**
 * Every anonymous step from its own loopback address: a world makes many registrations and link
 * redemptions, and the per-client limits are not what the matrix is about.
 */
const anonymous = (testApp: TestApp) => new ApiClient(testApp, {}, `127.1.${Math.floor(++counter / 250) % 250}.${(counter % 250) + 1}`).init();

/** An active organisation: its representative logged in, and a way to invite (and let accept) members and staff. */
export async function organization(testApp: TestApp, mailer: MemoryMailer, label: string) {
  const email = unique(`org-${label}`);
  const registering = await anonymous(testApp);
  const registered = await registering.post('/api/organizations', {
    representative: { firstName: 'Rep', lastName: label, dateOfBirth: '1970-01-01', password: WORLD_PASSWORD },
    organization: { name: `Praxis ${label}`, email, street: 'Weg', houseNumber: '1', postalCode: '50667', city: 'Köln', country: 'DE', phone: '0221 1234567' },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  if (registered.statusCode !== 202) throw new Error(`organisation: ${registered.body}`);
  await registering.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(email)), password: WORLD_PASSWORD });
  const representative = await loggedIn(testApp, email);

  const invite = async (role: 'member' | 'staff', accept = true) => {
    const memberEmail = unique(`${role}-${label}`);
    const invited = await representative.post('/api/organization/members', { email: memberEmail, role });
    if (invited.statusCode !== 201) throw new Error(`invite: ${invited.body}`);
    const id = invited.json<{ id: string }>().id;
    if (!accept) return { id, client: await anonymous(testApp) };
    await (
      await anonymous(testApp)
    ).post('/api/organization/members/accept', {
      token: tokenOf(mailer.linkTo(memberEmail)),
      firstName: role === 'staff' ? 'Staff' : 'Member',
      lastName: label,
      password: WORLD_PASSWORD,
      acceptTerms: true,
      acceptPrivacyPolicy: true,
    });
    return { id, client: await loggedIn(testApp, memberEmail) };
  };
  return { representative, invite };
}

async function loggedIn(testApp: TestApp, email: string): Promise<ApiClient> {
  const client = await anonymous(testApp);
  const response = await client.post('/api/session', { email, password: WORLD_PASSWORD });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.body}`);
  return client;
}

/** Operator staff, created the way the CLI creates them, logged in to the operator area with their second factor. */
async function loggedInOperator(testApp: TestApp): Promise<ApiClient> {
  const email = unique('operator');
  await testApp.app.operators.create({ email, name: 'Olga Operator', password: WORLD_PASSWORD });
  const client = await anonymous(testApp);
  await signInOperator(testApp, client, email, WORLD_PASSWORD);
  return client;
}

async function consultationWithGuest(testApp: TestApp, mailer: MemoryMailer, host: ApiClient, label: string) {
  const guestEmail = unique(`guest-${label}`);
  const created = await host.post('/api/consultations', { guests: [{ name: `Guest ${label}`, email: guestEmail }] });
  if (created.statusCode !== 201) throw new Error(`consultation: ${created.body}`);
  const consultation = created.json<{ id: string; invitations: { id: string }[] }>();
  const guest = await readyGuest(testApp, tokenOf(mailer.linkTo(guestEmail)), `Guest ${label}`, `127.2.${++counter % 250}.1`);
  return { consultation, guest };
}

/**
 * Two organisations (representative, member, staff each; A also has an invited and a deactivated
 * member), an individual customer, a consultation per organisation with a guest, and a contact.
 */
export async function buildWorld(
  testApp: TestApp,
  mailer: MemoryMailer,
  options: { port?: number; guestWaiting?: boolean; memberOnline?: boolean; ringing?: boolean } = {},
): Promise<World> {
  const orgA = await organization(testApp, mailer, 'A');
  const orgB = await organization(testApp, mailer, 'B');
  const memberA = await orgA.invite('member');
  const staffA = await orgA.invite('staff');
  const invitedA = await orgA.invite('member', false);
  const deactivatedA = await orgA.invite('member');
  await orgA.representative.post(`/api/organization/members/${deactivatedA.id}/deactivate`);
  const memberB = await orgB.invite('member');
  const staffB = await orgB.invite('staff');
  const individualBody = registrationBody({ password: WORLD_PASSWORD, email: unique('individual') });
  const registeringIndividual = await anonymous(testApp);
  await registeringIndividual.post('/api/accounts', individualBody);
  await registeringIndividual.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(individualBody.email)), password: WORLD_PASSWORD });
  const individual = await loggedIn(testApp, individualBody.email);
  const restrictingBody = registrationBody({ password: WORLD_PASSWORD, email: unique('restricted') });
  const restricting = await anonymous(testApp);
  await restricting.post('/api/accounts', restrictingBody);
  await restricting.post('/api/accounts/confirm-email', { token: tokenOf(mailer.linkTo(restrictingBody.email)), password: WORLD_PASSWORD });
  const restrictedClient = await loggedIn(testApp, restrictingBody.email);
  const restrictedId = (await restrictedClient.get('/api/profile')).json<{ id: string }>().id;
  const restricted = await restrictedClient.post('/api/privacy/restrict', { currentPassword: WORLD_PASSWORD });
  if (restricted.statusCode >= 300) throw new Error(`restrict: ${restricted.body}`);

  const a = await consultationWithGuest(testApp, mailer, memberA.client, 'A');
  const b = await consultationWithGuest(testApp, mailer, memberB.client, 'B');
  const contact = await memberA.client.post('/api/contacts', { name: 'Kontakt A', email: unique('contact') });
  const appointmentsA = await appointmentsOf(memberA.client, memberA.id);
  const { options: passkeyOptions } = (await memberA.client.post('/api/profile/passkeys/options')).json<{ options: Record<string, unknown> }>();
  const passkeyA = new SoftAuthenticator({ origin: testApp.config.publicUrl.origin });
  const passkey = await memberA.client.post('/api/profile/passkeys', { name: 'Laptop A', response: passkeyA.register(passkeyOptions) });
  const ticketEmail = unique('visitor');
  const sent = await sendContactRequest(await anonymous(testApp), { email: ticketEmail });
  if (sent.statusCode !== 202) throw new Error(`contact form: ${sent.body}`);
  const operator = await loggedInOperator(testApp);
  const tickets = await operator.get('/api/operator/tickets?limit=100');
  const ticket = tickets.json<{ tickets: { id: string; email: string }[] }>().tickets.find((entry) => entry.email === ticketEmail);
  if (!ticket) throw new Error(`ticket not listed: ${tickets.body}`);

  let waitingSocket: TestSocket | undefined;
  if (options.guestWaiting && options.port) {
    waitingSocket = await connect(options.port, a.guest.client, 'http://localhost:3000');
    await waitingSocket.hello();
  }
  let presenceSocket: PresenceSocket | undefined;
  let callA = '00000000-0000-4000-8000-000000000000';
  if ((options.memberOnline || options.ringing) && options.port) {
    presenceSocket = await connectPresence(options.port, memberA.client);
    if (options.ringing) {
      const call = await orgA.representative.post('/api/colleague-calls', { colleagueId: memberA.id });
      if (call.statusCode !== 201) throw new Error(`colleague call: ${call.body}`);
      callA = call.json<{ callId: string }>().callId;
    }
  }
  return {
    clients: {
      anonymous: await anonymous(testApp),
      guestA: a.guest.client,
      guestB: b.guest.client,
      individual,
      memberA: memberA.client,
      staffA: staffA.client,
      representativeA: orgA.representative,
      memberB: memberB.client,
      staffB: staffB.client,
      representativeB: orgB.representative,
      deactivatedA: deactivatedA.client,
      operator,
    },
    ids: {
      consultationA: a.consultation.id,
      invitationA: a.consultation.invitations[0]!.id,
      guestParticipantA: a.guest.participantId,
      memberA: memberA.id,
      invitedA: invitedA.id,
      deactivatedA: deactivatedA.id,
      contactA: contact.json<{ id: string }>().id,
      passkeyA: passkey.json<{ id: string }>().id,
      callA,
      ticket: ticket.id,
      restricted: restrictedId,
      ...appointmentsA,
    },
    waitingSocket,
    presenceSocket,
    async confirmPasskeyA() {
      const { options } = (await memberA.client.post('/api/profile/passkeys/fresh-check/options')).json<{ options: Record<string, unknown> }>();
      const checked = await memberA.client.post('/api/profile/passkeys/fresh-check', { response: passkeyA.authenticate(options) });
      if (checked.statusCode !== 200) throw new Error(`passkey check: ${checked.body}`);
    },
    close() {
      waitingSocket?.close();
      presenceSocket?.close();
    },
  };
}

/** A slot start for a phone booking in the world: hours are all day, so any future half hour will do. */
export function worldSlot(daysAhead: number): string {
  const half = 30 * 60_000;
  return new Date(Math.ceil((Date.now() + daysAhead * 24 * 60 * 60_000) / half) * half).toISOString();
}

/** Member A takes appointments all day every day, has a type, one booked appointment and an absence. */
async function appointmentsOf(client: ApiClient, professionalId: string): Promise<{ typeA: string; appointmentA: string; absenceA: string }> {
  const ranges = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: 0, endMinute: 1440 }));
  const hours = await client.put(`/api/appointments/professionals/${professionalId}/hours`, { ranges, minimumNoticeMinutes: 0 });
  if (hours.statusCode !== 200) throw new Error(`hours: ${hours.body}`);
  const type = await client.post('/api/appointment-types', { name: 'Sprechstunde', durationMinutes: 30 });
  if (type.statusCode !== 201) throw new Error(`type: ${type.body}`);
  const typeA = type.json<{ id: string }>().id;
  const booked = await client.post('/api/appointments', {
    professionalId,
    typeId: typeA,
    startsAt: worldSlot(1),
    name: 'Patientin A',
    email: unique('patient'),
  });
  if (booked.statusCode !== 201) throw new Error(`appointment: ${booked.body}`);
  const absence = await client.post(`/api/appointments/professionals/${professionalId}/absences`, { startsAt: worldSlot(20), endsAt: worldSlot(21) });
  if (absence.statusCode !== 201) throw new Error(`absence: ${absence.body}`);
  return { typeA, appointmentA: booked.json<{ id: string }>().id, absenceA: absence.json<{ id: string }>().id };
}
