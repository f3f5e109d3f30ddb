import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/**
 * The .ics attached to appointment messages (RFC 5545/5546): one stable UID per appointment, so a
 * calendar app updates its entry on a change (higher SEQUENCE) and removes it on METHOD:CANCEL. It
 * carries who, when and the link — the type name only, never anything about why.
 */
export interface CalendarFacts {
  appointmentId: string;
  /** The installation's host name: UIDs are globally unique as `<id>@<host>`. */
  host: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  summary: string;
  description: string;
  /** The invitation link; absent in a cancellation. */
  url?: string;
  organizer: { name: string; email: string };
  attendee?: { name: string; email: string };
}

export function appointmentUid(appointmentId: string, host: string): string {
  return `appointment-${appointmentId}@${host}`;
}

export function calendarFile(method: 'request' | 'cancel', facts: CalendarFacts): Buffer {
  const calendar = ical({
    prodId: { company: 'Sprechzimmer', product: 'appointments', language: 'DE' },
    method: method === 'request' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: appointmentUid(facts.appointmentId, facts.host),
    sequence: facts.sequence,
    start: facts.startsAt,
    end: facts.endsAt,
    // Instants in UTC: every calendar app shows them in its own zone, none needs a VTIMEZONE.
    summary: facts.summary,
    description: facts.description,
    status: method === 'request' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: facts.organizer,
    attendees: facts.attendee ? [{ name: facts.attendee.name, email: facts.attendee.email, rsvp: false }] : [],
    ...(facts.url ? { url: facts.url, location: facts.url } : {}),
  });
  return Buffer.from(calendar.toString(), 'utf8');
}
