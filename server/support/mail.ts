import type { Locale } from '../notify/mail-templates';
import type { MailMessage } from '../notify/mailer';
import { inertName } from '../notify/inert-name';

const texts = {
  de: { greeting: (name: string) => `Guten Tag ${inertName(name)},`, quote: 'Ihre Nachricht:', prefix: 'AW' },
  en: { greeting: (name: string) => `Hello ${inertName(name)},`, quote: 'Your message:', prefix: 'Re' },
} satisfies Record<Locale, unknown>;

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const paragraphsHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');

/** The operator's answer to a contact request, in the language the request was written in, quoting it. */
export function renderTicketReply(options: {
  to: string;
  locale: Locale;
  requesterName: string;
  subject: string;
  originalMessage: string;
  answer: string;
  signature: string;
}): MailMessage {
  const words = texts[options.locale];
  const quoted = options.originalMessage
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  return {
    to: options.to,
    subject: `${words.prefix}: ${options.subject}`,
    text: `${words.greeting(options.requesterName)}\n\n${options.answer}\n\n— ${options.signature}\n\n${words.quote}\n${quoted}\n`,
    html:
      `<!doctype html><html><body><p>${escapeHtml(words.greeting(options.requesterName))}</p>${paragraphsHtml(options.answer)}` +
      `<p>— ${escapeHtml(options.signature)}</p><p>${escapeHtml(words.quote)}</p>` +
      `<blockquote>${paragraphsHtml(options.originalMessage)}</blockquote></body></html>`,
  };
}
