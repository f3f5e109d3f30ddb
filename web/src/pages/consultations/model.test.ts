import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsultationView, InvitationView } from '../../../../common/api/consultations';
import { addGuestRequest, createConsultationRequest } from '../../../../common/api/invitations';
import { fieldErrorsFromIssues } from '../../../../common/errors';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import {
  addGuestRow,
  channelsOf,
  consultationPhase,
  describeChanges,
  formatDuration,
  formatWindow,
  guestCount,
  guestFromValues,
  guestState,
  initialConsultationValues,
  localInputToIso,
  MAX_INVITATIONS,
  nextFullHour,
  soonestFirst,
  rangeChecks,
  removeGuestRow,
  spokenDuration,
  startChecks,
  startLiesInPast,
  toCreateInput,
  toLocalInput,
  WINDOW_CHOICES,
  windowLabel,
} from './model';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    lng: 'de',
    resources: { de: { translation: de }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
});
const tDe = () => i18n.getFixedT('de');
const tEn = () => i18n.getFixedT('en');

afterEach(() => {
  vi.unstubAllEnvs();
});

function invitation(overrides: Partial<InvitationView> = {}): InvitationView {
  return {
    id: 'inv-1',
    guestName: 'Max Muster',
    email: 'max@example.org',
    phone: null,
    status: 'active',
    emailDelivery: 'sent',
    smsDelivery: null,
    deliveryError: null,
    lastSentAt: '2025-03-12T13:00:00.000Z',
    participantStatus: null,
    participantId: null,
    ...overrides,
  };
}

function consultation(invitations: InvitationView[], overrides: Partial<ConsultationView> = {}): ConsultationView {
  return {
    id: 'c-1',
    hostName: 'Erika Mustermann',
    status: 'open',
    validFrom: '2025-03-12T13:00:00.000Z',
    validUntil: '2025-03-12T14:00:00.000Z',
    createdAt: '2025-03-12T12:55:00.000Z',
    startedAt: null,
    endedAt: null,
    mode: 'video',
    invitations,
    ...overrides,
  };
}

/** What the shared schema says about a form's values, as field name → code. */
function schemaProblems(values: Record<string, string>): Record<string, string> {
  const input = toCreateInput(values);
  const result = createConsultationRequest.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(Object.entries(fieldErrorsFromIssues(result.error.issues, input)).map(([name, error]) => [name, error.code]));
}

