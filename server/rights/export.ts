import type { DataExport, ExportDataset } from '../../common/api/privacy-rights';
import { exportDatasets, type processorIds } from '../../common/api/privacy-rights';
import type { AccountRow } from '../accounts/store';
import { defaultSettings } from '../appointments/store';
import type { Config } from '../config/config';
import type { NamedProcessor, ProcessorKind } from '../config/processors';
import type { ContactRow } from '../contacts/store';
import type { ConsultationRow, InvitationRow } from '../consultations/store';
import type { OrganizationRow } from '../organizations/store';
import type { PasskeyRow } from '../passkeys/store';
import type { RightsStore } from './store';
import { consentWithdrawal } from './consents';
import { datasetProcessing, retentionOf } from './processing';
import { stripeEeaEntity } from '../privacy/settings';

/** A processor in use: the host this server talks to (if any) and the operator's name for it (if given). */
interface ExportProcessor {
  provider: string | null;
  name: string | null;
  address: string | null;
  country: string | null;
}

/** The configured processors; null where nothing leaves this server (outbox, no TURN, own machines). */
export type Processors = Record<(typeof processorIds)[number], ExportProcessor | null>;

function hostOf(url: string): string | null {
  // turn:host:port?transport=udp has no '//', so URL would not give a host name.
  const match = /^[a-z]+:(?:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?]+)/i.exec(url);
  return match?.[1] ?? null;
}

export function processorsOf(config: Config): Processors {
  const named = (kind: ProcessorKind) => {
    const entry = config.processors[kind];
    return entry && entry !== 'self' ? entry : null;
  };
  const processor = (provider: string | null, entry: NamedProcessor | null): ExportProcessor => ({
    provider,
    name: entry?.name ?? null,
    address: entry?.address ?? null,
    country: entry?.country ?? null,
  });
  const hosting = named('hosting');
  const backup = named('backup');
  return {
    hosting: hosting ? processor(null, hosting) : null,
    backup: backup ? processor(null, backup) : null,
    smtp: config.mail.smtpUrl ? processor(hostOf(config.mail.smtpUrl), named('email')) : null,
    sms: config.sms ? processor(hostOf(config.sms.apiUrl), named('sms')) : null,
    turn: config.ice.turnUrls[0] ? processor(hostOf(config.ice.turnUrls[0]), named('turn')) : null,
    payment: config.billing ? processor('api.stripe.com', named('payment') ?? stripeEeaEntity) : null,
  };
}

export interface ExportFacts {
  account: AccountRow;
  organization: OrganizationRow | null;
  consents: Awaited<ReturnType<RightsStore['consentsOf']>>;
  sessions: Awaited<ReturnType<RightsStore['sessionsOf']>>;
  passkeys: PasskeyRow[];
  currentSessionIdHash: string;
  consultations: ConsultationRow[];
  invitations: InvitationRow[];
  contacts: ContactRow[];
  links: Awaited<ReturnType<RightsStore['pendingLinksOf']>>;
  appointments: Awaited<ReturnType<RightsStore['appointmentsOf']>>;
  bookingRules: Awaited<ReturnType<RightsStore['bookingRulesOf']>>;
  /** Issue 11: absent (customer null) without billing or for members and staff, who never see it. */
  billing: Awaited<ReturnType<RightsStore['billingOf']>>;
  processors: Processors;
  now: Date;
}

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value ? value.toISOString() : null);

/**
 * Art. 19 from stored facts: mail to the person always went through the mail service (the
 * confirmation link at least); invitations record their channels and deliveries; a started
 * consultation may have had its media relayed.
 */
