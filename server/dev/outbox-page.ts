import type { FastifyInstance } from 'fastify';
import type { OutboxMailer } from '../notify/mailer';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * Development only: lists the messages of the local outbox so that a local user can click a
 * confirmation link. Never registered in production (config DEV_OUTBOX_PAGE).
 */
export function registerDevOutboxPage(app: FastifyInstance, outbox: OutboxMailer, publicOrigin: string): void {
  // Only the app's own links become clickable: text in a message (a name a person typed) never does.
  const ownLink = (link: string) => link.startsWith(`${publicOrigin}/`);
  app.get('/dev/outbox', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const entries = await outbox.list();
    const items = entries
      .map(
        (entry) => `<article><h2>${escapeHtml(entry.subject)}</h2>
<p><small>${escapeHtml(entry.createdAt)} → ${escapeHtml(entry.to)}</small></p>
<pre>${escapeHtml(entry.text)}</pre>
${entry.links
  .filter(ownLink)
  .map((link) => `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`)
  .join('')}</article>`,
      )
      .join('<hr>');
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Outbox — Sprechzimmer (development)</title></head>` +
          `<body><h1>Local outbox</h1><p>Messages the app would have e-mailed. Newest first.</p>` +
          `${items || '<p>No messages yet.</p>'}</body></html>`,
      );
  });
}
