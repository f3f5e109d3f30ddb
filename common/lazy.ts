/**
 * A value made on first use and kept: for what most processes never need (a password list, a payment
 * provider's SDK), so that a start does not pay for loading it. A failed promise is kept too; callers
 * made by `lazy` around an import fail the same way each time, as a missing module would.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
