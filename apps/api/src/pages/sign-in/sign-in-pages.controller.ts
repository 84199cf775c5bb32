import { rememberNextPage, safeNext } from '../../auth/next-page';
import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import {
  EMAIL_LINK_MINUTES,
  type EmailLinkSignIn,
  type IdentityProviderSignIn,
  type IssuedSession,
  type PasswordSignIn,
  Sessions,
  SignInLog,
  SignInRefused,
  type StoredSession,
} from '@sg/auth';
import { type Response } from 'express';
import { Anyone } from '../../auth/access-policy';
import {
  EMAIL_LINK_SIGN_IN,
  IDENTITY_PROVIDER_SIGN_IN,
  PASSWORD_SIGN_IN,
} from '../../auth/auth.tokens';
import { FormToken } from '../../auth/form-token';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { SessionResponder } from '../../auth/session-responder';
import { PageController } from '../core/page-controller';
import { checkCsrf } from '../core/page-csrf';
import { textField } from '../core/page-form';
import { PageRenderer } from '../core/page-renderer';
import { sessionTimeLeft } from '../core/session-time-left';

type Form = Record<string, unknown>;

const NEXT_STAGE: Record<StoredSession['stage'], string> = {
  'signed-in': '/home',
  'second-factor': '/sign-in/second-factor',
  'second-factor-enrolment': '/sign-in/enrol',
  'identity-provider': '/sign-in',
};

/**
 * Signing in and out on pages: the same services as the API's sign-in, with GOV.UK forms. Forms
 * posted before there is a session carry a token matching a cookie (FormToken), so no other site
 * can sign a browser in as someone else.
 */
