import type { APIRequestContext, APIResponse } from 'playwright-core';
import type { SmtpCapture } from '../../server/test-support/smtp';

/**
 * Set-up through the server's HTTP API, to save the browser time where a test is not about the
 * page: with a browser context's `request` the cookies land in that context, so its pages are
 * logged in (host) or hold the guest cookie afterwards. Behaves like the web app: fetches the CSRF
 * token from /api/session and sends it with the Origin on every write.
 */
export class Api {
  private csrfToken = '';

  constructor(
    readonly request: APIRequestContext,
    readonly origin: string,
  ) {}

  private async csrf(): Promise<string> {
    if (!this.csrfToken) {
      const response = await this.request.get(`${this.origin}/api/session`);
      this.csrfToken = ((await response.json()) as { csrfToken: string }).csrfToken;
    }
    return this.csrfToken;
  }

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<APIResponse> {
    const headers: Record<string, string> = { origin: this.origin };
    if (method !== 'GET') headers['x-csrf-token'] = await this.csrf();
    const response = await this.request.fetch(`${this.origin}${path}`, {
      method,
      headers,
      ...(data === undefined ? {} : { data }),
      failOnStatusCode: false,
    });
    if (String(response.headers()['content-type'] ?? '').includes('json')) {
      const body = (await response.json().catch(() => undefined)) as { csrfToken?: unknown } | undefined;
      if (body && typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    }
    return response;
  }

  /** The JSON body of a call that must answer `status`; throws with the body otherwise. */
  async expect<T>(status: number, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const response = await this.call(method, path, data);
    if (response.status() !== status) {
      throw new Error(`${method} ${path}: expected ${status}, got ${response.status()}: ${await response.text()}`);
    }
    return (await response.json()) as T;
  }

  /** Forgets the CSRF token (after a login the server issues a new one with the session). */
  resetCsrf(): void {
    this.csrfToken = '';
  }
}

export const HOST_PASSWORD = 'Ein langer Satz zum Merken 42';
let counter = 0;

export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}.${Date.now().toString(36)}${counter}@praxis-e2e.example.org`;
}

export interface HostAccount {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** As guests see it (invitations, join page). */
  displayName: string;
}

/** Registers, confirms by the mailed link and logs in through `api` (whose context then is logged in). */
export async function createHost(
  api: Api,
  smtp: SmtpCapture,
  names: { firstName: string; lastName: string } = { firstName: 'Hanna', lastName: 'Hausarzt' },
): Promise<HostAccount> {
  const email = uniqueEmail(names.firstName.toLowerCase());
  await api.expect(202, 'POST', '/api/accounts', {
    ...names,
    dateOfBirth: '1975-11-03',
    email,
    street: 'Domkloster',
    houseNumber: '4',
    postalCode: '50667',
    city: 'Köln',
    country: 'DE',
    phone: '0221 1234567',
    password: HOST_PASSWORD,
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  const mail = await smtp.take(email, /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
  const link = mail.links.find((candidate) => new URL(candidate).pathname === '/confirm-email');
  if (!link) throw new Error(`no confirmation link in:\n${mail.text}`);
  await api.expect(200, 'POST', '/api/accounts/confirm-email', { token: new URL(link).hash.slice(1), password: HOST_PASSWORD });
  await api.expect(200, 'POST', '/api/session', { email, password: HOST_PASSWORD });
  api.resetCsrf();
  return { email, password: HOST_PASSWORD, ...names, displayName: `${names.firstName} ${names.lastName}` };
}

interface InvitationView {
  id: string;
  guestName: string;
  email: string | null;
  phone: string | null;
  status: 'active' | 'revoked';
  participantStatus: 'invited' | 'waiting' | 'admitted' | 'declined' | 'removed' | null;
}

export interface ConsultationView {
  id: string;
  status: 'open' | 'ended';
  validFrom: string;
  validUntil: string;
  invitations: InvitationView[];
}

export interface GuestInput {
  name: string;
  email?: string;
  phone?: string;
}

export function createConsultation(api: Api, guests: GuestInput[], options: { startsAt?: string; windowMinutes?: number } = {}): Promise<ConsultationView> {
  return api.expect<ConsultationView>(201, 'POST', '/api/consultations', { guests, ...options });
}

// Subjects name no person (a typed name never reaches a subject: issue 16).
export const INVITATION_SUBJECT = /^(Einladung zu einem Videotermin|Invitation to a video appointment)$/;

/** The personal link from the invitation mail delivered to `email` (taken out of the capture). */
export async function invitationLink(smtp: SmtpCapture, email: string, origin: string): Promise<string> {
  const mail = await smtp.take(email, INVITATION_SUBJECT);
  const link = mail.links.find((candidate) => candidate.startsWith(`${origin}/join#`));
  if (!link) throw new Error(`no invitation link in:\n${mail.text}`);
  return link;
}

