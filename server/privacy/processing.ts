import type { ExportDataset, dataOrigins, processorIds } from '../../common/api/privacy-rights';
import { retentionRules, type RuleName } from '../retention/policy';

/**
 * Why and how each part of the export is processed (Art. 15(1)(a, c, d, g)). Purpose, legal bases,
 * retention and recipients belong to the data inventory; this adapter is the one place the export
 * reads them from, so that the inventory registry replaces it without touching the export.
 */
export interface DatasetProcessing {
  purpose: string;
  legalBases: readonly string[];
  retention: readonly RuleName[];
  recipients: readonly (typeof processorIds)[number][];
  origin: (typeof dataOrigins)[number];
}

const accountData: RuleName[] = ['accountData', 'unconfirmedRegistrations'];

/** Ids follow the inventory's vocabulary (purposes, legal bases, recipients). */
export const datasetProcessing: Record<ExportDataset, DatasetProcessing> = {
  account: { purpose: 'customerAccount', legalBases: ['art6_1b'], retention: accountData, recipients: ['smtp'], origin: 'providedByYou' },
  organization: {
    purpose: 'organisationAccount',
    legalBases: ['art6_1b'],
    retention: accountData,
    recipients: ['smtp'],
    origin: 'providedByOrganization',
  },
  consents: { purpose: 'consentProof', legalBases: ['art6_1c'], retention: ['accountData'], recipients: [], origin: 'providedByYou' },
  sessions: { purpose: 'login', legalBases: ['art6_1b'], retention: ['loginSessions'], recipients: [], origin: 'recordedByUse' },
  consultations: {
    purpose: 'activityDocumentation',
    legalBases: ['art6_1b'],
    retention: ['callMetadata'],
    recipients: ['turn'],
    origin: 'recordedByUse',
  },
  invitations: {
    purpose: 'consultation',
    legalBases: ['art6_1b', 'art6_1f'],
    retention: ['guestData', 'abandonedConsultation'],
    recipients: ['smtp', 'sms'],
    origin: 'providedByYouAboutOthers',
  },
  contacts: { purpose: 'contacts', legalBases: ['art6_1b', 'art6_1f'], retention: ['accountData'], recipients: [], origin: 'providedByYouAboutOthers' },
  emailLinks: { purpose: 'emailLinks', legalBases: ['art6_1b'], retention: ['emailLinks'], recipients: ['smtp'], origin: 'recordedByUse' },
};

export function retentionOf(rules: readonly RuleName[]): { rule: string; description: string }[] {
  return rules.map((rule) => ({ rule, description: retentionRules[rule].description }));
}
