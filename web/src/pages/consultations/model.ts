import type { TFunction } from 'i18next';
import type { ConsultationView, InvitationView } from '../../../../common/api/consultations';
import { DEFAULT_WINDOW_MINUTES, MAX_INVITATIONS, PAST_START_TOLERANCE_MINUTES } from '../../../../common/api/consultations';
import type { CreateConsultationInput } from '../../api/consultations';
import type { FieldProblems } from '../../components/fieldProblems';

/**
 * Pure helpers of the host's consultation pages: form values → request bodies, dates and
 * durations, status labels, and the changes between two polls. No React and no DOM here, so that
 * they run in the unit tests (node environment).
 */

const MINUTE = 60_000;

/** The lengths offered for an invitation window (the server accepts 15 minutes to 24 hours). */
export const WINDOW_CHOICES = [15, 30, 45, 60, 90, 120, 180, 360, 720, 1440] as const;

export { MAX_INVITATIONS };

/** The locale for dates and times: the UI language, with 24-hour times in English too (as in the invitation texts). */
export function dateLocale(language: string | undefined): string {
  return language?.startsWith('en') ? 'en-GB' : 'de-DE';
}

/** "15 minutes", "90 minutes", "2 hours", "24 hours". */
export function windowLabel(t: TFunction, minutes: number): string {
  return minutes % 60 === 0 ? t('consultations.windowHours', { count: minutes / 60 }) : t('consultations.windowMinutes', { count: minutes });
}

// ---------------------------------------------------------------------------------------------
// The "new consultation" form. Values are flat so that the shared form hook can bind them; the
// guest rows are named like the server's error paths ("guests.0.email"), so that field errors of
// the schema and of a 422 answer land next to the right input.

/**
 * `save` is the explicit "save to my contacts" choice ('yes' or ''), `contact` the id of the saved
 * contact the row was filled from (such a guest is in the contacts already).
 */
export type GuestField = 'name' | 'email' | 'phone' | 'save' | 'contact';
export type ConsultationFormValues = Record<string, string>;

export const guestKey = (index: number, field: GuestField) => `guests.${index}.${field}`;

export function initialConsultationValues(): ConsultationFormValues {
  return { startMode: 'now', startsAt: '', windowMinutes: String(DEFAULT_WINDOW_MINUTES), callMode: 'video', ...emptyGuest(0) };
}

function emptyGuest(index: number): ConsultationFormValues {
  return {
    [guestKey(index, 'name')]: '',
    [guestKey(index, 'email')]: '',
    [guestKey(index, 'phone')]: '',
    [guestKey(index, 'save')]: '',
    [guestKey(index, 'contact')]: '',
  };
}

export function guestCount(values: ConsultationFormValues): number {
  let count = 0;
  while (guestKey(count, 'name') in values) count += 1;
  return count;
}

export function addGuestRow(values: ConsultationFormValues): ConsultationFormValues {
  const count = guestCount(values);
  return count >= MAX_INVITATIONS ? values : { ...values, ...emptyGuest(count) };
}

const guestPath = /^guests\.(\d+)\.(.+)$/;

/** Removes one guest row; the rows after it move up, and so do their field problems. */
export function removeGuestRow(
  values: ConsultationFormValues,
  problems: FieldProblems,
  removed: number,
): { values: ConsultationFormValues; problems: FieldProblems } {
  function shift<T>(record: Record<string, T>): Record<string, T> {
    const next: Record<string, T> = {};
    for (const [key, value] of Object.entries(record)) {
      const match = guestPath.exec(key);
      if (!match) {
        next[key] = value;
        continue;
      }
      const index = Number(match[1]);
      if (index === removed) continue;
      next[index > removed ? `guests.${index - 1}.${match[2]}` : key] = value;
    }
    return next;
  }
  if (guestCount(values) <= 1) return { values, problems };
  return { values: shift(values), problems: shift(problems) };
}

/** "" → undefined, so that a guest may have only an e-mail address or only a mobile number. */
function optional(value: string | undefined): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/**
 * `sms: false` (no SMS provider on the server): a number filled in from a saved contact is left out,
 * so the invitation goes by e-mail or the form asks for an address.
 */
export function guestFromValues(values: Record<string, string>, prefix: string, { sms = true }: { sms?: boolean } = {}) {
  return {
    name: values[`${prefix}name`] ?? '',
    email: optional(values[`${prefix}email`]),
    phone: sms ? optional(values[`${prefix}phone`]) : undefined,
  };
}

