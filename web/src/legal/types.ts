/** Our own legal texts; `{{operator}}` stands for the operator's name from /api/site. */
export interface LegalSection {
  heading: string;
  paragraphs: string[];
  list?: string[];
  /** Show the operator's name, postal address and e-mail after the paragraphs. */
  operatorBlock?: boolean;
}

export interface LegalDocument {
  title: string;
  intro: string;
  sections: LegalSection[];
}

export interface LegalTexts {
  privacy: LegalDocument;
  terms: LegalDocument;
  imprint: LegalDocument;
}
