/** A UUID (a complaint's or a person's id) is worth keeping; other long opaque segments are secrets. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECRET_LENGTH = 32;

/**
 * The path of a request URL as it may be logged: without its query (searches hold names and
 * addresses), with any segment long enough to be a secret (a sign-in link's token, the inbound mail
 * webhook's) replaced, and with email addresses taken out.
 */
export function loggablePath(url: string | undefined): string {
  const path = (url ?? '/').split(/[?#]/)[0];
  return path
    .split('/')
    .map((segment) =>
      segment.length >= SECRET_LENGTH && !UUID.test(segment) ? '[secret]' : segment,
    )
    .map((segment) => (segment.includes('@') || segment.includes('%40') ? '[email]' : segment))
    .join('/');
}
