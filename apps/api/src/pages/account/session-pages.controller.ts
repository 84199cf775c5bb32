import { Body, Get, Post, Req, Res } from '@nestjs/common';
import { Sessions, SignInLog } from '@sg/auth';
import { type Response } from 'express';
import { SignedIn } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { sessionView, signedInSession } from '../../auth/sign-in.controller';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { textField } from '../core/page-form';
import { PageRenderer } from '../core/page-renderer';

type Form = Record<string, unknown>;

/** How each way of signing in is named on the page. */
const METHOD_NAMES: Record<string, string> = {
  password: 'Email address and password',
  'identity-provider': 'Council account',
  'email-link': 'Link sent by email',
};

/**
 * Where a person is signed in, and signing out of another of those places (a shared computer left
 * signed in, a lost phone): the same sessions and the same sign-in log as the API's.
 */
@PageController('account/sessions')
export class SessionPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
  ) {}

  @Get()
  @SignedIn()
  async list(@Req() request: RequestWithIdentity, @Res() response: Response) {
    const current = signedInSession(request);
    const sessions = (await this.sessions.list(current.personId!))
      .map((session) => ({
        ...sessionView(session, current.key),
        method: METHOD_NAMES[session.method ?? ''] ?? 'Unknown',
      }))
      // This session first, then the most recently used.
      .sort(
        (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
      );
    this.pages.render(request, response, 'account/sessions.njk', {
      pageTitle: 'Where you are signed in',
      backLink: { href: '/home', text: 'Back to your home page' },
      sessions,
    });
  }

  @Post('end')
  @SignedIn()
  async end(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    checkCsrf(request, form.csrfToken);
    const current = signedInSession(request);
    const key = textField(form, 'session');
    const ended = key ? await this.sessions.endOne(current.personId!, key) : null;
    if (!ended)
      return this.pages.redirect(response, '/account/sessions', 'That session had already ended');
    await this.log.signedOut(current.personId!, key, 'self');
    this.pages.redirect(response, '/account/sessions', 'You signed out of that session');
  }
}
