import type { ColumnDeclaration, Processing } from './inventory';
import type { Category, Field } from './vocabulary';

/** How the inventory declares a column; a module of its own so the inventory's parts share it. */
export const column = (category: Category, field: Field, differs: Partial<Processing> = {}): ColumnDeclaration => ({
  category,
  field,
  ...differs,
});
export const id = () => column('technical', 'identifier');
export const times = () => column('technical', 'timestamps');
