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
export function accountDeletedMail(to: string, locale: Locale, typedName: string, options: { billing?: boolean } = {}): MailMessage {
  const name = inertName(typedName);
  // Art. 17(3)(b), § 147 AO, § 14b UStG: where billing is configured, invoice references are kept restricted (issue 11).
  return locale === 'de'
    ? message(to, 'Ihr Sprechzimmer-Konto wurde gelöscht', [
        `Guten Tag ${name},`,
        'wie von Ihnen veranlasst, haben wir Ihr Konto und alle dazu gespeicherten Daten gelöscht: Profil, Einwilligungen, Anmeldungen, Sprechstunden mit ihren Einladungen und Ihre Kontakte.',
        ...(options.billing
          ? [
              'Ein laufendes Abonnement haben wir beendet und Ihr Kundenkonto beim Zahlungsdienst gelöscht. Rechnungsangaben (Nummer, Datum, Betrag, Währung) müssen wir 8 Jahre nach Ende des Kalenderjahres der Rechnung aufbewahren (§ 147 AO, § 14b UStG): Sie sind gesperrt, werden für nichts anderes verwendet und danach gelöscht.',
            ]
          : []),
        'Sie müssen nichts weiter tun. Wenn Sie das nicht selbst veranlasst haben, wenden Sie sich bitte sofort an uns.',
      ])
    : message(to, 'Your Sprechzimmer account was deleted', [
        `Hello ${name},`,
        'as you requested, we deleted your account and all data stored with it: profile, consents, sign-ins, consultations with their invitations, and your contacts.',
        ...(options.billing
          ? [
              'We ended any running subscription and deleted your customer account at the payment provider. Invoice references (number, date, amount, currency) must be kept for 8 years after the end of the calendar year of the invoice (§ 147 AO, § 14b UStG): they are restricted, used for nothing else, and deleted afterwards.',
            ]
          : []),
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
