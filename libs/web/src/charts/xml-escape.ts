const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// XML 1.0 has no way to write most control characters or a lone surrogate, even as a character
// reference; one in a service's name would make the whole chart fail to parse.
const isXmlCharacter = (codePoint: number) =>
  codePoint === 0x9 ||
  codePoint === 0xa ||
  codePoint === 0xd ||
  (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
  (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
  codePoint >= 0x10000;

/**
 * Text made safe for an SVG's element content or a quoted attribute value: markup characters
 * become entities, and characters XML cannot carry become U+FFFD.
 */
export function escapeXml(text: string): string {
  let escaped = '';
  // Iterating by code point keeps a surrogate pair together and yields a lone surrogate alone.
  for (const character of text) {
    escaped += isXmlCharacter(character.codePointAt(0)!)
      ? (ENTITIES[character] ?? character)
      : '\uFFFD';
  }
  return escaped;
}