/**
 * The request body for POST /api/consultations (validated by the shared schema afterwards). A guest
 * is kept as a contact only when the box was ticked (P-09); practice staff name the professional.
 */
export function toCreateInput(values: ConsultationFormValues, channels: { sms?: boolean } = {}): CreateConsultationInput {
  const guests = Array.from({ length: guestCount(values) }, (_, index) => {
    const guest = guestFromValues(values, `guests.${index}.`, channels);
    return values[guestKey(index, 'save')] === 'yes' ? { ...guest, saveToContacts: true } : guest;
  });
  const input: CreateConsultationInput = { windowMinutes: Number(values.windowMinutes), guests };
  if (values.onBehalfOf) input.onBehalfOf = values.onBehalfOf;
  if (values.callMode === 'audio') input.mode = 'audio';
  if (values.startMode === 'later') {
    // An unreadable value goes to the schema as it is, which refuses it.
    input.startsAt = localInputToIso(values.startsAt ?? '') ?? values.startsAt ?? '';
  }
  return input;
}

/** Problems the schema cannot see: a chosen start must be given and must not lie in the past. */
export function startChecks(values: ConsultationFormValues, now: Date = new Date()): FieldProblems {
  if (values.startMode !== 'later') return {};
  const raw = values.startsAt?.trim() ?? '';
  if (raw === '') return { startsAt: { code: 'required' } };
  const iso = localInputToIso(raw);
  if (!iso) return { startsAt: { code: 'invalid_date' } };
  if (Date.parse(iso) < now.getTime() - PAST_START_TOLERANCE_MINUTES * MINUTE) {
    return { startsAt: { code: 'invalid_date' } };
  }
  return {};
}

/** True when a start was given, is readable, and lies in the past (for a more precise message). */
export function startLiesInPast(value: string, now: Date = new Date()): boolean {
  const iso = localInputToIso(value);
  return iso !== undefined && Date.parse(iso) < now.getTime() - PAST_START_TOLERANCE_MINUTES * MINUTE;
}

const pad = (value: number, length = 2) => String(Math.abs(value)).padStart(length, '0');

/**
 * A `datetime-local` value ("2025-03-12T14:00", in the browser's time zone) as an ISO time with
 * its offset ("2025-03-12T14:00:00+01:00"). A time that does not exist (the hour skipped when the
 * clocks go forward) moves on as the browser's Date does.
 */
export function localInputToIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  if (Number.isNaN(date.getTime()) || month < 1 || month > 12 || date.getDate() !== day || hour > 23 || minute > 59 || year < 2000) {
    return undefined;
  }
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  );
}

/** A Date as a `datetime-local` / `date` input value in the browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${toLocalDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function toLocalDate(date: Date): string {
  return `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The suggestion when the host chooses "later": the next full hour. */
export function nextFullHour(now: Date = new Date()): Date {
  const next = new Date(now);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  return next;
}

// ---------------------------------------------------------------------------------------------
// Showing consultations

function sameLocalDay(a: Date, b: Date, timeZone?: string): boolean {
  const day = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  return day.format(a) === day.format(b);
}

/**
 * The window in local time: "Heute, 14:00–15:00 Uhr", "Do., 13. März, 09:00–09:30 Uhr", or both
 * dates when it spans midnight.
 */
export function formatWindow(t: TFunction, locale: string, validFrom: string, validUntil: string, now: Date = new Date(), timeZone?: string): string {
  const from = new Date(validFrom);
  const until = new Date(validUntil);
  if (!sameLocalDay(from, until, timeZone)) {
    return new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).formatRange(from, until);
  }
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).formatRange(from, until);
  const tomorrow = new Date(now.getTime() + 24 * 60 * MINUTE);
  const day = sameLocalDay(from, now, timeZone)
    ? t('consultations.today')
    : sameLocalDay(from, tomorrow, timeZone)
      ? t('consultations.tomorrow')
      : new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'long', timeZone }).format(from);
  return t('consultations.dayAndTimes', { day, times });
}

export type Phase = 'upcoming' | 'open' | 'running' | 'expired';

/** Where a consultation stands: links not valid yet, valid, someone in the call, or the window is over. */
export function consultationPhase(consultation: ConsultationView, now: Date = new Date()): Phase {
  if (consultation.invitations.some((invitation) => invitation.status === 'active' && invitation.participantStatus === 'admitted')) {
    return 'running';
  }
  if (now.getTime() < Date.parse(consultation.validFrom)) return 'upcoming';
  if (now.getTime() > Date.parse(consultation.validUntil)) return 'expired';
  return 'open';
}

