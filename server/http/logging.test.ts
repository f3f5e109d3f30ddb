import { PassThrough } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { registerErrorHandling } from './errors';
import { loggerOptions } from './logging';

describe('log lines of failures', () => {
  it('drop the whole message of a database error: no query, no parameters, not on a later line of the stack', async () => {
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const app = Fastify({ logger: loggerOptions('info', stream) });
    registerErrorHandling(app);
    const idHash = 'c2Vzc2lvbi1pZC1oYXNoLW9mLWEtdmljdGltLXNlc3Npb24';
    app.get('/fails', async () => {
      // What drizzle throws when PostgreSQL refuses the connection during a session look-up.
      throw new DrizzleQueryError('select "account_id" from "sessions" where "id_hash" = $1', [idHash], new Error('connect ECONNREFUSED 127.0.0.1:5432'));
    });
    const response = await app.inject({ method: 'GET', url: '/fails' });
    expect(response.statusCode).toBe(500);
    await app.close();
    const logged = lines.join('');
    expect(logged).toContain('request failed');
    expect(logged).toContain('message withheld');
    expect(logged).not.toContain(idHash);
    expect(logged).not.toContain('Failed query');
    expect(logged).not.toContain('sessions');
    expect(logged).not.toContain('ECONNREFUSED');
    // The call frames stay, for whoever must find the failing code.
    expect(logged).toMatch(/at .*logging\.test\.ts/);
  });
});