describe('new consultation form → request body', () => {
  it('starts now with the default window and one empty guest', () => {
    const values = initialConsultationValues();
    expect(values.windowMinutes).toBe('60');
    expect(guestCount(values)).toBe(1);
    expect(toCreateInput(values)).toEqual({ windowMinutes: 60, guests: [{ name: '', email: undefined, phone: undefined }] });
  });

  it('sends e-mail and/or mobile number, leaving out empty fields, and passes the shared schema', () => {
    const values = {
      ...addGuestRow(initialConsultationValues()),
      windowMinutes: '90',
      'guests.0.name': ' Max Muster ',
      'guests.0.email': 'Max@Example.org',
      'guests.1.name': 'Erika Muster',
      'guests.1.phone': '0151 23456789',
    };
    const input = toCreateInput(values);
    expect(input).toEqual({
      windowMinutes: 90,
      guests: [
        { name: ' Max Muster ', email: 'Max@Example.org', phone: undefined },
        { name: 'Erika Muster', email: undefined, phone: '0151 23456789' },
      ],
    });
    const parsed = createConsultationRequest.parse(input);
    expect(parsed.guests[0]).toEqual({ name: 'Max Muster', email: 'max@example.org' });
    expect(parsed.guests[1]).toEqual({ name: 'Erika Muster', phone: '+4915123456789' });
  });

  it('names the fields the server names: guests.N.email when neither channel is given, guests.N.phone for a landline', () => {
    const values = {
      ...addGuestRow(initialConsultationValues()),
      'guests.0.name': 'Max Muster',
      'guests.1.name': 'Erika Muster',
      'guests.1.phone': '030 1234567',
    };
    expect(schemaProblems(values)).toEqual({ 'guests.0.email': 'required', 'guests.1.phone': 'invalid_phone' });
    expect(schemaProblems({ ...values, 'guests.0.email': 'no-at-sign', 'guests.1.phone': '' })).toEqual({
      'guests.0.email': 'invalid_email',
      'guests.1.email': 'required',
    });
  });

  it('converts a chosen local start to ISO with the offset of that day', () => {
    vi.stubEnv('TZ', 'Europe/Berlin');
    expect(localInputToIso('2025-03-12T14:30')).toBe('2025-03-12T14:30:00+01:00');
    expect(localInputToIso('2025-07-01T09:05')).toBe('2025-07-01T09:05:00+02:00');
    const values = {
      ...initialConsultationValues(),
      startMode: 'later',
      startsAt: '2025-07-01T09:05',
      'guests.0.name': 'A',
      'guests.0.email': 'a@example.org',
    };
    expect(toCreateInput(values).startsAt).toBe('2025-07-01T09:05:00+02:00');
    expect(createConsultationRequest.safeParse(toCreateInput(values)).success).toBe(true);
  });

  it('works in any time zone and refuses what is not a date and time', () => {
    vi.stubEnv('TZ', 'America/New_York');
    const iso = localInputToIso('2025-11-30T23:59');
    expect(iso).toBe('2025-11-30T23:59:00-05:00');
    expect(Date.parse(iso ?? '')).toBe(new Date(2025, 10, 30, 23, 59).getTime());
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('2025-02-30T10:00')).toBeUndefined();
    expect(localInputToIso('2025-13-01T10:00')).toBeUndefined();
    expect(localInputToIso('12.03.2025 14:00')).toBeUndefined();
  });

  it('round-trips the input format and suggests the next full hour', () => {
    const date = new Date(2025, 2, 12, 14, 7);
    expect(toLocalInput(date)).toBe('2025-03-12T14:07');
    expect(toLocalInput(nextFullHour(date))).toBe('2025-03-12T15:00');
  });

  it('asks for a start in the future only when "later" is chosen', () => {
    const now = new Date(2025, 2, 12, 14, 0);
    const later = (startsAt: string) => ({ ...initialConsultationValues(), startMode: 'later', startsAt });
    expect(startChecks(initialConsultationValues(), now)).toEqual({});
    expect(startChecks(later(''), now)).toEqual({ startsAt: { code: 'required' } });
    expect(startChecks(later('garbage'), now)).toEqual({ startsAt: { code: 'invalid_date' } });
    expect(startChecks(later('2025-03-12T13:00'), now)).toEqual({ startsAt: { code: 'invalid_date' } });
    expect(startLiesInPast('2025-03-12T13:00', now)).toBe(true);
    // A few minutes ago still counts as now, as on the server.
    expect(startChecks(later('2025-03-12T13:57'), now)).toEqual({});
    expect(startChecks(later('2025-03-13T08:00'), now)).toEqual({});
    expect(startLiesInPast('2025-03-13T08:00', now)).toBe(false);
  });

  it('adds rows up to the limit and removes one, moving later rows and their problems up', () => {
    let values = initialConsultationValues();
    for (let index = 0; index < MAX_INVITATIONS + 3; index += 1) values = addGuestRow(values);
    expect(guestCount(values)).toBe(MAX_INVITATIONS);

    const three = {
      ...addGuestRow(addGuestRow(initialConsultationValues())),
      'guests.0.name': 'A',
      'guests.1.name': 'B',
      'guests.2.name': 'C',
      'guests.2.phone': '0151 1',
    };
    const problems = {
      'guests.1.email': { code: 'required' as const },
      'guests.2.phone': { code: 'invalid_phone' as const },
      startsAt: { code: 'required' as const },
    };
    const result = removeGuestRow(three, problems, 1);
    expect(guestCount(result.values)).toBe(2);
    expect(result.values['guests.0.name']).toBe('A');
    expect(result.values['guests.1.name']).toBe('C');
    expect(result.values['guests.1.phone']).toBe('0151 1');
    expect(result.values['guests.2.name']).toBeUndefined();
    expect(result.problems).toEqual({ 'guests.1.phone': { code: 'invalid_phone' }, startsAt: { code: 'required' } });
    // The last row stays.
    expect(removeGuestRow(initialConsultationValues(), {}, 0).values).toEqual(initialConsultationValues());
  });

  it('builds the body of "add a guest" from the same fields', () => {
    const input = { guest: guestFromValues({ 'guest.name': 'Max', 'guest.email': ' ', 'guest.phone': '+43 664 1234567' }, 'guest.') };
    expect(input).toEqual({ guest: { name: 'Max', email: undefined, phone: '+43 664 1234567' } });
    expect(addGuestRequest.parse(input).guest.phone).toBe('+436641234567');
  });

  it('leaves a mobile number out when the server sends no SMS, so a phone-only guest needs an address', () => {
    const values = { 'guest.name': 'Max', 'guest.email': '', 'guest.phone': '+43 664 1234567' };
    expect(guestFromValues(values, 'guest.', { sms: false })).toEqual({ name: 'Max', email: undefined, phone: undefined });
    expect(addGuestRequest.safeParse({ guest: guestFromValues(values, 'guest.', { sms: false }) }).success).toBe(false);
    const form = { ...initialConsultationValues(), 'guests.0.name': 'Max', 'guests.0.email': 'max@example.org', 'guests.0.phone': '0171 2345678' };
    expect(toCreateInput(form, { sms: false }).guests).toEqual([{ name: 'Max', email: 'max@example.org', phone: undefined }]);
    expect(toCreateInput(form).guests[0]?.phone).toBe('0171 2345678');
  });

  it('labels every window length', () => {
    expect(WINDOW_CHOICES).toEqual([15, 30, 45, 60, 90, 120, 180, 360, 720, 1440]);
    expect(WINDOW_CHOICES.map((minutes) => windowLabel(tDe(), minutes))).toEqual([
      '15 Minuten',
      '30 Minuten',
      '45 Minuten',
      '1 Stunde',
      '90 Minuten',
      '2 Stunden',
      '3 Stunden',
      '6 Stunden',
      '12 Stunden',
      '24 Stunden',
    ]);
    expect(windowLabel(tEn(), 60)).toBe('1 hour');
    expect(windowLabel(tEn(), 45)).toBe('45 minutes');
  });
});