function recipientsOf(facts: ExportFacts): DataExport['recipients'] {
  const { processors, consultations, invitations } = facts;
  const open = new Set(consultations.filter((row) => row.status === 'open').map((row) => row.id));
  const ended = consultations.filter((row) => row.status === 'ended');
  const sent = (channel: 'email' | 'sms') =>
    invitations.filter((row) => open.has(row.consultationId) && (channel === 'email' ? row.emailDelivery : row.smsDelivery) === 'sent').length +
    ended.filter((row) => row.invitationChannels.includes(channel)).length;
  const recipients: DataExport['recipients'] = [];
  // Every stored row lies with the hosting provider and in the backups.
  const stored = exportDatasets.filter((dataset) => presentIn(facts).has(dataset));
  if (processors.hosting) recipients.push({ recipient: 'hosting', ...processors.hosting, datasets: stored, deliveries: 0 });
  if (processors.backup) recipients.push({ recipient: 'backup', ...processors.backup, datasets: stored, deliveries: 0 });
  if (processors.smtp) {
    const datasets: ExportDataset[] = ['account', 'emailLinks'];
    if (facts.organization && facts.account.organizationRole === 'representative') datasets.push('organization');
    const invitationMails = sent('email');
    if (invitationMails > 0) datasets.push('invitations');
    recipients.push({ recipient: 'smtp', ...processors.smtp, datasets, deliveries: invitationMails });
  }
  // Stripe holds the subscription and the invoices it told us about.
  if (processors.payment && facts.billing.customer) {
    recipients.push({
      recipient: 'payment',
      ...processors.payment,
      datasets: facts.billing.invoices.length > 0 ? ['billing', 'invoices'] : ['billing'],
      deliveries: 0,
    });
  }
  const messages = sent('sms');
  if (processors.sms && messages > 0) recipients.push({ recipient: 'sms', ...processors.sms, datasets: ['invitations'], deliveries: messages });
  const calls = consultations.filter((row) => row.startedAt).length;
  if (processors.turn && calls > 0) recipients.push({ recipient: 'turn', ...processors.turn, datasets: ['consultations'], deliveries: calls });
  return recipients;
}

function presentIn(facts: ExportFacts): Set<ExportDataset> {
  const present = new Set<ExportDataset>(['account', 'consents', 'sessions', 'consultations', 'contacts', 'emailLinks']);
  if (facts.organization) present.add('organization');
  if (facts.invitations.length > 0) present.add('invitations');
  if (facts.appointments.length > 0) present.add('appointments');
  if (facts.bookingRules.settings || facts.bookingRules.hours.length > 0 || facts.bookingRules.absences.length > 0) present.add('bookingRules');
  if (facts.passkeys.length > 0) present.add('passkeys');
  if (facts.billing.customer) present.add('billing');
  if (facts.billing.invoices.length > 0) present.add('invoices');
  return present;
}

/** The booking settings in force: the saved ones, or the defaults of someone who never saved any. */
function bookingSettings(facts: ExportFacts) {
  const settings = facts.bookingRules.settings ?? defaultSettings(facts.account.id);
  return {
    bufferMinutes: settings.bufferMinutes,
    minimumNoticeMinutes: settings.minimumNoticeMinutes,
    horizonDays: settings.horizonDays,
    cancelDeadlineMinutes: settings.cancelDeadlineMinutes,
  };
}