/** The dashboard's order: by the start of the window, the earliest (running, due) first. */
export function soonestFirst(consultations: readonly ConsultationView[]): ConsultationView[] {
  return [...consultations].sort((a, b) => Date.parse(a.validFrom) - Date.parse(b.validFrom) || a.id.localeCompare(b.id));
}

export type GuestState = 'notOpened' | 'opened' | 'waiting' | 'inCall' | 'declined' | 'removed' | 'revoked';

/** Where a guest is, as the host should read it. A revoked invitation says so whatever happened before. */
export function guestState(invitation: InvitationView): GuestState {
  if (invitation.status === 'revoked') return 'revoked';
  switch (invitation.participantStatus) {
    case null:
      return 'notOpened';
    case 'invited':
      return 'opened';
    case 'waiting':
      return 'waiting';
    case 'admitted':
      return 'inCall';
    case 'declined':
      return 'declined';
    case 'removed':
      return 'removed';
  }
}

type Channel = 'email' | 'sms';

export interface ChannelDelivery {
  channel: Channel;
  address: string;
  delivery: 'sent' | 'failed' | null;
}

/** The channels of one invitation with where each went and whether it left us. */
export function channelsOf(invitation: InvitationView): ChannelDelivery[] {
  const channels: ChannelDelivery[] = [];
  if (invitation.email) channels.push({ channel: 'email', address: invitation.email, delivery: invitation.emailDelivery });
  if (invitation.phone) channels.push({ channel: 'sms', address: invitation.phone, delivery: invitation.smsDelivery });
  return channels;
}

export function deliveryFailed(invitation: InvitationView): boolean {
  return invitation.emailDelivery === 'failed' || invitation.smsDelivery === 'failed';
}

export function waitingCount(consultation: ConsultationView): number {
  return consultation.invitations.filter((invitation) => guestState(invitation) === 'waiting').length;
}

type ChangeKind = 'waiting' | 'inCall' | 'left';

export interface GuestChange {
  consultationId: string;
  invitationId: string;
  guestName: string;
  kind: ChangeKind;
}

/**
 * What the host should hear about between two polls: a guest entered the waiting room, was let
 * in (possibly from another tab), or left the call. Changes the host made here (revoke, add) and
 * the first load are not announced.
 */
export function describeChanges(previous: readonly ConsultationView[] | undefined, next: readonly ConsultationView[]): GuestChange[] {
  if (!previous) return [];
  const before = new Map<string, GuestState>();
  for (const consultation of previous) {
    for (const invitation of consultation.invitations) before.set(invitation.id, guestState(invitation));
  }
  const changes: GuestChange[] = [];
  for (const consultation of next) {
    for (const invitation of consultation.invitations) {
      const was = before.get(invitation.id);
      const now = guestState(invitation);
      if (was === undefined || was === now) continue;
      const kind: ChangeKind | undefined =
        now === 'waiting' ? 'waiting' : now === 'inCall' ? 'inCall' : was === 'inCall' && now === 'opened' ? 'left' : undefined;
      if (kind) changes.push({ consultationId: consultation.id, invitationId: invitation.id, guestName: invitation.guestName, kind });
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------
// Activity log

/** "1 Std. 5 Min.", "45 Min.", "unter 1 Min."; null (nobody was let in) → "no call". */
export function formatDuration(t: TFunction, seconds: number | null): string {
  if (seconds === null) return t('activity.noCall');
  if (seconds < 60) return t('activity.underOneMinute');
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return t('activity.durationMinutes', { minutes });
  if (minutes === 0) return t('activity.durationHours', { hours });
  return t('activity.durationHoursMinutes', { hours, minutes });
}

/** The same duration spelled out for screen readers ("1 hour 5 minutes"). */
export function spokenDuration(t: TFunction, seconds: number | null): string {
  if (seconds === null || seconds < 60) return formatDuration(t, seconds);
  const totalMinutes = Math.round(seconds / 60);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  const parts = [hours > 0 ? t('activity.spokenHours', { count: hours }) : '', minutes > 0 ? t('activity.spokenMinutes', { count: minutes }) : ''];
  return parts.filter(Boolean).join(' ');
}

/** Problems of the activity filter: both dates optional, but "to" must not lie before "from". */
export function rangeChecks(values: { from: string; to: string }): FieldProblems {
  if (values.from && values.to && values.to < values.from) return { to: { code: 'invalid_date' } };
  return {};
}