@PageController()
export class SignInPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly forms: FormToken,
    private readonly responder: SessionResponder,
    private readonly sessions: Sessions,
    private readonly log: SignInLog,
    @Inject(PASSWORD_SIGN_IN) private readonly passwords: PasswordSignIn,
    @Inject(EMAIL_LINK_SIGN_IN) private readonly emailLinks: EmailLinkSignIn,
    @Inject(IDENTITY_PROVIDER_SIGN_IN)
    private readonly identityProvider: IdentityProviderSignIn | null,
  ) {}

  @Get('sign-in')
  @Anyone()
  signInPage(
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
    @Query('next') next?: unknown,
    @Query('unsent') unsent?: unknown,
  ) {
    this.renderSignIn(request, response, { next: safeNext(next), unsent: unsent === '1' });
  }

  @Post('sign-in')
  @Anyone()
  async signIn(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    this.forms.check(request, form.formToken);
    const email = textField(form, 'email').trim();
    const password = textField(form, 'password');
    const next = safeNext(form.next);
    const errors = [
      ...(email ? [] : [{ text: 'Enter your email address', href: '#email' }]),
      ...(password ? [] : [{ text: 'Enter your password', href: '#password' }]),
    ];
    if (errors.length > 0)
      return this.renderSignIn(request, response, { email, next, errors }, 400);
    try {
      const issued = await this.passwords.signIn(email, password, this.responder.client(request));
      if (request.session) await this.sessions.end(request.session);
      await this.proceed(response, issued, next);
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      this.renderSignIn(
        request,
        response,
        { email, next, errors: [{ text: refusalText(error), href: '#email' }] },
        error.status,
      );
    }
  }

  @Get('sign-in/second-factor')
  @Anyone()
  secondFactorPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    if (request.session?.stage !== 'second-factor') return response.redirect(303, '/sign-in');
    this.renderForm(request, response, 'sign-in/second-factor.njk', {});
  }

  @Post('sign-in/second-factor')
  @Anyone()
  async secondFactor(
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.forms.check(request, form.formToken);
    if (request.session?.stage !== 'second-factor') return response.redirect(303, '/sign-in');
    const code = textField(form, 'code').replace(/\s+/g, '');
    if (!code)
      return this.renderForm(
        request,
        response,
        'sign-in/second-factor.njk',
        {
          errors: [{ text: 'Enter the code from your authenticator app', href: '#code' }],
        },
        400,
      );
    const answer = /^\d{6}$/.test(code) ? { code } : { recoveryCode: code };
    try {
      const issued = await this.passwords.proveSecondFactor(
        request.session,
        answer,
        this.responder.client(request),
      );
      await this.proceed(response, issued, safeNext(request.session.data.next));
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      this.renderForm(
        request,
        response,
        'sign-in/second-factor.njk',
        {
          errors: [{ text: refusalText(error), href: '#code' }],
        },
        error.status,
      );
    }
  }

  @Get('sign-in/enrol')
  @Anyone()
  async enrolPage(@Req() request: RequestWithIdentity, @Res() response: Response) {
    if (request.session?.stage !== 'second-factor-enrolment')
      return response.redirect(303, '/sign-in');
    const enrolment = await this.passwords.beginEnrolment(request.session);
    this.renderForm(request, response, 'sign-in/enrol.njk', {
      secret: enrolment.secret.replace(/(.{4})/g, '$1 ').trim(),
      otpauthUri: enrolment.otpauthUri,
    });
  }

  @Post('sign-in/enrol')
  @Anyone()
  async enrol(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    this.forms.check(request, form.formToken);
    if (request.session?.stage !== 'second-factor-enrolment')
      return response.redirect(303, '/sign-in');
    const code = textField(form, 'code').replace(/\s+/g, '');
    try {
      const issued = await this.passwords.confirmEnrolment(
        request.session,
        code,
        this.responder.client(request),
      );
      this.responder.give(response, issued);
      // Shown this once, so rendered here rather than behind a redirect that could be reloaded.
      this.pages.render(request, response, 'sign-in/recovery-codes.njk', {
        pageTitle: 'Save your recovery codes',
        recoveryCodes: issued.recoveryCodes,
      });
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      const enrolment = await this.passwords.beginEnrolment(request.session);
      this.renderForm(
        request,
        response,
        'sign-in/enrol.njk',
        {
          secret: enrolment.secret.replace(/(.{4})/g, '$1 ').trim(),
          otpauthUri: enrolment.otpauthUri,
          errors: [
            {
              text: !code
                ? 'Enter the code from your authenticator app'
                : error.code === 'INVALID_CODE'
                  ? 'Enter the code your authenticator app shows now for the key on this page'
                  : refusalText(error),
              href: '#code',
            },
          ],
        },
        error.status,
      );
    }
  }

  @Get('sign-in/school')
  @Anyone()
  schoolPage(
    @Query('next') next: unknown,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    this.renderForm(request, response, 'sign-in/school.njk', { next: safeNext(next) });
  }

  @Post('sign-in/school')
  @Anyone()
  async school(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    this.forms.check(request, form.formToken);
    const email = textField(form, 'email').trim();
    const problem = !email
      ? 'Enter your school email address'
      : !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320
        ? 'Enter an email address in the correct format, like name@school.lancs.sch.uk'
        : null;
    if (problem)
      return this.renderForm(
        request,
        response,
        'sign-in/school.njk',
        {
          email,
          next: safeNext(form.next),
          errors: [{ text: problem, href: '#email' }],
        },
        400,
      );
    try {
      await this.emailLinks.request(email, this.responder.client(request));
    } catch (error) {
      if (!(error instanceof SignInRefused)) throw error;
      return this.renderForm(
        request,
        response,
        'sign-in/school.njk',
        {
          email,
          next: safeNext(form.next),
          errors: [{ text: refusalText(error), href: '#email' }],
        },
        error.status,
      );
    }
    rememberNextPage(response, form.next, {
      secure: this.responder.secure,
      maxAgeSeconds: EMAIL_LINK_MINUTES * 60,
    });
    this.pages.render(request, response, 'sign-in/check-email.njk', {
      pageTitle: 'Check your email',
      email,
      minutes: EMAIL_LINK_MINUTES,
    });
  }

  @Post('sign-out')
  @Anyone()
  async signOut(
    @Body() form: Form,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const session = request.session;
    if (session) {
      checkCsrf(request, form.csrfToken);
      await this.sessions.end(session);
      if (session.personId) await this.log.signedOut(session.personId, session.key, 'self');
    }
    this.responder.clear(response);
    response.redirect(303, '/signed-out');
  }

  /**
   * Keeps a signed-in session going, for a page whose person chose to stay signed in or is typing:
   * the identity guard has already moved its idle timeout on; this answers how long it has now.
   */
  @Post('session/keep-alive')
  @Anyone()
  keepAlive(@Body() form: Form, @Req() request: RequestWithIdentity, @Res() response: Response) {
    const left = sessionTimeLeft(request.session);
    if (!left) {
      response.status(401).json({ statusCode: 401, code: 'SIGNED_OUT', message: 'Not signed in' });
      return;
    }
    checkCsrf(request, form.csrfToken);
    response.setHeader('Cache-Control', 'no-store');
    response.status(200).json(left);
  }

  @Get('signed-out')
  @Anyone()
  signedOut(@Req() request: RequestWithIdentity, @Res() response: Response) {
    this.pages.render(request, response, 'sign-in/signed-out.njk', {
      pageTitle: 'You have signed out',
    });
  }

  private async proceed(response: Response, issued: IssuedSession, next: string) {
    this.responder.give(response, issued);
    // Kept with the half-signed-in session, for after the second factor.
    if (issued.session.stage !== 'signed-in')
      await this.sessions.remember(issued.session, { next });
    response.redirect(
      303,
      issued.session.stage === 'signed-in' ? next : NEXT_STAGE[issued.session.stage],
    );
  }

  private renderSignIn(
    request: RequestWithIdentity,
    response: Response,
    context: Record<string, unknown>,
    status = 200,
  ) {
    this.renderForm(
      request,
      response,
      'sign-in/sign-in.njk',
      {
        identityProvider: this.identityProvider !== null,
        ...context,
      },
      status,
    );
  }

  private renderForm(
    request: RequestWithIdentity,
    response: Response,
    view: string,
    context: Record<string, unknown>,
    status = 200,
  ) {
    const errors = (context.errors ?? []) as { text: string; href: string }[];
    this.pages.render(
      request,
      response,
      view,
      {
        formToken: this.forms.issue(response),
        errorList: errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.href.slice(1), { text: e.text }])),
        ...context,
      },
      status,
    );
  }
}

/** A refusal in words a person can act on. */
function refusalText(error: SignInRefused): string {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'Enter a correct email address and password';
    case 'INVALID_CODE':
      return 'Enter a correct code from your authenticator app, or one of your recovery codes';
    default:
      return error.message.charAt(0).toUpperCase() + error.message.slice(1);
  }
}