/** Every field of the export is named here; nothing else about the person leaves the server. */
export function buildExport(facts: ExportFacts): DataExport {
  const { account, organization } = facts;
  const byConsultation = new Map<string, InvitationRow[]>();
  for (const row of facts.invitations) byConsultation.set(row.consultationId, [...(byConsultation.get(row.consultationId) ?? []), row]);
  const present = presentIn(facts);
  return {
    format: 'sprechzimmer.data-export',
    version: 1,
    generatedAt: iso(facts.now),
    account: {
      id: account.id,
      kind: account.kind,
      status: account.status,
      organizationRole: account.organizationRole,
      firstName: account.firstName,
      lastName: account.lastName,
      dateOfBirth: account.dateOfBirth,
      email: account.email,
      street: account.street,
      houseNumber: account.houseNumber,
      postalCode: account.postalCode,
      city: account.city,
      country: account.country,
      phone: account.phone,
      locale: account.locale,
      emailConfirmedAt: isoOrNull(account.emailConfirmedAt),
      passwordChangedAt: isoOrNull(account.passwordChangedAt),
      restrictedAt: isoOrNull(account.restrictedAt),
      doNotDisturbSince: isoOrNull(account.doNotDisturbSince),
      createdAt: iso(account.createdAt),
      updatedAt: iso(account.updatedAt),
    },
    organization: organization
      ? {
          id: organization.id,
          name: organization.name,
          email: organization.email,
          street: organization.street,
          houseNumber: organization.houseNumber,
          postalCode: organization.postalCode,
          city: organization.city,
          country: organization.country,
          phone: organization.phone,
          status: organization.status,
          createdAt: iso(organization.createdAt),
          updatedAt: iso(organization.updatedAt),
        }
      : null,
    consents: facts.consents.map((row) => ({
      document: row.document,
      version: row.version,
      acceptedAt: iso(row.acceptedAt),
      withdrawal: consentWithdrawal[row.document],
    })),
    sessions: facts.sessions.map((row) => ({
      startedAt: iso(row.createdAt),
      lastSeenAt: iso(row.lastSeenAt),
      expiresAt: iso(row.expiresAt),
      current: row.idHash === facts.currentSessionIdHash,
      browser: row.browser,
      os: row.os,
    })),
    passkeys: facts.passkeys.map((row) => ({
      name: row.name,
      createdAt: iso(row.createdAt),
      lastUsedAt: isoOrNull(row.lastUsedAt),
      credentialId: row.credentialId,
      publicKey: row.publicKey,
      signCount: row.signCount,
      transports: row.transports,
    })),
    consultations: facts.consultations.map((row) => ({
      id: row.id,
      status: row.status,
      validFrom: iso(row.validFrom),
      validUntil: iso(row.validUntil),
      createdAt: iso(row.createdAt),
      startedAt: isoOrNull(row.startedAt),
      endedAt: isoOrNull(row.endedAt),
      participantNames: row.participantNames,
      invitationChannels: row.invitationChannels,
      callMode: row.callMode,
      invitations: (byConsultation.get(row.id) ?? []).map((invitation) => ({
        guestName: invitation.guestName,
        guestEmail: invitation.guestEmail,
        guestPhone: invitation.guestPhone,
        status: invitation.status,
        emailDelivery: invitation.emailDelivery,
        smsDelivery: invitation.smsDelivery,
        lastSentAt: isoOrNull(invitation.lastSentAt),
        createdAt: iso(invitation.createdAt),
      })),
    })),
    contacts: facts.contacts.map((row) => ({
      id: row.id,
      name: row.name,
      email: row.email,
      phone: row.phone,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    })),
    emailLinks: facts.links.map((row) => ({
      purpose: row.purpose,
      newEmail: row.newEmail,
      createdAt: iso(row.createdAt),
      expiresAt: iso(row.expiresAt),
    })),
    appointments: facts.appointments.map((row) => ({
      id: row.id,
      typeName: row.typeName,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
      status: row.status,
      patientName: row.patientName,
      patientEmail: row.patientEmail,
      patientPhone: row.patientPhone,
      bookedBy: row.bookedBy,
      createdAt: iso(row.createdAt),
      cancelledAt: isoOrNull(row.cancelledAt),
    })),
    bookingRules: {
      ...bookingSettings(facts),
      hours: facts.bookingRules.hours.map((range) => ({ weekday: range.weekday, startMinute: range.startMinute, endMinute: range.endMinute })),
      absences: facts.bookingRules.absences.map((absence) => ({ startsAt: iso(absence.startsAt), endsAt: iso(absence.endsAt) })),
    },
    billing: facts.billing.customer
      ? {
          stripeCustomerId: facts.billing.customer.stripeCustomerId,
          stripeSubscriptionId: facts.billing.customer.stripeSubscriptionId,
          plan: facts.billing.customer.plan,
          status: facts.billing.customer.status,
          quantity: facts.billing.customer.quantity,
          currentPeriodEnd: isoOrNull(facts.billing.customer.currentPeriodEnd),
          trialEnd: isoOrNull(facts.billing.customer.trialEnd),
          cancelAtPeriodEnd: facts.billing.customer.cancelAtPeriodEnd,
        }
      : null,
    invoices: facts.billing.invoices.map((row) => ({
      id: row.id,
      number: row.number,
      issuedAt: iso(row.issuedAt),
      amount: row.amount,
      currency: row.currency,
      status: row.status,
    })),
    processing: exportDatasets
      .filter((dataset) => present.has(dataset))
      .map((dataset) => {
        const processing = datasetProcessing(dataset);
        return {
          dataset,
          purpose: processing.purpose,
          legalBases: [...processing.legalBases],
          retention: retentionOf(processing.retention),
          // Only processors this installation uses: no hosting provider on one's own machines, no outbox.
          recipients: processing.recipients.filter((recipient) => facts.processors[recipient] !== null),
          origin: dataset === 'organization' && account.organizationRole === 'representative' ? 'providedByYou' : processing.origin,
        };
      }),
    recipients: recipientsOf(facts),
  };
}