/** The token of an invitation link (it travels in the fragment, never to the server in a URL). */
export function linkToken(link: string): string {
  return new URL(link).hash.slice(1);
}

export interface JoinView {
  consultationId: string;
  participantId: string;
  hostName: string;
  suggestedName: string;
  status: string;
}

/** A guest who exchanged the token for the cookie and gave name and consent (API only). */
export async function readyGuest(api: Api, link: string, displayName: string): Promise<JoinView> {
  await api.expect(200, 'POST', '/api/join', { token: linkToken(link) });
  return api.expect<JoinView>(200, 'PUT', '/api/join/details', { displayName, consent: true });
}

/** Registers an organisation, confirms its e-mail by the mailed link and logs its representative in through `api`. */
export async function createOrganization(
  api: Api,
  smtp: SmtpCapture,
  names: { firstName: string; lastName: string; organization: string },
): Promise<HostAccount> {
  const email = uniqueEmail('praxis');
  await api.expect(202, 'POST', '/api/organizations', {
    representative: { firstName: names.firstName, lastName: names.lastName, dateOfBirth: '1968-04-12', password: HOST_PASSWORD },
    organization: {
      name: names.organization,
      email,
      street: 'Domkloster',
      houseNumber: '4',
      postalCode: '50667',
      city: 'Köln',
      country: 'DE',
      phone: '0221 1234567',
    },
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  const mail = await smtp.take(email, /Bitte bestätigen Sie Ihre E-Mail-Adresse/);
  const link = mail.links.find((candidate) => new URL(candidate).pathname === '/confirm-email');
  if (!link) throw new Error(`no confirmation link in:\n${mail.text}`);
  await api.expect(200, 'POST', '/api/accounts/confirm-email', { token: new URL(link).hash.slice(1), password: HOST_PASSWORD });
  await api.expect(200, 'POST', '/api/session', { email, password: HOST_PASSWORD });
  api.resetCsrf();
  return { email, password: HOST_PASSWORD, firstName: names.firstName, lastName: names.lastName, displayName: `${names.firstName} ${names.lastName}` };
}

/** Invites a colleague through the representative's `api` and accepts through `colleagueApi`, which is then logged in. */
export async function addColleague(
  representative: Api,
  colleagueApi: Api,
  smtp: SmtpCapture,
  role: 'member' | 'staff',
  names: { firstName: string; lastName: string },
): Promise<HostAccount & { id: string }> {
  const email = uniqueEmail(names.firstName.toLowerCase());
  const { id } = await representative.expect<{ id: string }>(201, 'POST', '/api/organization/members', { email, role });
  const mail = await smtp.take(email, /Einladung zu/);
  const link = mail.links.find((candidate) => new URL(candidate).pathname === '/accept-invitation');
  if (!link) throw new Error(`no invitation link in:\n${mail.text}`);
  await colleagueApi.expect(200, 'POST', '/api/organization/members/accept', {
    token: new URL(link).hash.slice(1),
    ...names,
    password: HOST_PASSWORD,
    acceptTerms: true,
    acceptPrivacyPolicy: true,
  });
  await colleagueApi.expect(200, 'POST', '/api/session', { email, password: HOST_PASSWORD });
  colleagueApi.resetCsrf();
  return { id, email, password: HOST_PASSWORD, ...names, displayName: `${names.firstName} ${names.lastName}` };
}
