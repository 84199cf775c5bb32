import { type Request, type Response } from 'express';

/**
 * `__Host-` binds the cookie to this host over HTTPS with no Domain and Path=/, so no other
 * subdomain can set or read it; browsers accept the prefix only on Secure cookies, so development
 * over plain HTTP uses a plain name.
 */
export const sessionCookieName = (secure: boolean) => (secure ? '__Host-sg-session' : 'sg-session');
export const formTokenCookieName = (secure: boolean) => (secure ? '__Host-sg-form' : 'sg-form');

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

export function setCookie(
  response: Response,
  name: string,
  value: string,
  options: { secure: boolean; maxAgeSeconds?: number },
) {
  response.cookie(name, value, {
    httpOnly: true,
    secure: options.secure,
    sameSite: 'lax',
    path: '/',
    ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds * 1000 } : {}),
  });
}

export function clearCookie(response: Response, name: string, secure: boolean) {
  response.clearCookie(name, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
