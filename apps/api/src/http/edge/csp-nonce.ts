import { type NextFunction, type Request, type Response } from 'express';
import { type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';

/**
 * A fresh nonce for each response, in `res.locals.cspNonce`: a page puts it on its own inline
 * script, and the Content-Security-Policy allows that script and no other inline one.
 */
export function issueCspNonce(_request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/** The nonce issued for this response. */
export function cspNonceOf(response: ServerResponse): string {
  const nonce: unknown = (response as Response).locals?.cspNonce;
  if (typeof nonce !== 'string') throw new Error('No CSP nonce was issued for this response');
  return nonce;
}
