/**
 * Where a processor may sit without further safeguards (Chapter V GDPR): the EU/EEA, and countries
 * with an adequacy decision of the European Commission (Art. 45). Any other country needs a safeguard
 * of Art. 46/47 that the operator states in the processor's configuration.
 *
 * Source: European Commission, "Adequacy decisions",
 * https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en
 * — list as of 2025-09 (checked for this file on 2026-12-06). Review it when the Commission adopts,
 * amends or a court annuls a decision; the policy text follows this list.
 */

/** The 27 EU member states and Iceland, Liechtenstein and Norway (ISO 3166-1 alpha-2; Greece is GR). */
const eeaCountries = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
] as const;

/**
 * Adequacy decisions (Art. 45 GDPR). `partial`: the decision covers only some recipients there —
 * Canada: organisations under PIPEDA; USA: organisations certified under the EU-U.S. Data Privacy
 * Framework — so the operator must still state the basis (for the USA, `DPF` when certified).
 */
const adequacyDecisions: Record<string, { partial: boolean }> = {
  AD: { partial: false }, // Andorra
  AR: { partial: false }, // Argentina
  CA: { partial: true }, // Canada (commercial organisations, PIPEDA)
  CH: { partial: false }, // Switzerland
  FO: { partial: false }, // Faroe Islands
  GB: { partial: false }, // United Kingdom
  GG: { partial: false }, // Guernsey
  IL: { partial: false }, // Israel
  IM: { partial: false }, // Isle of Man
  JE: { partial: false }, // Jersey
  JP: { partial: false }, // Japan
  KR: { partial: false }, // Republic of Korea
  NZ: { partial: false }, // New Zealand
  US: { partial: true }, // USA (EU-U.S. Data Privacy Framework, certified organisations only)
  UY: { partial: false }, // Uruguay
};

/**
 * Safeguards an operator may state for a transfer: standard contractual clauses (Art. 46(2)(c)),
 * binding corporate rules (Art. 47), or the EU-U.S. Data Privacy Framework (Art. 45, USA only).
 */
export const safeguards = ['SCC', 'BCR', 'DPF'] as const;
export type Safeguard = (typeof safeguards)[number];

export type TransferBasis = 'eea' | 'adequacy' | 'needsSafeguard';

/** How data may go to a processor in this country (ISO 3166-1 alpha-2, upper case). */
export function transferBasis(country: string): TransferBasis {
  if ((eeaCountries as readonly string[]).includes(country)) return 'eea';
  const decision = adequacyDecisions[country];
  return decision && !decision.partial ? 'adequacy' : 'needsSafeguard';
}
