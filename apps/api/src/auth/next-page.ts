import { type Request, type Response } from 'express';
import { clearCookie, readCookie, setCookie } from './session-cookie';

/** Only a path on this site: `//evil.example` and `/\evil.example` would leave it. */
export const safeNext = (next: unknown): string =>
  typeof next === 'string' && /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(next) ? next : '/home';

const nextCookieName = (secure: boolean) => (secure ? '__Host-sg-next' : 'sg-next');

/**
 * The page a school's member of staff asked for before signing in by an emailed link, kept in the
 * browser that asked for the link until the link is used there (a link opened elsewhere goes home):
 * every email to a school links straight to its complaint.
 */
export function rememberNextPage(
  response: Response,
  next: unknown,
  options: { secure: boolean; maxAgeSeconds: number },
): void {
  const page = safeNext(next);
  if (page === '/home') clearCookie(response, nextCookieName(options.secure), options.secure);
  else setCookie(response, nextCookieName(options.secure), page, options);
}

/** The page remembered by rememberNextPage, forgotten as it is read; else home. */
export function takeNextPage(request: Request, response: Response, secure: boolean): string {
  const name = nextCookieName(secure);
  const kept = readCookie(request, name);
  if (kept === null) return '/home';
  clearCookie(response, name, secure);
  try {
    return safeNext(decodeURIComponent(kept));
  } catch {
    return '/home';
  }
}
