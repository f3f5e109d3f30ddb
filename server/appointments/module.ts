import type { Identity } from '../accounts/module';
import type { BillingService } from '../billing/service';
import type { Calls } from '../consultations/module';
import type { AppCore } from '../http/core';
import { mailAddressOf } from '../notify/mail-address';
import type { OrganizationStore } from '../organizations/store';
import { AppointmentActivity } from './activity';
import { AppointmentChangeStore } from './change-store';
import { AppointmentChanges } from './changes';
import { CalendarFeeds } from './feed';
import { registerCalendarFeedRoutes } from './feed-routes';
import { CalendarFeedStore } from './feed-store';
import { ReminderScheduler } from './reminders';
import { registerAppointmentRoutes } from './routes';
import { AppointmentService } from './service';
import { AppointmentSetup } from './setup';
import { AppointmentStore } from './store';

/** Appointments (issue 10): the practice's hours and types, booking, changes and reminders. */
export function buildAppointments(
  core: AppCore,
  identity: Identity,
  calls: Calls,
  options: { organizations: OrganizationStore; billing: BillingService | undefined },
) {
  const { http, database, sealer, clock, config } = core;
  const { accountStore } = identity;
  const { consultationStore, consultations } = calls;
  const store = new AppointmentStore(database.db, sealer);
  const appointments = new AppointmentService({
    store,
    accounts: accountStore,
    organizations: options.organizations,
    consultationStore,
    consultations,
    mailer: core.mailer,
    ...(core.sms ? { sms: core.sms } : {}),
    clock,
    publicUrl: config.publicUrl,
    throttle: core.throttle,
    organizerEmail: mailAddressOf(config.mail.from),
    ...(options.billing ? { entitlement: options.billing } : {}),
  });
  const changeStore = new AppointmentChangeStore(database.db, sealer);
  const feeds = new CalendarFeeds({ feeds: new CalendarFeedStore(database.db, sealer), store, accounts: accountStore, clock, publicUrl: config.publicUrl });
  const reminders = new ReminderScheduler({
    database,
    store,
    appointments,
    clock,
    onError: (error) => http.log.error({ err: error }, 'appointment reminders failed'),
  });

  function registerRoutes(): void {
    registerAppointmentRoutes(http, {
      appointments,
      setup: new AppointmentSetup({ store, accounts: accountStore, appointments, clock }),
      changes: new AppointmentChanges({ store, changes: changeStore, appointments, consultationStore, clock }),
      activity: new AppointmentActivity({ changes: changeStore, accounts: accountStore }),
    });
    registerCalendarFeedRoutes(http, feeds);
  }

  return { store, appointments, reminders, registerRoutes };
}
