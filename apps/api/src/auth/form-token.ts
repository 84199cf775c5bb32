import { Injectable, ForbiddenException } from '@nestjs/common';
import { newSecretToken, sameDigest, digestOf } from '@sg/auth';
import { type Request, type Response } from 'express';
import { formTokenCookieName, readCookie, setCookie } from './session-cookie';
import { SessionResponder } from './session-responder';

/**
 * A form posted before there is a session (the sign-in link's button, choosing a password) carries
 * a token that must match a cookie set with the form: another site can make a browser post the
 * form, but cannot read or set the cookie, so it cannot sign the browser in as someone else.
 */
@Injectable()
export class FormToken {
  private readonly cookieName: string;

  constructor(private readonly responder: SessionResponder) {
    this.cookieName = formTokenCookieName(responder.secure);
  }

  issue(response: Response): string {
    const token = newSecretToken();
    setCookie(response, this.cookieName, token, {
      secure: this.responder.secure,
      maxAgeSeconds: 30 * 60,
    });
    return token;
  }

  check(request: Request, posted: unknown): void {
    const cookie = readCookie(request, this.cookieName);
    if (!cookie || typeof posted !== 'string' || !sameDigest(digestOf(cookie), digestOf(posted)))
      throw new ForbiddenException({
        code: 'FORM_EXPIRED',
        message: 'This form has expired. Open the link from your email again.',
      });
  }
}
