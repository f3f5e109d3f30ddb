import { randomBytes } from 'node:crypto';
import { TestSocket } from './signaling';
import { activeCustomer, ApiClient, type MemoryMailer, type TestApp } from './app';

/** A host with a consultation, and a way to bring guests to its door. */
export async function hostWithConsultation(testApp: TestApp, mailer: MemoryMailer, guestNames: string[], body: Record<string, unknown> = {}) {
  const host = await activeCustomer(testApp, mailer);
  // Unique even for consultations made in the same millisecond: tokenFor finds a guest's link by address.
  const batch = randomBytes(4).toString('hex');
  const guests = guestNames.map((name, index) => ({ name, email: `guest.${index}.${batch}@example.org` }));
  const response = await host.client.post('/api/consultations', { guests, ...body });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
  const consultation = response.json<{ id: string; invitations: { id: string; guestName: string; email: string }[] }>();
  const tokenFor = (email: string) => new URL(mailer.linkTo(email)).hash.slice(1);
  return { host, consultation, guests, tokenFor };
}

/** A guest who opened the link, entered the name and consented: ready for the waiting room. */
export async function readyGuest(testApp: TestApp, token: string, displayName: string, remoteAddress?: string) {
  const client = await new ApiClient(testApp, {}, remoteAddress).init();
  const joined = await client.post('/api/join', { token });
  if (joined.statusCode !== 200) throw new Error(`join failed: ${joined.statusCode} ${joined.body}`);
  const details = await client.put('/api/join/details', { displayName, consent: true });
  if (details.statusCode !== 200) throw new Error(`details failed: ${details.body}`);
  return { client, participantId: joined.json<{ participantId: string }>().participantId };
}

export function signalingUrl(port: number, consultationId?: string): string {
  return `ws://127.0.0.1:${port}/api/signaling${consultationId ? `?consultation=${consultationId}` : ''}`;
}

export async function connect(port: number, client: ApiClient, origin: string, consultationId?: string): Promise<TestSocket> {
  const socket = new TestSocket(signalingUrl(port, consultationId), { cookie: client.cookieHeader(), origin });
  await socket.opened();
  return socket;
}
