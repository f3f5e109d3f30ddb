import type { PrivacyPolicy } from '../../common/api/privacy';
import { PRIVACY_POLICY_VERSION } from '../../common/legal';
import type { RuleName } from '../retention/policy';
import { activitiesOf, type Activity, type RetentionRules } from './activities';
import { transferBasis } from './countries';
import type { PolicySources, PrivacySettings } from './settings';
import { periodInWords, type PolicyTexts } from './texts';
import { textsDe } from './texts.de';
import { textsEn } from './texts.en';
import { appliesWith, browserStorage } from './transient';
import { categories, legalBases, recipients, type Recipient } from './vocabulary';

export type PolicyLanguage = 'de' | 'en';
export const policyTexts: Record<PolicyLanguage, PolicyTexts> = { de: textsDe, en: textsEn };

export function retentionInWords(rule: RuleName, rules: RetentionRules, texts: PolicyTexts): string {
  return texts.retention[rule](periodInWords(rules[rule].after, texts.period));
}

const isConfigured = (settings: PrivacySettings) => (recipient: Recipient) => settings.processors[recipient] !== undefined;

/** Processors the activity uses that this installation has configured; the others receive nothing. */
export function configuredRecipients(activity: Activity, settings: PrivacySettings): Recipient[] {
  return activity.recipients.filter(isConfigured(settings));
}

/** The activities of this installation: those that exist only with an unconfigured recipient are left out. */
export function installedActivities(sources: PolicySources): Activity[] {
  return activitiesOf(sources.inventory, isConfigured(sources.settings));
}

/** "IONOS SE (hosting and database)" where the operator named it; otherwise the role with its hosts. */
export function recipientName(recipient: Recipient, settings: PrivacySettings, texts: PolicyTexts): string {
  const facts = settings.processors[recipient];
  const hosts = facts?.hosts ?? [];
  if (!facts?.named) return texts.recipients[recipient].name(hosts);
  return `${facts.named.name} (${[texts.recipients[recipient].role, ...hosts].join(', ')})`;
}

export function countryName(code: string, language: PolicyLanguage): string {
  return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
}

/**
 * The transfer to a third country this recipient means, or null inside the EU/EEA (Art. 13(1)(f)).
 * A named processor's country decides; an unnamed one keeps the adapter's default (Twilio: USA).
 */
export function transferOf(recipient: Recipient, settings: PrivacySettings, language: PolicyLanguage): string | null {
  const texts = policyTexts[language];
  const named = settings.processors[recipient]?.named;
  if (!named) return texts.recipients[recipient].thirdCountry;
  const basis = transferBasis(named.country);
  if (basis === 'eea') return null;
  const country = countryName(named.country, language);
  if (basis === 'adequacy') return texts.transfer.adequacy(country);
  // The configuration refuses such a processor without a safeguard (config.ts).
  if (!named.safeguard) throw new Error(`${named.name}: a transfer to ${named.country} needs a safeguard`);
  return texts.transfer.safeguard[named.safeguard](country);
}

function purposesWhere(activities: Activity[], texts: PolicyTexts, test: (activity: Activity) => boolean): string[] {
  return activities.filter(test).map((activity) => texts.purposes[activity.purpose].title);
}

