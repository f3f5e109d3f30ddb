import type { MailMessage } from './mailer';
import type { SmsMessage } from './sms';
import { inertName } from './inert-name';

/**
 * Invitation texts name who invites, the window and the link — nothing about why (no health
 * information) and nothing internal to the practice.
 */

export type Locale = 'de' | 'en';

/** The practices we serve are in Germany; times in messages are shown in their time zone. */
const MESSAGE_TIME_ZONE = 'Europe/Berlin';

function formatWindow(locale: Locale, from: Date, until: Date): string {
  const dateTime = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: MESSAGE_TIME_ZONE,
  });
  const time = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { timeStyle: 'short', timeZone: MESSAGE_TIME_ZONE });
  const sameDay = dateTime.format(from).split(',')[0] === dateTime.format(until).split(',')[0];
  const end = sameDay ? time.format(until) : dateTime.format(until);
  return locale === 'de' ? `${dateTime.format(from)} bis ${end} Uhr` : `${dateTime.format(from)} to ${end}`;
}

export interface InvitationFacts {
  locale: Locale;
  hostName: string;
  guestName: string;
  validFrom: Date;
  validUntil: Date;
  link: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** Names in these messages were typed by people: inert, and never in a subject. */
function inertFacts(facts: InvitationFacts): InvitationFacts {
  return { ...facts, hostName: inertName(facts.hostName), guestName: inertName(facts.guestName) };
}

export function invitationMail(to: string, given: InvitationFacts): MailMessage {
  const facts = inertFacts(given);
  const window = formatWindow(facts.locale, facts.validFrom, facts.validUntil);
  const paragraphs =
    facts.locale === 'de'
      ? {
          subject: 'Einladung zu einem Videotermin',
          lines: [
            `Guten Tag ${facts.guestName},`,
            `${facts.hostName} lädt Sie zu einem Videotermin ein. Der Link ist gültig am ${window}.`,
            'Öffnen Sie ihn im Browser Ihres Smartphones oder Computers; Sie brauchen kein Konto und keine App. Bitte halten Sie Kamera und Mikrofon bereit.',
          ],
          label: 'Zum Videotermin',
        }
      : {
          subject: 'Invitation to a video appointment',
          lines: [
            `Hello ${facts.guestName},`,
            `${facts.hostName} invites you to a video appointment. The link is valid on ${window}.`,
            'Open it in the browser of your phone or computer; you need no account and no app. Please have your camera and microphone ready.',
          ],
          label: 'Join the video appointment',
        };
  const [greeting, invitation, advice] = paragraphs.lines;
  return {
    to,
    subject: paragraphs.subject,
    text: `${greeting}\n\n${invitation}\n\n${facts.link}\n\n${advice}\n\n— Sprechzimmer\n`,
    html:
      `<!doctype html><html><body><p>${escapeHtml(greeting!)}</p><p>${escapeHtml(invitation!)}</p>` +
      `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(paragraphs.label)}</a></p>` +
      `<p>${escapeHtml(advice!)}</p><p>— Sprechzimmer</p></body></html>`,
  };
}

export function invitationSms(to: string, given: InvitationFacts): SmsMessage {
  const facts = inertFacts(given);
  const window = formatWindow(facts.locale, facts.validFrom, facts.validUntil);
  const text =
    facts.locale === 'de'
      ? `${facts.hostName} lädt Sie zu einem Videotermin ein (${window}): ${facts.link}`
      : `${facts.hostName} invites you to a video appointment (${window}): ${facts.link}`;
  return { to, text };
}

export function chatTranscriptMail(to: string, locale: Locale, recipientName: string, pdf: Buffer, sentAt: Date): MailMessage {
  recipientName = inertName(recipientName);
  const date = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: MESSAGE_TIME_ZONE,
  }).format(sentAt);
  const lines =
    locale === 'de'
      ? [`Guten Tag ${recipientName},`, `anbei der Chatverlauf Ihres Videotermins (${date}) als PDF. Er wurde nur weitergeleitet, nicht bei uns gespeichert.`]
      : [`Hello ${recipientName},`, `attached is the chat of your video appointment (${date}) as a PDF. It was only relayed, not stored by us.`];
  return {
    to,
    subject: locale === 'de' ? 'Chatverlauf Ihres Videotermins' : 'Chat of your video appointment',
    text: `${lines.join('\n\n')}\n\n— Sprechzimmer\n`,
    html: `<!doctype html><html><body>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>— Sprechzimmer</p></body></html>`,
    attachments: [{ filename: locale === 'de' ? 'chatverlauf.pdf' : 'chat.pdf', content: pdf, contentType: 'application/pdf' }],
  };
}

