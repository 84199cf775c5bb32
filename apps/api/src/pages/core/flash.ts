import { type Request, type Response } from 'express';
import { readCookie } from '../../auth/session-cookie';

/**
 * `__Host-` where cookies are Secure, as the session's is: no other host under the council's domain
 * can then set it and have its own words shown as this service's confirmation.
 */
const flashCookieName = (secure: boolean) => (secure ? '__Host-sg-flash' : 'sg-flash');

/**
 * A one-line confirmation carried across the redirect after a post (POST-redirect-GET): set with
 * the redirect, shown and cleared by the page it leads to.
 */
export function setFlash(response: Response, text: string, secure: boolean): void {
  // Express writes the value URI-encoded.
  response.cookie(flashCookieName(secure), text.slice(0, 300), {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: 60_000,
  });
}

export function takeFlash(request: Request, response: Response, secure: boolean): string | null {
  const name = flashCookieName(secure);
  const value = readCookie(request, name);
  if (value === null) return null;
  response.clearCookie(name, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
