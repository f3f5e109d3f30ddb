import type { MailAttachment, MailMessage } from './mailer';
import type { SmsMessage } from './sms';
import { inertName } from './inert-name';

/**
 * Appointment messages (issue 10), German or English by the patient's choice: who, when, the links —
 * the appointment type at most, never anything about why (no health information). Times are shown
 * in the practice's zone, with the zone named when the patient may be elsewhere.
 */

type Locale = 'de' | 'en';

export interface AppointmentFacts {
  locale: Locale;
  patientName: string;
  professionalName: string;
  typeName: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

function formatAppointmentTime(locale: Locale, startsAt: Date, endsAt: Date, timeZone: string): string {
  const tag = locale === 'de' ? 'de-DE' : 'en-GB';
  const day = new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeZone }).format(startsAt);
  const time = new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone });
  const zone = timeZone === 'Europe/Berlin' ? '' : ` (${timeZone})`;
  return locale === 'de'
    ? `${day}, ${time.format(startsAt)}–${time.format(endsAt)} Uhr${zone}`
    : `${day}, ${time.format(startsAt)}–${time.format(endsAt)}${zone}`;
}

interface Link {
  label: string;
  url: string;
}

function mail(to: string, subject: string, lines: string[], links: Link[], after: string[], attachments?: MailAttachment[]): MailMessage {
  const linkText = links.map((link) => `${link.label}:\n${link.url}`).join('\n\n');
  const text = [...lines, ...(linkText ? [linkText] : []), ...after, '— Sprechzimmer'].join('\n\n') + '\n';
  const html =
    '<!doctype html><html><body>' +
    lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    links.map((link) => `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`).join('') +
    after.map((line) => `<p>${escapeHtml(line)}</p>`).join('') +
    '<p>— Sprechzimmer</p></body></html>';
  return { to, subject, text, html, ...(attachments ? { attachments } : {}) };
}

/** Names typed by people are made inert and never put in a subject. */
function inert(facts: AppointmentFacts): AppointmentFacts {
  return { ...facts, patientName: inertName(facts.patientName), professionalName: inertName(facts.professionalName), typeName: inertName(facts.typeName) };
}

/** Double opt-in: the booking is held until this link is clicked. */
export function holdMail(to: string, given: AppointmentFacts & { confirmLink: string; holdMinutes: number }): MailMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  if (facts.locale === 'de') {
    return mail(
      to,
      'Bitte bestätigen Sie Ihren Termin',
      [
        `Guten Tag ${facts.patientName},`,
        `Sie haben bei ${facts.professionalName} einen Videotermin gebucht: ${facts.typeName}, ${when}.`,
        `Wir halten den Termin ${given.holdMinutes} Minuten für Sie frei. Er wird verbindlich, wenn Sie ihn bestätigen:`,
      ],
      [{ label: 'Termin bestätigen', url: given.confirmLink }],
      ['Wenn Sie diesen Termin nicht gebucht haben, ignorieren Sie diese Nachricht; er verfällt dann von selbst.'],
    );
  }
  return mail(
    to,
    'Please confirm your appointment',
    [
      `Hello ${facts.patientName},`,
      `You booked a video appointment with ${facts.professionalName}: ${facts.typeName}, ${when}.`,
      `We hold it for you for ${given.holdMinutes} minutes. It becomes firm once you confirm it:`,
    ],
    [{ label: 'Confirm the appointment', url: given.confirmLink }],
    ['If you did not book this appointment, ignore this message; it lapses by itself.'],
  );
}

export function holdSms(to: string, given: AppointmentFacts & { code: string; holdMinutes: number }): SmsMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const text =
    facts.locale === 'de'
      ? `Ihr Code ${given.code} bestätigt den Videotermin bei ${facts.professionalName} (${when}). Er gilt ${given.holdMinutes} Minuten.`
      : `Your code ${given.code} confirms the video appointment with ${facts.professionalName} (${when}). It is valid for ${given.holdMinutes} minutes.`;
  return { to, text };
}

export interface BookedFacts extends AppointmentFacts {
  joinLink: string;
  manageLink: string;
  changeableUntil: Date;
  calendar: Buffer;
}

function calendarAttachment(content: Buffer, method: 'REQUEST' | 'CANCEL'): MailAttachment {
  return { filename: 'termin.ics', content, contentType: `text/calendar; charset=utf-8; method=${method}` };
}