describe('showing a consultation', () => {
  const zone = 'Europe/Berlin';
  const now = new Date('2025-03-12T10:00:00Z');

  it('formats the window in local time, naming today and tomorrow', () => {
    expect(formatWindow(tDe(), 'de-DE', '2025-03-12T13:00:00Z', '2025-03-12T14:00:00Z', now, zone)).toBe('Heute, 14:00–15:00 Uhr');
    expect(formatWindow(tEn(), 'en-GB', '2025-03-13T08:00:00Z', '2025-03-13T08:30:00Z', now, zone)).toBe('Tomorrow, 09:00–09:30');
    expect(formatWindow(tDe(), 'de-DE', '2025-03-20T08:00:00Z', '2025-03-20T09:00:00Z', now, zone)).toBe('Do., 20. März, 09:00–10:00 Uhr');
    // A 24-hour window names both days.
    const both = formatWindow(tDe(), 'de-DE', '2025-03-12T13:00:00Z', '2025-03-13T13:00:00Z', now, zone);
    expect(both).toContain('12. März');
    expect(both).toContain('13. März');
  });

  it('lists the earliest window first', () => {
    const later = consultation([], { id: 'later', validFrom: '2025-03-13T08:00:00Z' });
    const now = consultation([], { id: 'now', validFrom: '2025-03-12T09:00:00Z' });
    expect(soonestFirst([later, now]).map((item) => item.id)).toEqual(['now', 'later']);
  });

  it('tells upcoming, open, running and expired apart', () => {
    const waiting = consultation([invitation({ participantStatus: 'waiting' })]);
    expect(consultationPhase(waiting, new Date('2025-03-12T12:00:00Z'))).toBe('upcoming');
    expect(consultationPhase(waiting, new Date('2025-03-12T13:30:00Z'))).toBe('open');
    expect(consultationPhase(waiting, new Date('2025-03-12T15:00:00Z'))).toBe('expired');
    const running = consultation([invitation({ participantStatus: 'admitted' })]);
    expect(consultationPhase(running, new Date('2025-03-12T15:00:00Z'))).toBe('running');
    const revoked = consultation([invitation({ participantStatus: 'removed', status: 'revoked' })]);
    expect(consultationPhase(revoked, new Date('2025-03-12T13:30:00Z'))).toBe('open');
  });

  it('says where each guest is; a revoked invitation says so', () => {
    expect(guestState(invitation())).toBe('notOpened');
    expect(guestState(invitation({ participantStatus: 'invited' }))).toBe('opened');
    expect(guestState(invitation({ participantStatus: 'waiting' }))).toBe('waiting');
    expect(guestState(invitation({ participantStatus: 'admitted' }))).toBe('inCall');
    expect(guestState(invitation({ participantStatus: 'declined' }))).toBe('declined');
    expect(guestState(invitation({ participantStatus: 'removed' }))).toBe('removed');
    expect(guestState(invitation({ status: 'revoked', participantStatus: 'admitted' }))).toBe('revoked');
  });

  it('lists each channel with its address and delivery', () => {
    const both = invitation({ phone: '+4915123456789', smsDelivery: 'failed', deliveryError: 'Twilio: unreachable' });
    expect(channelsOf(both)).toEqual([
      { channel: 'email', address: 'max@example.org', delivery: 'sent' },
      { channel: 'sms', address: '+4915123456789', delivery: 'failed' },
    ]);
    expect(channelsOf(invitation({ email: null, emailDelivery: null, phone: '+4915123456789', smsDelivery: 'sent' }))).toEqual([
      { channel: 'sms', address: '+4915123456789', delivery: 'sent' },
    ]);
  });
});

