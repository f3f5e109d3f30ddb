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

/** One firm appointment as a subscribed calendar shows it. */
export interface FeedEntry {
  appointmentId: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  typeName: string;
  /** Only when the professional opted in; otherwise the patient is not named at all. */
  patientName?: string;
}

/** "Anna Maria Beck" → "A. B.": first and last name's initial, nothing more. */
export function initialsOf(name: string): string {
  const parts = name
    .trim()
    .split(/\s+/u)
    .filter((part) => part !== '');
  const first = parts[0];
  const last = parts.length > 1 ? parts[parts.length - 1] : undefined;
  return [first, last]
    .filter((part): part is string => part !== undefined)
    .map((part) => `${[...part][0]?.toLocaleUpperCase() ?? ''}.`)
    .join(' ');
}

export function feedSummary(entry: FeedEntry, locale: 'de' | 'en'): string {
  const minutes = Math.round((entry.endsAt.getTime() - entry.startsAt.getTime()) / 60_000);
  const what = `${entry.typeName}, ${minutes} ${locale === 'de' ? 'Min.' : 'min'}`;
  const initials = entry.patientName ? initialsOf(entry.patientName) : '';
  return initials ? `${what} – ${initials}` : what;
}

/**
 * The subscription feed (RFC 5545, no METHOD: it is published, not sent). Each event keeps the UID of
 * the .ics in the patient's messages, so a calendar that has both shows one entry.
 */
export function feedCalendar(options: { host: string; name: string; locale: 'de' | 'en'; dayViewUrl: string; now: Date; entries: FeedEntry[] }): string {
  const calendar = ical({
    prodId: { company: 'Sprechzimmer', product: 'calendar-feed', language: options.locale.toUpperCase() },
    name: options.name,
    // Calendar apps poll at this interval when they honour it (REFRESH-INTERVAL / X-PUBLISHED-TTL).
    ttl: 15 * 60,
  });
  for (const entry of options.entries) {
    calendar.createEvent({
      id: appointmentUid(entry.appointmentId, options.host),
      sequence: entry.sequence,
      stamp: options.now,
      start: entry.startsAt,
      end: entry.endsAt,
      summary: feedSummary(entry, options.locale),
      status: ICalEventStatus.CONFIRMED,
      url: options.dayViewUrl,
    });
  }
  return calendar.toString();
}
