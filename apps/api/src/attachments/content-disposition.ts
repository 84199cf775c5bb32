// RFC 5987 attr-char: what may stand as itself in filename*; everything else is %XX of its UTF-8.
const NOT_ATTR_CHAR = /[^A-Za-z0-9!#$&+\-.^_`|~]/gu;

/**
 * `Content-Disposition: attachment` with the file's own name (RFC 6266): `filename*` carries it
 * whole in UTF-8 (RFC 5987), and `filename` an ASCII stand-in for clients that read no other, with
 * accents dropped and anything that could end or escape the quoted string replaced.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = name.replace(NOT_ATTR_CHAR, (character) =>
    [...Buffer.from(character, 'utf8')]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