describe('changes between two polls', () => {
  const before = [consultation([invitation(), invitation({ id: 'inv-2', guestName: 'Erika Muster', participantStatus: 'admitted' })])];

  it('announces nothing on the first load or when nothing changed', () => {
    expect(describeChanges(undefined, before)).toEqual([]);
    expect(describeChanges(before, before)).toEqual([]);
  });

  it('announces who entered the waiting room, was let in, or left', () => {
    const after = [
      consultation([
        invitation({ participantStatus: 'waiting' }),
        invitation({ id: 'inv-2', guestName: 'Erika Muster', participantStatus: 'invited' }),
        invitation({ id: 'inv-3', guestName: 'New Guest', participantStatus: 'waiting' }),
      ]),
    ];
    expect(describeChanges(before, after)).toEqual([
      { consultationId: 'c-1', invitationId: 'inv-1', guestName: 'Max Muster', kind: 'waiting' },
      { consultationId: 'c-1', invitationId: 'inv-2', guestName: 'Erika Muster', kind: 'left' },
    ]);
    const admitted = [consultation([invitation({ participantStatus: 'admitted' })])];
    expect(describeChanges(after, admitted)).toEqual([{ consultationId: 'c-1', invitationId: 'inv-1', guestName: 'Max Muster', kind: 'inCall' }]);
  });

  it('does not announce what the host did (decline, remove, revoke)', () => {
    const waiting = [consultation([invitation({ participantStatus: 'waiting' })])];
    for (const next of [
      invitation({ participantStatus: 'declined' }),
      invitation({ participantStatus: 'removed' }),
      invitation({ status: 'revoked', participantStatus: 'removed' }),
    ]) {
      expect(describeChanges(waiting, [consultation([next])])).toEqual([]);
    }
  });
});

describe('activity', () => {
  it('formats durations short and spoken', () => {
    expect(formatDuration(tDe(), null)).toBe('kein Gespräch');
    expect(formatDuration(tDe(), 42)).toBe('unter 1 Min.');
    expect(formatDuration(tDe(), 45 * 60 + 20)).toBe('45 Min.');
    expect(formatDuration(tDe(), 3600)).toBe('1 Std.');
    expect(formatDuration(tDe(), 3600 + 5 * 60 + 40)).toBe('1 Std. 6 Min.');
    expect(formatDuration(tEn(), 2 * 3600 + 60)).toBe('2 h 1 min');
    expect(spokenDuration(tDe(), 3600 + 60)).toBe('1 Stunde 1 Minute');
    expect(spokenDuration(tEn(), 2 * 3600 + 30 * 60)).toBe('2 hours 30 minutes');
    expect(spokenDuration(tEn(), 30)).toBe('under 1 min');
  });

  it('refuses a range whose end lies before its start', () => {
    expect(rangeChecks({ from: '2025-03-01', to: '2025-02-01' })).toEqual({ to: { code: 'invalid_date' } });
    expect(rangeChecks({ from: '2025-03-01', to: '2025-03-01' })).toEqual({});
    expect(rangeChecks({ from: '', to: '2025-03-01' })).toEqual({});
  });
});
