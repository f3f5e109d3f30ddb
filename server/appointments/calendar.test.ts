import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { appointmentUid, feedCalendar, feedSummary, initialsOf } from './calendar';

const entry = { appointmentId: 'a1', sequence: 2, startsAt: new Date('2026-03-02T08:00:00Z'), endsAt: new Date('2026-03-02T08:15:00Z'), typeName: 'Kontrolle' };

describe('the calendar feed’s words', () => {
  it('shortens a name to the initials of the first and last name', () => {
    expect(initialsOf('Anna Maria Beck')).toBe('A. B.');
    expect(initialsOf('  özlem   çelik ')).toBe('Ö. Ç.');
    expect(initialsOf('Cher')).toBe('C.');
    expect(initialsOf('')).toBe('');
  });

  it('says the type and duration in the practice’s language, initials only when given', () => {
    expect(feedSummary(entry, 'de')).toBe('Kontrolle, 15 Min.');
    expect(feedSummary(entry, 'en')).toBe('Kontrolle, 15 min');
    expect(feedSummary({ ...entry, patientName: 'Anna Beck' }, 'de')).toBe('Kontrolle, 15 Min. – A. B.');
  });

  it('publishes events with the UID and SEQUENCE of the mailed .ics', () => {
    const body = feedCalendar({
      host: 'praxis.example',
      name: 'Termine',
      locale: 'de',
      dayViewUrl: 'https://praxis.example/appointments',
      now: new Date('2026-03-01T00:00:00Z'),
      entries: [entry],
    });
    const calendar = new ICAL.Component(ICAL.parse(body));
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(appointmentUid('a1', 'praxis.example'));
    expect(event.sequence).toBe(2);
    expect(event.summary).toBe('Kontrolle, 15 Min.');
  });
});
