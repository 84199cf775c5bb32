import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  EMAIL_LINK_MINUTES,
  PASSWORD_LINK_DAYS,
  type EmailLinkSignIn,
  type IssuedSession,
  type PasswordInvitations,
  Sessions,
  SignInRefused,
} from '@sg/auth';
import { type Response } from 'express';
import { Anyone } from './access-policy';
import { EMAIL_LINK_SIGN_IN, PASSWORD_INVITATIONS } from './auth.tokens';
import { FormToken } from './form-token';
import { takeNextPage } from './next-page';
import { PageRenderer } from '../pages/core/page-renderer';
import { type RequestWithIdentity } from './request-identity';
import { SessionResponder } from './session-responder';

/**
 * The pages a link in an email opens. Opening one changes nothing (mail scanners open links
 * first); the button on it does.
 */
@ApiExcludeController()
@Controller('auth')
export class EmailLinkPageController {
  constructor(
    @Inject(EMAIL_LINK_SIGN_IN) private readonly emailLinks: EmailLinkSignIn,
    @Inject(PASSWORD_INVITATIONS) private readonly invitations: PasswordInvitations,
    private readonly forms: FormToken,
    private readonly responder: SessionResponder,
    private readonly sessions: Sessions,
    private readonly pages: PageRenderer,
  ) {}

  @Get('email-link/:token')
  @Anyone()
  async signInPage(
    @Param('token') token: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    if (!(await this.emailLinks.isValid(token))) return this.usedLink(request, response);
    this.pages.render(request, response, 'sign-in/email-link.njk', {
      pageTitle: 'Sign in',
      token,
      formToken: this.forms.issue(response),
    });
  }

  @Post('email-link')
  @Anyone()
  async signIn(
    @Body() body: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    if (!this.formStillOpen(request, body.formToken)) {
      // Opened again in another tab, left open past the form's half hour, or posted from another
      // site: a page that says what to do (never a button, which a stranger's page could lead to).
      if (!(await this.emailLinks.isValid(body.token))) return this.usedLink(request, response);
      return this.pages.render(
        request,
        response,
        'errors/error.njk',
        {
          pageTitle: 'This page has expired',
          paragraphs: [
            `Open the link in your email again to sign in. It works until it is used, for ${EMAIL_LINK_MINUTES} minutes from when we sent it.`,
          ],
        },
        403,
      );
    }
    let issued: IssuedSession;
    try {
      issued = await this.emailLinks.complete(body.token, this.responder.client(request));
    } catch (error) {
      // Pressed twice, or opened after it expired: the person needs a new link, on a page.
      if (!(error instanceof SignInRefused) || error.status !== 410) throw error;
      return this.usedLink(request, response);
    }
    // Whoever this browser was signed in as before, it is now the link's holder alone.
    if (request.session) await this.sessions.end(request.session);
    this.responder.give(response, issued);
    response.redirect(303, takeNextPage(request, response, this.responder.secure));
  }

  private formStillOpen(request: RequestWithIdentity, posted: unknown): boolean {
    try {
      this.forms.check(request, posted);
      return true;
    } catch (error) {
      if (error instanceof ForbiddenException) return false;
      throw error;
    }
  }

  private usedPasswordLink(request: RequestWithIdentity, response: Response) {
    this.linkSpent(request, response, 'sign-in/password-link-used.njk', {
      days: PASSWORD_LINK_DAYS,
    });
  }

  private usedLink(request: RequestWithIdentity, response: Response) {
    this.linkSpent(request, response, 'sign-in/link-used.njk', { minutes: EMAIL_LINK_MINUTES });
  }

  /** A link used or expired: its page says how long such a link lasts, and what to do now. */
  private linkSpent(
    request: RequestWithIdentity,
    response: Response,
    view: string,
    lasts: Record<string, number>,
  ) {
    this.pages.render(
      request,
      response,
      view,
      { pageTitle: 'This link has been used or has expired', ...lasts },
      410,
    );
  }

  @Get('password/:token')
  @Anyone()
  async passwordPage(
    @Param('token') token: string,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    if (!(await this.invitations.stillOpen(token))) return this.usedPasswordLink(request, response);
    this.pages.render(request, response, 'sign-in/choose-password.njk', {
      pageTitle: 'Choose your password',
      token,
      formToken: this.forms.issue(response),
    });
  }

  @Post('password')
  @Anyone()
  async setPassword(
    @Body() body: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const again = (problem: string, status: number) =>
      this.passwordPageAgain(request, response, body.token, problem, status);
    if (!this.formStillOpen(request, body.formToken))
      return again(
        'This page had been open too long, or was opened again in another tab. Enter your password again',
        403,
      );
    try {
      await this.invitations.redeem(
        body.token,
        typeof body.password === 'string' ? body.password : '',
      );
    } catch (error) {
      if (error instanceof SignInRefused && error.status === 410)
        return this.usedPasswordLink(request, response);
      // A password the rules refuse is the person's to fix, on the same page.
      if (!(error instanceof SignInRefused) || error.code !== 'PASSWORD_REJECTED') throw error;
      return again(error.message, 422);
    }
    this.pages.redirect(response, '/sign-in', 'Your password is saved. Sign in with it now.');
  }

  /** The password page again, with a fresh form and what is wrong beside the password. */
  private passwordPageAgain(
    request: RequestWithIdentity,
    response: Response,
    token: unknown,
    problem: string,
    status: number,
  ) {
    const errors = [{ text: problem, href: '#password' }];
    this.pages.render(
      request,
      response,
      'sign-in/choose-password.njk',
      {
        pageTitle: 'Choose your password',
        token: typeof token === 'string' ? token : '',
        formToken: this.forms.issue(response),
        errorList: errors,
        fieldErrors: { password: errors[0] },
      },
      status,
    );
  }
}
