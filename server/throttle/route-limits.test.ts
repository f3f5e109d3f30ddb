import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { registerErrorHandling } from '../http/errors';
import type { MailMessage } from '../notify/mailer';
import { MemoryAttemptCounter } from './limiter';
import { limits } from './policy';
import { limitGuardedMailer, limitPer, registerRouteLimits } from './route-limits';
import { Throttle } from './throttle';

const message: MailMessage = { to: 'someone@example.org', subject: 's', text: 't', html: '<p>t</p>' };

async function appWithRoutes() {
  const sent: MailMessage[] = [];
  const mailer = limitGuardedMailer({ send: async (mail) => void sent.push(mail), close: async () => undefined });
  const app = Fastify();
  registerErrorHandling(app);
  registerRouteLimits(app, new Throttle(new MemoryAttemptCounter(new ManualClock(new Date())), Buffer.alloc(32, 1)), true);
  app.post('/limited', { config: { limits: [limitPer('mailRequestsPerAddress', 'body.email')] } }, async (request) => {
    await mailer.send({ ...message, to: (request.body as { email: string }).email });
    return { ok: true };
  });
  app.post('/unlimited', { config: { limits: { none: 'says it sends nothing' } } }, async () => {
    await mailer.send(message);
    return { ok: true };
  });
  app.post('/undeclared', async () => {
    await mailer.send(message);
    return { ok: true };
  });
  await app.ready();
  return { app, mailer, sent };
}

describe('declared route limits', () => {
  it('counts the declared subject of the validated request and answers 429 with Retry-After over the limit', async () => {
    const { app, sent } = await appWithRoutes();
    const { max } = limits.mailRequestsPerAddress;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < max + 3; attempt += 1) {
      // Case and blanks do not make a new subject.
      const email = attempt % 2 ? 'Victim@Example.org ' : 'victim@example.org';
      statuses.push((await app.inject({ method: 'POST', url: '/limited', payload: { email } })).statusCode);
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(max);
    expect(sent).toHaveLength(max);
    const refused = await app.inject({ method: 'POST', url: '/limited', payload: { email: 'victim@example.org' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await app.inject({ method: 'POST', url: '/limited', payload: { email: 'other@example.org' } })).statusCode).toBe(200);
    await app.close();
  });

  it('refuses to send a message from a route that declared no limit, and sends outside requests', async () => {
    const { app, mailer, sent } = await appWithRoutes();
    for (const url of ['/unlimited', '/undeclared']) {
      const response = await app.inject({ method: 'POST', url, payload: {} });
      expect(response.statusCode, url).toBe(500);
    }
    expect(sent).toEqual([]);
    await mailer.send(message);
    expect(sent).toHaveLength(1);
    await app.close();
  });
});
