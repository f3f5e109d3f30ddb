/**
 * The columns of a lateral subquery by its own alias ("place"."id" rather than "participants"."id"),
 * as a field group: its rows then map as the table's (dates parsed, left joins nulled). Written for
 * subqueries that select a table's columns, e.g. `aliased(place, getTableColumns(participants))`.
 */
export function aliased<S extends Record<K, unknown>, K extends string>(subquery: S, columns: Record<K, unknown>): Pick<S, K> {
  return Object.fromEntries(Object.keys(columns).map((name) => [name, subquery[name as K]])) as Pick<S, K>;
}
