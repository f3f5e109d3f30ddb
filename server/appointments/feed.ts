import type { AccountRow, AccountStore } from '../accounts/store';
import type { Clock } from '../clock';
import { AppError } from '../http/errors';
import { organizationRules } from '../organizations/policy';
import { randomToken, sha256 } from '../security/tokens';
import { feedCalendar } from './calendar';
import type { CalendarFeedRow, CalendarFeedStore } from './feed-store';
import { appointmentRules } from './policy';
import type { AppointmentStore } from './store';

export interface CalendarFeedDeps {
  feeds: CalendarFeedStore;
  store: AppointmentStore;
  accounts: AccountStore;
  clock: Clock;
  publicUrl: URL;
}

/** How far back a feed reaches: enough to look up last month's appointments in the calendar app. */
const FEED_PAST_DAYS = 30;
const DAY = 24 * 60 * 60_000;

export interface FeedState {
  active: boolean;
  createdAt: Date | null;
  showInitials: boolean;
}

/**
 * A professional's calendar subscription (issue 10). The URL's token is the credential (a calendar
 * app cannot log in), so it carries 256 random bits, only its hash is stored, and replacing or
 * revoking it ends the old URL at the next poll. Only the professional themselves holds one: it
 * shows their own calendar, and staff have none.
 */
export class CalendarFeeds {
  constructor(private readonly deps: CalendarFeedDeps) {}

  async state(actorId: string): Promise<FeedState> {
    const professional = await this.professional(actorId);
    return stateOf(await this.deps.feeds.of(professional.id));
  }

  /** A new URL (the old one, if any, stops working): shown in this answer only. */
  async create(actorId: string): Promise<FeedState & { url: string; webcalUrl: string }> {
    const professional = await this.professional(actorId);
    const token = randomToken();
    const row = await this.deps.feeds.replaceToken(professional.id, sha256(token), this.deps.clock.now());
    const url = new URL(`/api/calendar-feed/${token}`, this.deps.publicUrl);
    return { ...stateOf(row), url: url.toString(), webcalUrl: `webcal://${url.host}${url.pathname}` };
  }

  async revoke(actorId: string): Promise<FeedState> {
    const professional = await this.professional(actorId);
    await this.deps.feeds.revoke(professional.id, this.deps.clock.now());
    return stateOf(await this.deps.feeds.of(professional.id));
  }

  async setShowInitials(actorId: string, showInitials: boolean): Promise<FeedState> {
    const professional = await this.professional(actorId);
    return stateOf(await this.deps.feeds.saveShowInitials(professional.id, showInitials, this.deps.clock.now()));
  }

  /** The feed itself; an unknown or revoked token, or a professional who no longer takes appointments, is not found. */
  async render(token: string): Promise<string> {
    const feed = await this.deps.feeds.byTokenHash(sha256(token));
    const professional = feed ? await this.deps.accounts.findById(feed.professionalAccountId) : undefined;
    if (!feed || !professional || !appointmentRules.offersAppointments(professional)) {
      throw new AppError('calendar_feed_unknown', 'This calendar subscription does not exist or was revoked.');
    }
    const now = this.deps.clock.now();
    const settings = await this.deps.store.settingsOf(professional.id);
    const from = new Date(now.getTime() - FEED_PAST_DAYS * DAY);
    const to = new Date(now.getTime() + (settings.horizonDays + 1) * DAY);
    const rows = await this.deps.feeds.firmAppointments(professional.id, from, to, feed.showInitials);
    const locale = professional.locale;
    return feedCalendar({
      host: this.deps.publicUrl.hostname,
      name: locale === 'de' ? 'Sprechzimmer – Termine' : 'Sprechzimmer – appointments',
      locale,
      dayViewUrl: new URL('/appointments', this.deps.publicUrl).toString(),
      now,
      entries: rows.map((row) => ({
        appointmentId: row.id,
        sequence: row.sequence,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        typeName: row.typeName,
        ...(feed.showInitials ? { patientName: row.patientName } : {}),
      })),
    });
  }

  private async professional(actorId: string): Promise<AccountRow> {
    const actor = await this.deps.accounts.findById(actorId);
    if (!actor || actor.status !== 'active') throw new AppError('unauthenticated', 'Log in again.');
    if (!organizationRules.holdsConsultations(actor))
      throw new AppError('forbidden', 'Only a professional who takes appointments has a calendar subscription.');
    return actor;
  }
}

function stateOf(row: CalendarFeedRow | undefined): FeedState {
  return { active: Boolean(row?.tokenHash), createdAt: row?.tokenCreatedAt ?? null, showInitials: row?.showInitials ?? false };
}
