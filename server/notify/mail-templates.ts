import type { MailMessage } from './mailer';
import { inertName } from './inert-name';

export type Locale = 'de' | 'en';

interface Template {
  subject: string;
  /** Paragraphs; the link, when there is one, goes after the first, a second link after the second. */
  paragraphs: string[];
  linkLabel?: string;
  secondLinkLabel?: string;
}

type TemplateName =
  | 'confirmRegistration'
  | 'alreadyRegistered'
  | 'resetPassword'
  | 'passwordChanged'
  | 'confirmEmailChange'
  | 'emailChangeRequested'
  | 'emailChangeTaken'
  | 'secondFactorReset'
  | 'newSignIn';

/** What a template says besides the name (a sign-in's browser and time); plain text, escaped in HTML. */
export interface MailFacts {
  device?: string;
  time?: string;
}

const texts: Record<Locale, Record<TemplateName, (name: string, facts: MailFacts) => Template>> = {
  de: {
    confirmRegistration: (name) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      paragraphs: [
        `Guten Tag ${name},`,
        'bitte bestätigen Sie Ihre Registrierung bei Sprechzimmer mit diesem Link. Er ist 24 Stunden gültig und kann einmal verwendet werden.',
        'Wenn Sie sich nicht registriert haben, ignorieren Sie diese Nachricht; ohne Bestätigung wird nichts aktiviert.',
      ],
      linkLabel: 'E-Mail-Adresse bestätigen',
    }),
    alreadyRegistered: (name) => ({
      subject: 'Registrierungsversuch mit Ihrer E-Mail-Adresse',
      paragraphs: [
        `Guten Tag ${name},`,
        'jemand hat versucht, mit Ihrer E-Mail-Adresse ein neues Konto anzulegen. Sie haben bereits ein Konto. Falls Sie Ihr Passwort vergessen haben, können Sie es hier zurücksetzen.',
        'Falls Sie das nicht waren, müssen Sie nichts tun.',
      ],
      linkLabel: 'Passwort zurücksetzen',
    }),
    resetPassword: (name) => ({
      subject: 'Passwort zurücksetzen',
      paragraphs: [
        `Guten Tag ${name},`,
        'mit diesem Link vergeben Sie ein neues Passwort. Er ist eine Stunde gültig und kann einmal verwendet werden.',
        'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.',
      ],
      linkLabel: 'Neues Passwort vergeben',
    }),
    secondFactorReset: (name) => ({
      subject: 'Ihr zweiter Faktor wurde zurückgesetzt',
      paragraphs: [
        `Guten Tag ${name},`,
        'die Vertretung Ihrer Organisation hat den zweiten Faktor (Authenticator-App, Wiederherstellungscodes und Passkeys) Ihres Sprechzimmer-Kontos zurückgesetzt. Bei der nächsten Anmeldung richten Sie ihn neu ein.',
        'Wenn Sie darum nicht gebeten haben, wenden Sie sich an die Vertretung Ihrer Organisation.',
      ],
    }),
    newSignIn: (name, facts) => ({
      subject: 'Neue Anmeldung bei Ihrem Konto',
      paragraphs: [
        `Guten Tag ${name},`,
        `Ihr Sprechzimmer-Konto wurde soeben in einem Browser angemeldet, den wir noch nicht kannten: ${facts.device ?? 'unbekannter Browser'}, ${facts.time ?? ''} Uhr. Unter „Wo Sie angemeldet sind“ in Ihrem Profil sehen und beenden Sie Ihre Anmeldungen.`,
        'Wenn Sie das nicht waren, öffnen Sie diesen Link: Er beendet sofort alle Anmeldungen Ihres Kontos, sperrt Ihr bisheriges Passwort und schickt Ihnen einen Link, mit dem Sie ein neues setzen. Er ist 7 Tage gültig und kann einmal verwendet werden.',
        'Prüfen Sie danach auch Ihren zweiten Faktor.',
        'Waren Sie es? Dann wählen Sie bei der Anmeldung auf Ihrem eigenen Gerät „Diesen Browser merken“: So erkennt Sprechzimmer diesen Browser auch nach einem Neustart wieder und schreibt Ihnen nicht erneut.',
      ],
      linkLabel: 'Meine Anmeldungen ansehen',
      secondLinkLabel: 'Das war ich nicht',
    }),
    passwordChanged: (name) => ({
      subject: 'Ihr Passwort wurde geändert',
      paragraphs: [
        `Guten Tag ${name},`,
        'das Passwort Ihres Sprechzimmer-Kontos wurde soeben geändert; alle anderen Anmeldungen wurden beendet.',
        'Wenn Sie das nicht waren, setzen Sie Ihr Passwort sofort zurück und wenden Sie sich an uns.',
      ],
    }),
    confirmEmailChange: (name) => ({
      subject: 'Bitte bestätigen Sie Ihre neue E-Mail-Adresse',
      paragraphs: [
        `Guten Tag ${name},`,
        'bitte bestätigen Sie mit diesem Link, dass diese Adresse künftig für Ihr Sprechzimmer-Konto gilt. Er ist 24 Stunden gültig.',
        'Wenn Sie das nicht angefordert haben, ignorieren Sie diese Nachricht.',
      ],
      linkLabel: 'Neue Adresse bestätigen',
    }),
    emailChangeRequested: (name) => ({
      subject: 'Änderung Ihrer E-Mail-Adresse angefordert',
      paragraphs: [
        `Guten Tag ${name},`,
        'für Ihr Sprechzimmer-Konto wurde eine neue E-Mail-Adresse angegeben. Sie gilt erst, wenn sie über den Link an die neue Adresse bestätigt wird.',
        'Wenn Sie das nicht waren, ändern Sie bitte Ihr Passwort.',
      ],
    }),
    emailChangeTaken: (name) => ({
      subject: 'Diese E-Mail-Adresse ist bereits registriert',
      paragraphs: [
        `Guten Tag ${name},`,
        'jemand wollte diese Adresse für ein Sprechzimmer-Konto eintragen. Sie gehört bereits zu einem Konto und wurde deshalb nicht übernommen.',
      ],
    }),
  },
  en: {
    confirmRegistration: (name) => ({
      subject: 'Please confirm your e-mail address',
      paragraphs: [
        `Hello ${name},`,
        'please confirm your Sprechzimmer registration with this link. It is valid for 24 hours and works once.',
        'If you did not register, ignore this message; nothing is activated without confirmation.',
      ],
      linkLabel: 'Confirm e-mail address',
    }),
    alreadyRegistered: (name) => ({
      subject: 'Registration attempt with your e-mail address',
      paragraphs: [
        `Hello ${name},`,
        'someone tried to create a new account with your e-mail address. You already have an account. If you forgot your password, you can reset it here.',
        'If this was not you, there is nothing to do.',
      ],
      linkLabel: 'Reset password',
    }),
    resetPassword: (name) => ({
      subject: 'Reset your password',
      paragraphs: [
        `Hello ${name},`,
        'use this link to choose a new password. It is valid for one hour and works once.',
        'If you did not ask for this, ignore this message; your password stays as it is.',
      ],
      linkLabel: 'Choose a new password',
    }),
    secondFactorReset: (name) => ({
      subject: 'Your second factor was reset',
      paragraphs: [
        `Hello ${name},`,
        'the representative of your organisation reset the second factor (authenticator app, recovery codes and passkeys) of your Sprechzimmer account. You set it up again at your next sign-in.',
        'If you did not ask for this, please contact your organisation’s representative.',
      ],
    }),
    newSignIn: (name, facts) => ({
      subject: 'New sign-in to your account',
      paragraphs: [
        `Hello ${name},`,
        `your Sprechzimmer account was just signed in from a browser we had not seen before: ${facts.device ?? 'unknown browser'}, ${facts.time ?? ''} (German time). Under “Where you are signed in” in your profile you see and end your sign-ins.`,
        'If this was not you, open this link: it ends every sign-in of your account at once, locks your current password and sends you a link to set a new one. It works once, for 7 days.',
        'Then check your second factor too.',
        'Was it you? Then tick “Remember this browser” when you sign in on your own device: Sprechzimmer then knows this browser after a restart too and will not write again.',
      ],
      linkLabel: 'See my sign-ins',
      secondLinkLabel: 'This was not me',
    }),
    passwordChanged: (name) => ({
      subject: 'Your password was changed',
      paragraphs: [
        `Hello ${name},`,
        'the password of your Sprechzimmer account was just changed; all other sign-ins were ended.',
        'If this was not you, reset your password at once and contact us.',
      ],
    }),
    confirmEmailChange: (name) => ({
      subject: 'Please confirm your new e-mail address',
      paragraphs: [
        `Hello ${name},`,
        'please confirm with this link that this address shall be used for your Sprechzimmer account. It is valid for 24 hours.',
        'If you did not ask for this, ignore this message.',
      ],
      linkLabel: 'Confirm new address',
    }),
    emailChangeRequested: (name) => ({
      subject: 'Change of your e-mail address requested',
      paragraphs: [
        `Hello ${name},`,
        'a new e-mail address was entered for your Sprechzimmer account. It takes effect only once it is confirmed through the link sent to it.',
        'If this was not you, please change your password.',
      ],
    }),
    emailChangeTaken: (name) => ({
      subject: 'This e-mail address is already registered',
      paragraphs: [
        `Hello ${name},`,
        'someone wanted to use this address for a Sprechzimmer account. It already belongs to an account and was therefore not taken.',
      ],
    }),
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function renderMail(
  name: TemplateName,
  options: { to: string; locale: Locale; recipientName: string; link?: string; secondLink?: string; facts?: MailFacts },
): MailMessage {
  const template = texts[options.locale][name](inertName(options.recipientName), options.facts ?? {});
  const [greeting, ...rest] = template.paragraphs;
  const textParts = [greeting, ...(options.link ? [rest[0], options.link, ...rest.slice(1)] : rest)];
  // The second link follows the second paragraph (after the first link, when there is one).
  if (options.secondLink) textParts.splice(options.link ? 4 : 3, 0, options.secondLink);
  const anchor = (href: string, label: string | undefined) => `<p><a href="${escapeHtml(href)}">${escapeHtml(label ?? href)}</a></p>`;
  const htmlParagraphs = template.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`);
  if (options.link) htmlParagraphs.splice(2, 0, anchor(options.link, template.linkLabel));
  if (options.secondLink) htmlParagraphs.splice(options.link ? 4 : 3, 0, anchor(options.secondLink, template.secondLinkLabel));
  return {
    to: options.to,
    subject: template.subject,
    text: `${textParts.join('\n\n')}\n\n— Sprechzimmer\n`,
    html: `<!doctype html><html><body>${htmlParagraphs.join('')}<p>— Sprechzimmer</p></body></html>`,
  };
}