/** The appointment is firm: the link to the waiting room, the cancel link and the calendar entry. */
export function bookedMail(to: string, given: BookedFacts): MailMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const deadline = new Intl.DateTimeFormat(facts.locale === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: facts.timeZone,
  }).format(given.changeableUntil);
  const attachments = [calendarAttachment(given.calendar, 'REQUEST')];
  if (facts.locale === 'de') {
    return mail(
      to,
      'Ihr Videotermin ist bestätigt',
      [
        `Guten Tag ${facts.patientName},`,
        `Ihr Videotermin bei ${facts.professionalName} ist verbindlich: ${facts.typeName}, ${when}.`,
        'Der Link öffnet 10 Minuten vor Beginn das Wartezimmer. Sie brauchen kein Konto und keine App; bitte halten Sie Kamera und Mikrofon bereit.',
      ],
      [
        { label: 'Zum Videotermin', url: given.joinLink },
        { label: `Absagen (bis ${deadline} Uhr)`, url: given.manageLink },
      ],
      ['Im Anhang finden Sie den Termin für Ihren Kalender.'],
      attachments,
    );
  }
  return mail(
    to,
    'Your video appointment is confirmed',
    [
      `Hello ${facts.patientName},`,
      `Your video appointment with ${facts.professionalName} is firm: ${facts.typeName}, ${when}.`,
      'The link opens the waiting room 10 minutes before the start. You need no account and no app; please have your camera and microphone ready.',
    ],
    [
      { label: 'Join the video appointment', url: given.joinLink },
      { label: `Cancel (until ${deadline})`, url: given.manageLink },
    ],
    ['The appointment for your calendar is attached.'],
    attachments,
  );
}

export function bookedSms(to: string, given: BookedFacts): SmsMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const text =
    facts.locale === 'de'
      ? `Videotermin bei ${facts.professionalName} am ${when}: ${given.joinLink} – Absagen: ${given.manageLink}`
      : `Video appointment with ${facts.professionalName} on ${when}: ${given.joinLink} – Cancel: ${given.manageLink}`;
  return { to, text };
}

/** The practice's own words to the patient when it cancels (never stored, only sent). */
type CancelFacts = AppointmentFacts & { by: 'patient' | 'practice'; message?: string | undefined };

export function cancelledMail(to: string, given: CancelFacts & { calendar: Buffer }): MailMessage {
  const facts = inert(given);
  const note = given.message ? [given.message] : [];
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const attachments = [calendarAttachment(given.calendar, 'CANCEL')];
  if (facts.locale === 'de') {
    return mail(
      to,
      'Ihr Videotermin wurde abgesagt',
      [
        `Guten Tag ${facts.patientName},`,
        given.by === 'patient'
          ? `Sie haben Ihren Videotermin bei ${facts.professionalName} abgesagt: ${when}.`
          : `${facts.professionalName} musste Ihren Videotermin absagen: ${when}.`,
        'Der Link zum Videotermin gilt nicht mehr. Der Anhang entfernt den Termin aus Ihrem Kalender.',
      ],
      [],
      note.map((line) => `Nachricht der Praxis: ${line}`),
      attachments,
    );
  }
  return mail(
    to,
    'Your video appointment was cancelled',
    [
      `Hello ${facts.patientName},`,
      given.by === 'patient'
        ? `You cancelled your video appointment with ${facts.professionalName}: ${when}.`
        : `${facts.professionalName} had to cancel your video appointment: ${when}.`,
      'The link to the appointment no longer works. The attachment removes it from your calendar.',
    ],
    [],
    note.map((line) => `Message from the practice: ${line}`),
    attachments,
  );
}

export function cancelledSms(to: string, given: CancelFacts): SmsMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const text =
    facts.locale === 'de'
      ? `Ihr Videotermin bei ${facts.professionalName} am ${when} wurde abgesagt.`
      : `Your video appointment with ${facts.professionalName} on ${when} was cancelled.`;
  return { to, text: given.message ? `${text} ${given.message}` : text };
}

export interface ChangedFacts extends BookedFacts {
  /** The time before the move. */
  previousStartsAt: Date;
  previousEndsAt: Date;
  by: 'patient' | 'practice';
}

