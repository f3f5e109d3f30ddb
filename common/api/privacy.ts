import * as z from 'zod';

/** The published privacy policy: rendered by the server from its data inventory and configuration. */
export const privacyPolicyQuery = z.strictObject({ lang: z.enum(['de', 'en']).default('de') });

const section = <T extends z.ZodType>(item: T) => z.object({ heading: z.string(), items: z.array(item) });

export const privacyPolicyResponse = z.object({
  language: z.enum(['de', 'en']),
  /** Date of the policy text's version (the one customers accept). */
  version: z.string(),
  title: z.string(),
  intro: z.string(),
  controller: z.object({ heading: z.string(), text: z.string(), name: z.string(), address: z.string(), email: z.string().nullable() }),
  privacyContact: z.object({ heading: z.string(), text: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
  principles: section(z.string()),
  purposes: section(
    z.object({
      id: z.string(),
      title: z.string(),
      description: z.string(),
      data: z.array(z.string()),
      subjects: z.array(z.string()),
      legalBases: z.array(z.string()),
      retention: z.array(z.string()),
      recipients: z.array(z.string()),
    }),
  ).extend({ intro: z.string() }),
  categories: section(z.object({ id: z.string(), label: z.string(), data: z.array(z.string()) })),
  legalBases: section(z.object({ id: z.string(), label: z.string(), text: z.string(), purposes: z.array(z.string()) })),
  retention: section(z.object({ rule: z.string(), text: z.string(), purposes: z.array(z.string()) })),
  recipients: section(
    z.object({
      id: z.string(),
      name: z.string(),
      text: z.string(),
      location: z.string(),
      /** A transfer outside the EU/EEA and its basis or safeguard; null inside. */
      transfer: z.string().nullable(),
      purposes: z.array(z.string()),
    }),
  ).extend({
    /** The intro, or the sentence that there are none. */
    intro: z.string(),
  }),
  cookies: section(z.object({ name: z.string(), kind: z.string(), purpose: z.string(), lifetime: z.string() })).extend({ intro: z.string() }),
  rights: section(z.object({ article: z.string(), title: z.string(), text: z.string() })).extend({
    closing: z.string(),
    /** The supervisory authority competent for the operator (Art. 77 GDPR), as configured. */
    authority: z.object({ name: z.string(), address: z.string(), url: z.string() }).nullable(),
  }),
});
export type PrivacyPolicy = z.infer<typeof privacyPolicyResponse>;
