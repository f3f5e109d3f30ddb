/**
 * A value made on first use and kept: for what most processes never need (a password list, a payment
 * provider's SDK), so that a start does not pay for loading it. A failed promise is kept too; callers
 * made by `lazy` around an import fail the same way each time, as a missing module would.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/**
 * What a CommonJS package exports, from `import()`. Node gives the package's `module.exports` as
 * `default` (and named exports where it can detect them); a chunk of the compiled server (esbuild's
 * code splitting, scripts/build-server.ts) gives `default` only. So the exports are read from
 * `default`, where both put them.
 */
export async function importCommonJs<T extends object>(load: () => Promise<T>): Promise<T> {
  const module = (await load()) as T & { default?: T };
  return module.default ?? module;
}
