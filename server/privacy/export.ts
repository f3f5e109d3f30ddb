import type { DataExport, ExportDataset } from '../../common/api/privacy-rights';
import { exportDatasets } from '../../common/api/privacy-rights';
import type { AccountRow } from '../accounts/store';
import type { Config } from '../config/config';
import type { ContactRow } from '../contacts/store';
import type { ConsultationRow, InvitationRow } from '../consultations/store';
import type { OrganizationRow } from '../organizations/store';
import type { PrivacyStore } from './store';
import { consentWithdrawal } from './consents';
import { datasetProcessing, retentionOf } from './processing';

/** The configured processors, by host name; null where nothing leaves this server (outbox, no TURN). */
export interface Processors {
  smtp: string | null;
  sms: string | null;
  turn: string | null;
}

function hostOf(url: string): string | null {
  // turn:host:port?transport=udp has no '//', so URL would not give a host name.
  const match = /^[a-z]+:(?:\/\/)?(?:[^@/]*@)?(\[[^\]]+\]|[^:/?]+)/i.exec(url);
  return match?.[1] ?? null;
}

export function processorsOf(config: Config): Processors {
  return {
    smtp: config.mail.smtpUrl ? hostOf(config.mail.smtpUrl) : null,
    sms: config.sms ? hostOf(config.sms.apiUrl) : null,
    turn: config.ice.turnUrls[0] ? hostOf(config.ice.turnUrls[0]) : null,
  };
}

export interface ExportFacts {
  account: AccountRow;
  organization: OrganizationRow | null;
  consents: Awaited<ReturnType<PrivacyStore['consentsOf']>>;
  sessions: Awaited<ReturnType<PrivacyStore['sessionsOf']>>;
  currentSessionIdHash: string;
  consultations: ConsultationRow[];
  invitations: InvitationRow[];
  contacts: ContactRow[];
  links: Awaited<ReturnType<PrivacyStore['pendingLinksOf']>>;
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
  if (processors.smtp) {
    const datasets: ExportDataset[] = ['account', 'emailLinks'];
    if (facts.organization && facts.account.organizationRole === 'representative') datasets.push('organization');
    const invitationMails = sent('email');
    if (invitationMails > 0) datasets.push('invitations');
    recipients.push({ recipient: 'smtp', provider: processors.smtp, datasets, deliveries: invitationMails });
  }
  const messages = sent('sms');
  if (processors.sms && messages > 0) recipients.push({ recipient: 'sms', provider: processors.sms, datasets: ['invitations'], deliveries: messages });
  const calls = consultations.filter((row) => row.startedAt).length;
  if (processors.turn && calls > 0) recipients.push({ recipient: 'turn', provider: processors.turn, datasets: ['consultations'], deliveries: calls });
  return recipients;
}

/** Every field of the export is named here; nothing else about the person leaves the server. */
export function buildExport(facts: ExportFacts): DataExport {
  const { account, organization } = facts;
  const byConsultation = new Map<string, InvitationRow[]>();
  for (const row of facts.invitations) byConsultation.set(row.consultationId, [...(byConsultation.get(row.consultationId) ?? []), row]);
  const present = new Set<ExportDataset>(['account', 'consents', 'sessions', 'consultations', 'contacts', 'emailLinks']);
  if (organization) present.add('organization');
  if (facts.invitations.length > 0) present.add('invitations');
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
    processing: exportDatasets
      .filter((dataset) => present.has(dataset))
      .map((dataset) => {
        const processing = datasetProcessing(dataset);
        return {
          dataset,
          purpose: processing.purpose,
          legalBases: [...processing.legalBases],
          retention: retentionOf(processing.retention),
          recipients: [...processing.recipients],
          origin: dataset === 'organization' && account.organizationRole === 'representative' ? 'providedByYou' : processing.origin,
        };
      }),
    recipients: recipientsOf(facts),
  };
}
