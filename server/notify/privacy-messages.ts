import type { MailMessage } from './mailer';
import { inertName } from './inert-name';

export type Locale = 'de' | 'en';

/**
 * Notices about erasure (Art. 17, Art. 19). They are sent after the deletion: the address is held
 * in memory for this one message and stored nowhere.
 */

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function message(to: string, subject: string, paragraphs: string[]): MailMessage {
  return {
    to,
    subject,
    text: `${paragraphs.join('\n\n')}\n\n— Sprechzimmer\n`,
    html: `<!doctype html><html><body>${paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('')}<p>— Sprechzimmer</p></body></html>`,
  };
}

/** To the person who deleted their own account. */
export function accountDeletedMail(to: string, locale: Locale, typedName: string): MailMessage {
  const name = inertName(typedName);
  return locale === 'de'
    ? message(to, 'Ihr Sprechzimmer-Konto wurde gelöscht', [
        `Guten Tag ${name},`,
        'wie von Ihnen veranlasst, haben wir Ihr Konto und alle dazu gespeicherten Daten gelöscht: Profil, Einwilligungen, Anmeldungen, Sprechstunden mit ihren Einladungen und Ihre Kontakte.',
        'Sie müssen nichts weiter tun. Wenn Sie das nicht selbst veranlasst haben, wenden Sie sich bitte sofort an uns.',
      ])
    : message(to, 'Your Sprechzimmer account was deleted', [
        `Hello ${name},`,
        'as you requested, we deleted your account and all data stored with it: profile, consents, sign-ins, consultations with their invitations, and your contacts.',
        'There is nothing else to do. If you did not request this, please contact us at once.',
      ]);
}

/** To every member and staff person of an organisation its representative deleted. */
export function organizationDeletedMail(to: string, locale: Locale, typedName: string, typedOrganizationName: string): MailMessage {
  const name = inertName(typedName);
  const organizationName = inertName(typedOrganizationName);
  return locale === 'de'
    ? message(to, 'Ihre Organisation wurde bei Sprechzimmer gelöscht', [
        `Guten Tag ${name},`,
        `die Vertretung von ${organizationName} hat die Organisation bei Sprechzimmer gelöscht. Damit wurden auch Ihr Zugang und alle dazu gespeicherten Daten gelöscht: Profil, Einwilligungen, Anmeldungen, Ihre Sprechstunden mit ihren Einladungen und Ihre Kontakte. Offene Sprechstunden wurden beendet.`,
        'Bei Fragen wenden Sie sich bitte an Ihre Praxis.',
      ])
    : message(to, 'Your organisation was deleted from Sprechzimmer', [
        `Hello ${name},`,
        `the representative of ${organizationName} deleted the organisation from Sprechzimmer. With it, your access and all data stored with it were deleted: profile, consents, sign-ins, your consultations with their invitations, and your contacts. Open consultations were ended.`,
        'If you have questions, please ask your practice.',
      ]);
}
