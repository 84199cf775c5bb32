import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type IssuedSession } from '@sg/auth';
import { type EnvironmentVariables } from '@sg/config';
import { type Response } from 'express';
import { type RequestWithIdentity } from './request-identity';
import { clearCookie, sessionCookieName, setCookie } from './session-cookie';

/** Puts a session's id in its cookie, or takes it out, the same way for the API and the pages. */
@Injectable()
export class SessionResponder {
  readonly secure: boolean;
  readonly cookieName: string;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.secure = config.get('NODE_ENV', { infer: true }) !== 'development';
    this.cookieName = sessionCookieName(this.secure);
  }

  give(response: Response, issued: IssuedSession): void {
    // A session cookie (no Max-Age): the server decides when the session ends.
    setCookie(response, this.cookieName, issued.id, { secure: this.secure });
  }

  clear(response: Response): void {
    clearCookie(response, this.cookieName, this.secure);
  }

  client(request: RequestWithIdentity) {
    return { ip: request.ip ?? null, userAgent: request.header('user-agent') ?? null };
  }
}
