import * as z from 'zod';
import { safeguards, transferBasis, type Safeguard } from '../privacy/countries';

/**
 * The parties an operator names in configuration (P-26, P-27): processors and the supervisory
 * authority, each parsed from one variable with a fix-it message that shows the format.
 */

/** The processors an operator may name (P-26): one `PROCESSOR_<KIND>` variable each. */
export const processorKinds = ['hosting', 'backup', 'email', 'sms', 'turn', 'payment', 'analytics'] as const;
export type ProcessorKind = (typeof processorKinds)[number];

/** A processor as the operator names it; what it receives comes from the data inventory. */
export interface NamedProcessor {
  name: string;
  address: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Required outside the EU/EEA where no (full) adequacy decision applies (server/privacy/countries.ts). */
  safeguard: Safeguard | null;
}

const PROCESSOR_FORMAT = '"Name | street, postcode city | country code", e.g. "Hetzner Online GmbH | Industriestr. 25, 91710 Gunzenhausen | DE"';

/** `Name | postal address | CC[ | SCC|BCR|DPF]`: `|` separates, so addresses keep their commas. */
function parseProcessor(value: string, context: z.RefinementCtx<string>): NamedProcessor {
  const parts = value.split('|').map((part) => part.trim());
  const [name = '', address = '', countryGiven = '', safeguardGiven] = parts;
  const fail = (message: string) => {
    context.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (parts.length < 3 || parts.length > 4 || !name || !address || !countryGiven) return fail(`use ${PROCESSOR_FORMAT}`);
  const country = countryGiven.toUpperCase();
  if (!/^[A-Z]{2}$/.test(country)) return fail(`the third part is the country as a two-letter ISO code (DE, IE, US …); use ${PROCESSOR_FORMAT}`);
  const safeguard = safeguardGiven?.toUpperCase();
  if (safeguard !== undefined && !(safeguards as readonly string[]).includes(safeguard)) {
    return fail(
      'the fourth part is the safeguard of a transfer outside the EU/EEA: SCC (standard contractual clauses), BCR (binding corporate rules) or DPF (EU-U.S. Data Privacy Framework, USA only)',
    );
  }
  if (safeguard === 'DPF' && country !== 'US') return fail('DPF (EU-U.S. Data Privacy Framework) applies only to processors in the USA: use SCC or BCR');
  if (transferBasis(country) === 'needsSafeguard' && !safeguard) {
    return fail(
      `${name} is in ${country}, outside the EU/EEA without a full adequacy decision: add the safeguard your contract with them uses as a fourth part, e.g. "… | ${country} | SCC" (standard contractual clauses)${country === 'US' ? ' or "| DPF" if they are certified under the EU-U.S. Data Privacy Framework' : ''}`,
    );
  }
  return { name, address, country, safeguard: (safeguard as Safeguard | undefined) ?? null };
}

export const namedProcessor = z.string().transform(parseProcessor);

/** Hosting and backup may be the operator's own machines: `self` names no processor. */
export const ownOrNamedProcessor = z
  .string()
  .transform((value, context): NamedProcessor | 'self' => (value.trim().toLowerCase() === 'self' ? 'self' : parseProcessor(value, context)));

export const AUTHORITY_EXAMPLE =
  'SUPERVISORY_AUTHORITY="Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen | Kavalleriestr. 2-4, 40213 Düsseldorf | https://www.ldi.nrw.de"';

/** `Name | postal address | https://…`: the authority competent for the operator (Art. 77 GDPR). */
export const supervisoryAuthority = z.string().transform((value, context) => {
  const [name = '', address = '', url = '', ...rest] = value.split('|').map((part) => part.trim());
  if (!name || !address || rest.length > 0 || !/^https?:\/\/[^\s]+$/.test(url)) {
    context.addIssue({ code: 'custom', message: `use "Name | postal address | web address", e.g. ${AUTHORITY_EXAMPLE}` });
    return z.NEVER;
  }
  return { name, address, url };
});
