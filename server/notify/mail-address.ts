/** The bare address of a From header value: `Name <a@b>` → `a@b` (the calendar entry's organiser). */
export function mailAddressOf(from: string): string {
  const match = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
  return (match?.[1] ?? from).trim();
}
