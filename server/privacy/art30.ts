import { PRIVACY_POLICY_VERSION } from '../../common/legal';
import {
  configuredRecipients,
  countryName,
  installedActivities,
  policyTexts,
  recipientName,
  retentionInWords,
  transferOf,
  type PolicyLanguage,
} from './policy-document';
import type { PolicySources } from './settings';
import { recipients as recipientOrder } from './vocabulary';

/**
 * The record of processing activities (Art. 30(1) GDPR) for the operator: one activity per
 * purpose of the data inventory, with the configuration's controller and processors. A pure
 * function, so the operator area and the CLI (art30-cli.ts) render the same record.
 */
export interface Art30Record {
  title: string;
  generatedFrom: string;
  privacyPolicyVersion: string;
  controller: { name: string; address: string; email: string | null };
  privacyContact: { name: string | null; email: string | null };
  /** The processors of this installation with what they receive (the activities they serve). */
  processors: { name: string; address: string | null; country: string | null; transfer: string | null; activities: string[] }[];
  supervisoryAuthority: { name: string; address: string; url: string } | null;
  activities: {
    id: string;
    name: string;
    purpose: string;
    subjects: string[];
    data: { category: string; fields: string[] }[];
    legalBases: string[];
    recipients: string[];
    thirdCountries: string[];
    retention: string[];
  }[];
  measures: string[];
}

export function art30Record(language: PolicyLanguage, sources: PolicySources): Art30Record {
  const texts = policyTexts[language];
  const { settings } = sources;
  const activities = installedActivities(sources);
  return {
    title: texts.art30.title,
    generatedFrom: texts.art30.generatedFrom,
    privacyPolicyVersion: PRIVACY_POLICY_VERSION,
    controller: settings.controller,
    privacyContact: settings.privacyContact,
    processors: recipientOrder
      .filter((recipient) => activities.some((activity) => configuredRecipients(activity, settings).includes(recipient)))
      .map((recipient) => {
        const named = settings.processors[recipient]?.named ?? null;
        return {
          name: recipientName(recipient, settings, texts),
          address: named?.address ?? null,
          country: named ? countryName(named.country, language) : null,
          transfer: transferOf(recipient, settings, language),
          activities: activities.filter((activity) => activity.recipients.includes(recipient)).map((activity) => texts.purposes[activity.purpose].title),
        };
      }),
    supervisoryAuthority: settings.supervisoryAuthority,
    activities: activities.map((activity) => {
      const recipients = configuredRecipients(activity, settings);
      return {
        id: activity.purpose,
        name: texts.purposes[activity.purpose].title,
        purpose: texts.purposes[activity.purpose].description,
        subjects: activity.subjects.length ? activity.subjects.map((subject) => texts.subjects[subject]) : [texts.noPersonalData],
        data: activity.categories.map((category) => ({
          category: texts.categories[category],
          fields: (activity.fieldsByCategory.get(category) ?? []).map((field) => texts.fields[field]),
        })),
        legalBases: activity.legalBases.map((basis) => texts.legalBases[basis].label),
        recipients: recipients.map((recipient) => recipientName(recipient, settings, texts)),
        thirdCountries: recipients.flatMap((recipient) => transferOf(recipient, settings, language) ?? []),
        retention: activity.retention.map((rule) => retentionInWords(rule, sources.rules, texts)),
      };
    }),
    measures: texts.art30.measuresText,
  };
}

/** Table cells must not break the Markdown table. */
const cell = (value: string) => value.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function art30Markdown(record: Art30Record, language: PolicyLanguage): string {
  const labels = policyTexts[language].art30;
  const none = policyTexts[language].nobody;
  const list = (values: string[]) => (values.length ? values.map(cell).join('; ') : none);
  const lines = [
    `# ${record.title}`,
    '',
    `${record.generatedFrom}`,
    '',
    `**${labels.controller}:** ${cell(record.controller.name)}, ${cell(record.controller.address)}${record.controller.email ? `, ${record.controller.email}` : ''}`,
    '',
    `**${labels.privacyContact}:** ${[record.privacyContact.name, record.privacyContact.email].filter(Boolean).join(', ') || '—'}`,
    '',
    `**${labels.authority}:** ${record.supervisoryAuthority ? [record.supervisoryAuthority.name, record.supervisoryAuthority.address, record.supervisoryAuthority.url].map(cell).join(', ') : '—'}`,
    '',
    `## ${labels.processors}`,
    '',
    ...(record.processors.length
      ? record.processors.map(
          (processor) =>
            `- ${cell([processor.name, processor.address, processor.country].filter(Boolean).join(', '))}: ${cell(processor.activities.join(', '))}${processor.transfer ? ` — ${cell(processor.transfer)}` : ''}`,
        )
      : [labels.noProcessors]),
    '',
  ];
  for (const activity of record.activities) {
    lines.push(
      `## ${labels.activity}: ${activity.name}`,
      '',
      '| | |',
      '|---|---|',
      `| ${labels.purpose} | ${cell(activity.purpose)} |`,
      `| ${labels.subjects} | ${list(activity.subjects)} |`,
      `| ${labels.data} | ${list(activity.data.map((entry) => `${entry.category}: ${entry.fields.join(', ')}`))} |`,
      `| ${labels.legalBases} | ${list(activity.legalBases)} |`,
      `| ${labels.recipients} | ${list(activity.recipients)} |`,
      `| ${labels.thirdCountries} | ${activity.thirdCountries.length ? list(activity.thirdCountries) : labels.noThirdCountry} |`,
      `| ${labels.retention} | ${list(activity.retention)} |`,
      '',
    );
  }
  lines.push(`## ${labels.measures}`, '', ...record.measures.map((measure) => `- ${measure}`), '');
  return lines.join('\n');
}
