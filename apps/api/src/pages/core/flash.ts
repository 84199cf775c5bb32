import { type Request, type Response } from 'express';
import { readCookie } from '../../auth/session-cookie';

const FLASH_COOKIE = 'sg-flash';

/**
 * A one-line confirmation carried across the redirect after a post (POST-redirect-GET): set with
 * the redirect, shown and cleared by the page it leads to.
 */
export function setFlash(response: Response, text: string, secure: boolean): void {
  // Express writes the value URI-encoded.
  response.cookie(FLASH_COOKIE, text.slice(0, 300), {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: 60_000,
  });
}

export function takeFlash(request: Request, response: Response): string | null {
  const value = readCookie(request, FLASH_COOKIE);
  if (value === null) return null;
  response.clearCookie(FLASH_COOKIE, { path: '/' });
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
