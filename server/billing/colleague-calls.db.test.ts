import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Colleague } from '../../common/presence';
import { MemoryMailer, startTestApp, type ApiClient, type TestApp } from '../test-support/app';
import { connectPresence, type PresenceSocket } from '../test-support/presence';
import { FakeStripe } from '../test-support/stripe';
import { organization } from '../test-support/world';
import { deliver, subscribe } from './test-helpers';

/**
 * A colleague call starts a consultation (P-07), so it is plan-checked like one (issue 11): an
 * organisation without a paid plan cannot ring anyone, and a call already answered is never cut off
 * when the plan ends.
 */
describe('billing: colleague calls', () => {
  const stripe = new FakeStripe();
  const mailer = new MemoryMailer();
  const sockets: PresenceSocket[] = [];
  let testApp: TestApp;
  let port = 0;

  const online = async (client: ApiClient) => {
    const socket = await connectPresence(port, client);
    sockets.push(socket);
    return socket;
  };
  const colleagueId = async (client: ApiClient, name: string) => {
    const { colleagues } = (await client.get('/api/colleagues')).json<{ colleagues: Colleague[] }>();
    const found = colleagues.find((colleague) => colleague.displayName === name);
    if (!found) throw new Error(`${name} not among ${JSON.stringify(colleagues.map((colleague) => colleague.displayName))}`);
    return found.id;
  };

  beforeAll(async () => {
    await stripe.start();
    // No free trial: a new organisation must subscribe before it may start anything.
    testApp = await startTestApp({ mailer, env: { ...stripe.env(), BILLING_TRIAL_DAYS: '0' } });
    await testApp.app.http.listen({ host: '127.0.0.1', port: 0 });
    port = (testApp.app.http.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await testApp.close();
    await stripe.stop();
  });

  it('refuses to ring without a paid plan, rings once subscribed, and never ends an answered call when the plan ends', async () => {
    const label = `calls${Date.now()}`;
    const org = await organization(testApp, mailer, label);
    const member = await org.invite('member');
    const memberSocket = await online(member.client);
    await online(org.representative);
    const memberId = await colleagueId(org.representative, `Member ${label}`);
    const representativeId = await colleagueId(member.client, `Rep ${label}`);

    // The colleague is online and free: only the plan stands in the way, and nothing rings.
    const unpaid = await org.representative.post('/api/colleague-calls', { colleagueId: memberId });
    expect(unpaid.statusCode).toBe(402);
    expect(unpaid.json().error).toMatchObject({ code: 'subscription_required', details: { state: 'expired' } });
    expect(memberSocket.received.filter((message) => message.type === 'incoming-call')).toEqual([]);

    const { subscriptionId } = await subscribe(testApp, stripe, org.representative);
    const call = await org.representative.post('/api/colleague-calls', { colleagueId: memberId });
    expect(call.statusCode).toBe(201);
    const { callId, consultationId } = call.json<{ callId: string; consultationId: string }>();
    await memberSocket.next('incoming-call', (message) => message.callId === callId);
    expect((await member.client.post(`/api/colleague-calls/${callId}/accept`)).statusCode).toBe(200);

    expect((await deliver(testApp, stripe, stripe.setStatus(subscriptionId, 'canceled'))).statusCode).toBe(200);
    expect((await org.representative.get('/api/billing')).json()).toMatchObject({ state: 'canceled', entitled: false });
    // The answered call runs on for both; a new one, from either side, is refused.
    expect((await org.representative.get(`/api/consultations/${consultationId}`)).json()).toMatchObject({ status: 'open' });
    expect((await member.client.get(`/api/consultations/${consultationId}/ice`)).statusCode).toBe(200);
    const fromMember = await member.client.post('/api/colleague-calls', { colleagueId: representativeId });
    expect(fromMember.statusCode).toBe(402);
    expect(fromMember.json().error.code).toBe('subscription_required');
  });
});