/** The privacy policy in one language, from the registry, the retention rules and the configuration. */
export function renderPrivacyPolicy(language: PolicyLanguage, sources: PolicySources): PrivacyPolicy {
  const texts = policyTexts[language];
  const { rules, settings } = sources;
  const activities = installedActivities(sources);
  const analyticsHosts = settings.processors.analytics?.hosts;
  const usedRules: RuleName[] = [];
  for (const activity of activities) for (const rule of activity.retention) if (!usedRules.includes(rule)) usedRules.push(rule);
  const usedRecipients = recipients.filter(
    (recipient) => isConfigured(settings)(recipient) && activities.some((activity) => activity.recipients.includes(recipient)),
  );

  return {
    language,
    version: PRIVACY_POLICY_VERSION,
    title: texts.title,
    intro: texts.intro,
    controller: { heading: texts.headings.controller, text: texts.controllerText, ...settings.controller },
    privacyContact: {
      heading: texts.headings.privacyContact,
      text: settings.privacyContact.email ? texts.privacyContactText : texts.privacyContactMissing,
      ...settings.privacyContact,
    },
    principles: {
      heading: texts.headings.principles,
      items: [...texts.principles, ...(analyticsHosts ? texts.principlesWithAnalytics(analyticsHosts) : [texts.principleNoTracking])],
    },
    purposes: {
      heading: texts.headings.purposes,
      intro: texts.purposesIntro,
      items: activities.map((activity) => {
        const sent = configuredRecipients(activity, settings);
        return {
          id: activity.purpose,
          ...texts.purposes[activity.purpose],
          data: activity.fields.map((field) => texts.fields[field]),
          subjects: activity.subjects.length ? activity.subjects.map((subject) => texts.subjects[subject]) : [texts.noPersonalData],
          legalBases: activity.legalBases.map((basis) => texts.legalBases[basis].label),
          retention: activity.retention.map((rule) => retentionInWords(rule, rules, texts)),
          recipients: sent.length ? sent.map((recipient) => recipientName(recipient, settings, texts)) : [texts.nobody],
        };
      }),
    },
    categories: {
      heading: texts.headings.categories,
      items: categories
        .filter((category) => activities.some((activity) => activity.categories.includes(category)))
        .map((category) => {
          const fields = new Set(activities.flatMap((activity) => activity.fieldsByCategory.get(category) ?? []));
          return { id: category, label: texts.categories[category], data: [...fields].map((field) => texts.fields[field]) };
        }),
    },
    legalBases: {
      heading: texts.headings.legalBases,
      items: legalBases
        .filter((basis) => activities.some((activity) => activity.legalBases.includes(basis)))
        .map((basis) => ({
          id: basis,
          ...texts.legalBases[basis],
          purposes: purposesWhere(activities, texts, (activity) => activity.legalBases.includes(basis)),
        })),
    },
    retention: {
      heading: texts.headings.retention,
      items: usedRules.map((rule) => ({
        rule,
        text: retentionInWords(rule, rules, texts),
        purposes: purposesWhere(activities, texts, (activity) => activity.retention.includes(rule)),
      })),
    },
    recipients: {
      heading: texts.headings.recipients,
      intro: usedRecipients.length ? texts.recipientsIntro : texts.noRecipients,
      items: usedRecipients.map((recipient) => {
        const named = settings.processors[recipient]?.named ?? null;
        return {
          id: recipient,
          name: recipientName(recipient, settings, texts),
          text: texts.recipients[recipient].text,
          location: named ? `${named.address}, ${countryName(named.country, language)}` : texts.recipients[recipient].location,
          transfer: transferOf(recipient, settings, language),
          purposes: purposesWhere(activities, texts, (activity) => activity.recipients.includes(recipient)),
        };
      }),
    },
    cookies: {
      heading: texts.headings.cookies,
      intro: analyticsHosts ? `${texts.cookiesIntro} ${texts.cookiesAnalytics(analyticsHosts)}` : texts.cookiesIntro,
      items: browserStorage(settings.secureContext)
        .filter(appliesWith(isConfigured(settings)))
        .map((entry) => ({
          name: entry.name,
          kind: texts.storage.kind[entry.kind],
          purpose: texts.storage.purpose[entry.id],
          lifetime: texts.storage.lifetime[entry.lifetime],
        })),
    },
    rights: {
      heading: texts.headings.rights,
      items: texts.rights.map(({ withAnalytics, ...right }) =>
        analyticsHosts && withAnalytics ? { ...right, text: `${right.text} ${withAnalytics}` } : right,
      ),
      closing: settings.supervisoryAuthority ? texts.rightsClosingAuthority : texts.rightsClosing,
      authority: settings.supervisoryAuthority,
    },
  };
}