/** A move: the new time, the same link, a new cancel link and the calendar entry updated (higher SEQUENCE). */
export function changedMail(to: string, given: ChangedFacts): MailMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const before = formatAppointmentTime(facts.locale, given.previousStartsAt, given.previousEndsAt, facts.timeZone);
  const tag = facts.locale === 'de' ? 'de-DE' : 'en-GB';
  const deadline = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone: facts.timeZone }).format(given.changeableUntil);
  const attachments = [calendarAttachment(given.calendar, 'REQUEST')];
  if (facts.locale === 'de') {
    return mail(
      to,
      'Ihr Videotermin wurde verschoben',
      [
        `Guten Tag ${facts.patientName},`,
        given.by === 'patient'
          ? `Sie haben Ihren Videotermin bei ${facts.professionalName} verschoben.`
          : `${facts.professionalName} hat Ihren Videotermin verschoben.`,
        `Neu: ${facts.typeName}, ${when}. Bisher: ${before}.`,
        'Der Link bleibt derselbe und öffnet 10 Minuten vor Beginn das Wartezimmer.',
      ],
      [
        { label: 'Zum Videotermin', url: given.joinLink },
        { label: `Absagen oder verschieben (bis ${deadline} Uhr)`, url: given.manageLink },
      ],
      ['Der Anhang aktualisiert den Termin in Ihrem Kalender.'],
      attachments,
    );
  }
  return mail(
    to,
    'Your video appointment was moved',
    [
      `Hello ${facts.patientName},`,
      given.by === 'patient' ? `You moved your video appointment with ${facts.professionalName}.` : `${facts.professionalName} moved your video appointment.`,
      `New: ${facts.typeName}, ${when}. Before: ${before}.`,
      'The link stays the same and opens the waiting room 10 minutes before the start.',
    ],
    [
      { label: 'Join the video appointment', url: given.joinLink },
      { label: `Cancel or move (until ${deadline})`, url: given.manageLink },
    ],
    ['The attachment updates the appointment in your calendar.'],
    attachments,
  );
}

export function changedSms(to: string, given: ChangedFacts): SmsMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const text =
    facts.locale === 'de'
      ? `Ihr Videotermin bei ${facts.professionalName} ist verschoben auf ${when}: ${given.joinLink} – Absagen/Verschieben: ${given.manageLink}`
      : `Your video appointment with ${facts.professionalName} moved to ${when}: ${given.joinLink} – Cancel/move: ${given.manageLink}`;
  return { to, text };
}

export interface ReminderFacts extends AppointmentFacts {
  kind: 'two_days' | 'day' | 'three_hours' | 'hour';
  joinLink: string;
  manageLink: string;
}

const reminderSubjects: Record<'de' | 'en', Record<ReminderFacts['kind'], string>> = {
  de: {
    two_days: 'Erinnerung: Ihr Videotermin übermorgen',
    day: 'Erinnerung: Ihr Videotermin morgen',
    three_hours: 'Erinnerung: Ihr Videotermin in drei Stunden',
    hour: 'Erinnerung: Ihr Videotermin in einer Stunde',
  },
  en: {
    two_days: 'Reminder: your video appointment in two days',
    day: 'Reminder: your video appointment tomorrow',
    three_hours: 'Reminder: your video appointment in three hours',
    hour: 'Reminder: your video appointment in one hour',
  },
};

/** Before the appointment, as the practice chose: who, when, the link (the same as in the confirmation), the cancel link. */
export function reminderMail(to: string, given: ReminderFacts): MailMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  if (facts.locale === 'de') {
    return mail(
      to,
      reminderSubjects.de[given.kind],
      [
        `Guten Tag ${facts.patientName},`,
        `wir erinnern Sie an Ihren Videotermin bei ${facts.professionalName}: ${facts.typeName}, ${when}.`,
        'Der Link öffnet 10 Minuten vor Beginn das Wartezimmer.',
      ],
      [
        { label: 'Zum Videotermin', url: given.joinLink },
        { label: 'Absagen', url: given.manageLink },
      ],
      [],
    );
  }
  return mail(
    to,
    reminderSubjects.en[given.kind],
    [
      `Hello ${facts.patientName},`,
      `This is a reminder of your video appointment with ${facts.professionalName}: ${facts.typeName}, ${when}.`,
      'The link opens the waiting room 10 minutes before the start.',
    ],
    [
      { label: 'Join the video appointment', url: given.joinLink },
      { label: 'Cancel', url: given.manageLink },
    ],
    [],
  );
}

export function reminderSms(to: string, given: ReminderFacts): SmsMessage {
  const facts = inert(given);
  const when = formatAppointmentTime(facts.locale, facts.startsAt, facts.endsAt, facts.timeZone);
  const text =
    facts.locale === 'de'
      ? `Erinnerung: Videotermin bei ${facts.professionalName} am ${when}: ${given.joinLink}`
      : `Reminder: video appointment with ${facts.professionalName} on ${when}: ${given.joinLink}`;
  return { to, text };
}
