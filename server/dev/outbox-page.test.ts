import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { OutboxMailer } from '../notify/mailer';
import { registerDevOutboxPage } from './outbox-page';

describe('/dev/outbox', () => {
  it('makes only the app’s own links clickable, never a URL that was part of the text (a typed name)', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 'sz-outbox-'));
    try {
      const outbox = new OutboxMailer(directory, () => undefined);
      // What a name bypassing the mail templates would look like in the text.
      await outbox.send({
        to: 'guest@example.org',
        subject: 'Einladung zu einem Videotermin',
        text: 'Guten Tag Login unter https://evil.example/login,\n\nhttp://localhost:3000/join#token\n',
        html: '<p>x</p>',
      });
      const app = Fastify();
      registerDevOutboxPage(app, outbox, 'http://localhost:3000');
      const page = (await app.inject({ method: 'GET', url: '/dev/outbox' })).body;
      expect(page).toContain('<a href="http://localhost:3000/join#token">');
      expect(page).not.toMatch(/<a href="https:\/\/evil/);
      await app.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
