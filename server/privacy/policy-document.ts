import type { PrivacyPolicy } from '../../common/api/privacy';
import { PRIVACY_POLICY_VERSION } from '../../common/legal';
import type { RuleName } from '../retention/policy';
import { activitiesOf, type Activity, type Inventory, type RetentionRules } from './activities';
import type { PrivacySettings } from './settings';
import { periodInWords, type PolicyTexts } from './texts';
import { textsDe } from './texts.de';
import { textsEn } from './texts.en';
import { appliesWith, browserStorage } from './transient';
import { categories, legalBases, recipients, type Recipient } from './vocabulary';

export type PolicyLanguage = 'de' | 'en';
export const policyTexts: Record<PolicyLanguage, PolicyTexts> = { de: textsDe, en: textsEn };

export interface PolicySources {
  inventory: Inventory;
  rules: RetentionRules;
  settings: PrivacySettings;
}

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

function purposesWhere(activities: Activity[], texts: PolicyTexts, test: (activity: Activity) => boolean): string[] {
  return activities.filter(test).map((activity) => texts.purposes[activity.purpose].title);
}

/** The privacy policy in one language, from the registry, the retention rules and the configuration. */
export function renderPrivacyPolicy(language: PolicyLanguage, sources: PolicySources): PrivacyPolicy {
  const texts = policyTexts[language];
  const { rules, settings } = sources;
  const activities = installedActivities(sources);
  const analyticsHosts = settings.processors.analytics;
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
          recipients: sent.length ? sent.map((recipient) => texts.recipients[recipient].name(settings.processors[recipient] ?? [])) : [texts.nobody],
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
      items: usedRecipients.map((recipient) => ({
        id: recipient,
        name: texts.recipients[recipient].name(settings.processors[recipient] ?? []),
        text: texts.recipients[recipient].text,
        location: texts.recipients[recipient].location,
        purposes: purposesWhere(activities, texts, (activity) => activity.recipients.includes(recipient)),
      })),
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
      closing: texts.rightsClosing,
    },
  };
}
