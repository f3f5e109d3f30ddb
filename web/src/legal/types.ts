/** Our own legal texts; `{{operator}}` stands for the operator's name from /api/site. */
interface LegalSection {
  heading: string;
  paragraphs: string[];
  list?: string[];
  /** Show the operator's name, postal address and e-mail after the paragraphs. */
  operatorBlock?: boolean;
}

interface LegalDocument {
  title: string;
  intro: string;
  sections: LegalSection[];
}

/** The privacy policy is not here: the server renders it from its data inventory (PrivacyPage.tsx). */
export interface LegalTexts {
  terms: LegalDocument;
  imprint: LegalDocument;
}
