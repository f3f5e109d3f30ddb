/** Only paths of this app, never another origin ("//evil.example", "/\\evil.example"). */
export function safeReturnPath(from: unknown): string | undefined {
  if (typeof from !== 'string' || !from.startsWith('/')) return undefined;
  if (from.startsWith('//') || from.startsWith('/\\')) return undefined;
  return from;
}
