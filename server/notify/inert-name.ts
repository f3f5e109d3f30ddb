/**
 * A name a person typed, made inert for messages the platform signs: mail clients and SMS apps turn
 * anything that looks like an address ("Login unter https://evil.example/login") into a link, and
 * HTML escaping does not stop that. The characters that make a URL or a domain — the dot, colon,
 * slash and at sign — are replaced with look-alikes no linkifier treats as such (one dot leader,
 * modifier letter colon, division slash, small commercial at), so the name reads the same and links
 * nowhere. Only names are passed through here: links the platform itself sends stay as they are.
 */
const LOOK_ALIKES: Record<string, string> = { '.': '\u2024', ':': '\uA789', '/': '\u2215', '@': '\uFE6B' };

export function inertName(name: string): string {
  return name.replace(/[.:/@]/g, (character) => LOOK_ALIKES[character] ?? character);
}
