import type { Period, RuleName } from '../retention/policy';
import type { Safeguard } from './countries';
import type { TransientDeclaration, StorageDeclaration } from './transient';
import type { Category, Field, LegalBasis, Purpose, Recipient, Subject } from './vocabulary';

/**
 * The words the privacy policy and the Art. 30 record are made of, one set per language. Every
 * record is complete over its vocabulary, so a new purpose, field or retention rule does not
 * compile until it is worded in German and English.
 */
export interface PolicyTexts {
  title: string;
  intro: string;
  headings: {
    controller: string;
    privacyContact: string;
    principles: string;
    purposes: string;
    categories: string;
    legalBases: string;
    retention: string;
    recipients: string;
    cookies: string;
    rights: string;
  };
  controllerText: string;
  privacyContactText: string;
  /** When no separate contact is configured. */
  privacyContactMissing: string;
  /** Always true; the last principle depends on whether analytics is configured. */
  principles: string[];
  principleNoTracking: string;
  /** With the operator's analytics hosts (ANALYTICS_URL): replaces principleNoTracking. */
  principlesWithAnalytics: (hosts: string[]) => string[];
  purposesIntro: string;
  recipientsIntro: string;
  noRecipients: string;
  /** Shown under a purpose whose data goes to no processor. */
  nobody: string;
  /** Shown as the data subjects of data that names nobody (deletion receipts). */
  noPersonalData: string;
  cookiesIntro: string;
  /** Added to cookiesIntro where analytics is configured: what the script may store, with consent. */
  cookiesAnalytics: (hosts: string[]) => string;
  categories: Record<Category, string>;
  subjects: Record<Subject, string>;
  legalBases: Record<LegalBasis, { label: string; text: string }>;
  purposes: Record<Purpose, { title: string; description: string }>;
  fields: Record<Field, string>;
  /** `period` is the rule's period in words ("3 Monate"), or null when the rule applies at once. */
  retention: Record<RuleName, (period: string | null) => string>;
  period: { hours: (n: number) => string; days: (n: number) => string; months: (n: number) => string; years: (n: number) => string };
  recipients: Record<
    Recipient,
    {
      /** What the processor does, after its configured name: "IONOS SE (hosting and database)". */
      role: string;
      /** Without a configured name: the role with the hosts this installation talks to. */
      name: (hosts: string[]) => string;
      text: string;
      /** Without a configured name and address. */
      location: string;
      /** For the Art. 30 record when no processor is named; null inside the EU/EEA. */
      thirdCountry: string | null;
    }
  >;
  /**
   * A named processor's transfer outside the EU/EEA (Art. 13(1)(f), Art. 30(1)(e) GDPR), with the
   * country's name in this language.
   */
  transfer: { adequacy: (country: string) => string; safeguard: Record<Safeguard, (country: string) => string> };
  transient: Record<TransientDeclaration['id'], string>;
  storage: {
    purpose: Record<StorageDeclaration['id'], string>;
    kind: Record<StorageDeclaration['kind'], string>;
    lifetime: Record<StorageDeclaration['lifetime'], string>;
  };
  /** `withAnalytics`: added to the right's text where analytics is configured, where it holds differently. */
  rights: { article: string; title: string; text: string; withAnalytics?: string }[];
  /** Without a configured authority. */
  rightsClosing: string;
  /** With SUPERVISORY_AUTHORITY: followed by its name, address and web address. */
  rightsClosingAuthority: string;
  /** Column headers and labels of the Art. 30 record. */
  art30: {
    title: string;
    controller: string;
    privacyContact: string;
    activity: string;
    purpose: string;
    subjects: string;
    data: string;
    legalBases: string;
    recipients: string;
    thirdCountries: string;
    noThirdCountry: string;
    retention: string;
    measures: string;
    measuresText: string[];
    processors: string;
    noProcessors: string;
    authority: string;
    generatedFrom: string;
  };
}

/** "3 Monate", "10 Jahre", "7 Tage", or null when the rule applies at once. */
export function periodInWords(after: Period, words: PolicyTexts['period']): string | null {
  if ('years' in after) return after.years === 0 ? null : words.years(after.years);
  if ('days' in after) return after.days === 0 ? null : words.days(after.days);
  if ('months' in after) {
    if (after.months === 0) return null;
    return after.months % 12 === 0 ? words.years(after.months / 12) : words.months(after.months);
  }
  if (after.hours === 0) return null;
  return after.hours % 24 === 0 ? words.days(after.hours / 24) : words.hours(after.hours);
}