/**
 * The representative invited an address that already has an account. They get the same answer as
 * for a new address (no oracle of who is a customer); the owner of the address learns of it here.
 */
export function memberInvitationTakenMail(to: string, given: { locale: Locale; organizationName: string; inviterName: string }): MailMessage {
  const facts = { ...given, organizationName: inertName(given.organizationName), inviterName: inertName(given.inviterName) };
  const de = facts.locale === 'de';
  const lines = de
    ? [
        'Guten Tag,',
        `${facts.inviterName} wollte Sie einladen, ${facts.organizationName} bei Sprechzimmer beizutreten. Zu Ihrer E-Mail-Adresse gibt es bereits ein Sprechzimmer-Konto, und eine Adresse gehört zu genau einem Konto: Die Einladung wurde deshalb nicht angelegt.`,
        'Wenn Sie beitreten möchten, bitten Sie um eine Einladung an eine andere Adresse. Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.',
      ]
    : [
        'Hello,',
        `${facts.inviterName} wanted to invite you to join ${facts.organizationName} on Sprechzimmer. Your e-mail address already has a Sprechzimmer account, and an address belongs to exactly one account, so the invitation was not made.`,
        'If you want to join, ask for an invitation to another address. If you did not expect this, ignore this message.',
      ];
  return {
    to,
    subject: de ? 'Einladung zu einer Organisation bei Sprechzimmer' : 'Invitation to an organisation on Sprechzimmer',
    text: `${lines.join('\n\n')}\n\n— Sprechzimmer\n`,
    html: `<!doctype html><html><body>${lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}<p>— Sprechzimmer</p></body></html>`,
  };
}

export function memberInvitationMail(
  to: string,
  given: { locale: Locale; organizationName: string; inviterName: string; role: 'member' | 'staff'; link: string },
): MailMessage {
  const facts = { ...given, organizationName: inertName(given.organizationName), inviterName: inertName(given.inviterName) };
  const de = facts.locale === 'de';
  const role = de ? (facts.role === 'staff' ? 'Praxisteam (Organisation)' : 'Mitglied') : facts.role === 'staff' ? 'practice staff' : 'member';
  const lines = de
    ? [
        'Guten Tag,',
        `${facts.inviterName} lädt Sie ein, ${facts.organizationName} bei Sprechzimmer als ${role} beizutreten. Mit diesem Link legen Sie Ihren Namen und Ihr Passwort fest; er ist 7 Tage gültig und kann einmal verwendet werden.`,
        'Wenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese Nachricht.',
      ]
    : [
        'Hello,',
        `${facts.inviterName} invites you to join ${facts.organizationName} on Sprechzimmer as ${role}. With this link you choose your name and password; it is valid for 7 days and works once.`,
        'If you did not expect this invitation, ignore this message.',
      ];
  return {
    to,
    subject: de ? 'Einladung zu einer Organisation bei Sprechzimmer' : 'Invitation to an organisation on Sprechzimmer',
    text: `${lines[0]}\n\n${lines[1]}\n\n${facts.link}\n\n${lines[2]}\n\n— Sprechzimmer\n`,
    html:
      `<!doctype html><html><body><p>${escapeHtml(lines[0]!)}</p><p>${escapeHtml(lines[1]!)}</p>` +
      `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(de ? 'Einladung annehmen' : 'Accept the invitation')}</a></p>` +
      `<p>${escapeHtml(lines[2]!)}</p><p>— Sprechzimmer</p></body></html>`,
  };
}
