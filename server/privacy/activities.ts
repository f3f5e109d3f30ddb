import { retentionRules, type RetentionRule, type RuleName } from '../retention/policy';
import { storedColumns, tableInventory, type Processing, type StoredColumn } from './inventory';
import { appliesWith, transientProcessing, type TransientDeclaration } from './transient';
import { purposes, type Category, type Field, type LegalBasis, type Purpose, type Recipient, type Subject } from './vocabulary';

/** The registry as the renderers take it, so that a test can render a changed one. */
export interface Inventory {
  columns: readonly StoredColumn[];
  transient: readonly TransientDeclaration[];
}

export type RetentionRules = Record<RuleName, RetentionRule>;

export function currentInventory(): Inventory {
  return { columns: storedColumns(tableInventory), transient: transientProcessing };
}

export { retentionRules as currentRetentionRules };

/** One purpose with everything the registry says about it: an Art. 30 processing activity. */
export interface Activity {
  purpose: Purpose;
  fields: Field[];
  categories: Category[];
  /** Fields per category, for the categories section. */
  fieldsByCategory: Map<Category, Field[]>;
  subjects: Subject[];
  legalBases: LegalBasis[];
  retention: RuleName[];
  recipients: Recipient[];
}

const addAll = <T>(target: T[], values: readonly T[]) => {
  for (const value of values) if (!target.includes(value)) target.push(value);
};

/**
 * Groups every column and transient processing by purpose, in the vocabulary's order. A column or
 * transient processing that exists only with a recipient this installation has not configured is left out.
 */
export function activitiesOf(inventory: Inventory, configured: (recipient: Recipient) => boolean): Activity[] {
  const byPurpose = new Map<Purpose, Activity>();
  const entries: (Processing & { category: Category; fields: readonly Field[] })[] = [
    ...inventory.columns.filter(appliesWith(configured)).map((column) => ({ ...column, fields: [column.field] })),
    ...inventory.transient.filter(appliesWith(configured)),
  ];
  for (const entry of entries) {
    let activity = byPurpose.get(entry.purpose);
    if (!activity) {
      activity = {
        purpose: entry.purpose,
        fields: [],
        categories: [],
        fieldsByCategory: new Map(),
        subjects: [],
        legalBases: [],
        retention: [],
        recipients: [],
      };
      byPurpose.set(entry.purpose, activity);
    }
    addAll(activity.fields, entry.fields);
    addAll(activity.categories, [entry.category]);
    const inCategory = activity.fieldsByCategory.get(entry.category) ?? [];
    addAll(inCategory, entry.fields);
    activity.fieldsByCategory.set(entry.category, inCategory);
    addAll(activity.subjects, entry.subjects);
    addAll(activity.legalBases, entry.legalBases);
    addAll(activity.retention, entry.retention);
    addAll(activity.recipients, entry.recipients);
  }
  return purposes.flatMap((purpose) => {
    const activity = byPurpose.get(purpose);
    return activity ? [activity] : [];
  });
}
