import { ForbiddenException } from '@nestjs/common';
import { sameDigest } from '@sg/auth';
import { createHash } from 'node:crypto';
import { type RequestWithIdentity } from '../../auth/request-identity';

/**
 * The token a signed-in page's form carries, derived from the session's secret id: another site
 * can make the browser post, but cannot read the id (an HttpOnly cookie) or the page, so it cannot
 * know the token; one-way, so the page does not reveal the id. It changes when the session id
 * rotates at sign-in, and every tab of one session shares it.
 */
export function csrfTokenOf(request: RequestWithIdentity): string | null {
  if (!request.sessionId) return null;
  return createHash('sha256').update(`page-form\u0000${request.sessionId}`).digest('base64url');
}

export class PageFormExpired extends ForbiddenException {
  constructor() {
    super({
      code: 'FORM_EXPIRED',
      message: 'This form has expired. Go back, reload the page and try again.',
    });
  }
}

/** Refuses a signed-in page's post that does not carry its session's token. */
export function checkCsrf(request: RequestWithIdentity, posted: unknown): void {
  const expected = csrfTokenOf(request);
  // Compared as bytes: a token of the right length in characters may not be in bytes.
  if (expected === null || typeof posted !== 'string' || !sameDigest(posted, expected))
    throw new PageFormExpired();
}
