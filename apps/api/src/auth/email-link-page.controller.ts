import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  EMAIL_LINK_MINUTES,
  type EmailLinkSignIn,
  type PasswordInvitations,
  Sessions,
} from '@sg/auth';
import { type Response } from 'express';
import { Anyone } from './access-policy';
import { EMAIL_LINK_SIGN_IN, PASSWORD_INVITATIONS } from './auth.tokens';
import { FormToken } from './form-token';
import { escapeHtml, plainPage } from './pages/plain-page';
import { type RequestWithIdentity } from './request-identity';
import { SessionResponder } from './session-responder';
import { SignInRefusedFilter } from './sign-in-refused.filter';

const hidden = (name: string, value: string) =>
  `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;

const usedLink = plainPage(
  'This link has been used or has expired',
  `<p>Sign-in links work once, for ${EMAIL_LINK_MINUTES} minutes.</p>`,
);

/**
 * The pages a link in an email opens. Opening one changes nothing (mail scanners open links
 * first); the button on it does.
 */
@ApiExcludeController()
@Controller('auth')
@UseFilters(SignInRefusedFilter)
export class EmailLinkPageController {
  constructor(
    @Inject(EMAIL_LINK_SIGN_IN) private readonly emailLinks: EmailLinkSignIn,
    @Inject(PASSWORD_INVITATIONS) private readonly invitations: PasswordInvitations,
    private readonly forms: FormToken,
    private readonly responder: SessionResponder,
    private readonly sessions: Sessions,
  ) {}

  @Get('email-link/:token')
  @Anyone()
  @Header('Content-Type', 'text/html; charset=utf-8')
  signInPage(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    if (!this.emailLinks.isValid(token)) {
      response.status(410);
      return usedLink;
    }
    return plainPage(
      'Sign in to Service Guarantee',
      `<form method="post" action="/auth/email-link" novalidate>
${hidden('token', token)}
${hidden('formToken', this.forms.issue(response))}
<button type="submit">Sign in</button>
</form>`,
    );
  }

  @Post('email-link')
  @HttpCode(303)
  @Anyone()
  async signIn(
    @Body() body: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.forms.check(request, body.formToken);
    const issued = await this.emailLinks.complete(body.token, this.responder.client(request));
    // Whoever this browser was signed in as before, it is now the link's holder alone.
    if (request.session) await this.sessions.end(request.session);
    this.responder.give(response, issued);
    response.setHeader('Location', '/');
  }

  @Get('password/:token')
  @Anyone()
  @Header('Content-Type', 'text/html; charset=utf-8')
  passwordPage(@Param('token') token: string, @Res({ passthrough: true }) response: Response) {
    return plainPage(
      'Choose your password',
      `<p>Use at least 12 characters. A few words you will remember make a good password.</p>
<form method="post" action="/auth/password" novalidate>
${hidden('token', token)}
${hidden('formToken', this.forms.issue(response))}
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="new-password" spellcheck="false">
<button type="submit">Save password</button>
</form>`,
    );
  }

  @Post('password')
  @HttpCode(303)
  @Anyone()
  async setPassword(
    @Body() body: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.forms.check(request, body.formToken);
    await this.invitations.redeem(
      body.token,
      typeof body.password === 'string' ? body.password : '',
    );
    response.setHeader('Location', '/');
  }
}
