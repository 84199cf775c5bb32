/**
 * The token of an `Authorization: Bearer <token>` header; null for any other scheme, or none. The
 * scheme is matched whatever its case, as HTTP's authentication schemes are (RFC 9110, 11.1).
 */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^bearer +(\S+) *$/i.exec(authorization ?? '');
  return match ? match[1] : null;
}
