import { Controller, Get, HttpCode, Inject, NotFoundException, Req, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type IdentityProviderSignIn, SignInRefused } from '@sg/auth';
import { type EnvironmentVariables } from '@sg/config';
import { type Response } from 'express';
import { Anyone } from './access-policy';
import { IDENTITY_PROVIDER_SIGN_IN } from './auth.tokens';
import { takeNextPage } from './next-page';
import { PageRenderer } from '../pages/core/page-renderer';
import { type RequestWithIdentity } from './request-identity';
import { SessionResponder } from './session-responder';

const notConfigured = () =>
  new NotFoundException({
    code: 'IDENTITY_PROVIDER_NOT_CONFIGURED',
    message: 'This service has no identity provider to sign in with',
  });

/** Council staff sign in at the council's identity provider (OpenID Connect, code flow with PKCE). */
@ApiTags('sign-in')
@Controller('auth/identity-provider')
export class IdentityProviderController {
  private readonly publicUrl: string;

  constructor(
    @Inject(IDENTITY_PROVIDER_SIGN_IN) private readonly signIn: IdentityProviderSignIn | null,
    private readonly responder: SessionResponder,
    private readonly pages: PageRenderer,
    config: ConfigService<EnvironmentVariables, true>,
  ) {
    this.publicUrl = publicUrlOf(config);
  }

  @Get()
  @HttpCode(302)
  @Anyone()
  @ApiOperation({ summary: 'Go to the council’s identity provider to sign in' })
  async begin(@Req() request: RequestWithIdentity, @Res({ passthrough: true }) response: Response) {
    if (!this.signIn) throw notConfigured();
    const started = await this.signIn.begin(this.responder.client(request));
    this.responder.give(response, started);
    response.setHeader('Location', started.url);
  }

  @Get('callback')
  @HttpCode(303)
  @Anyone()
  @ApiOperation({ summary: 'Where the identity provider sends the browser back' })
  async callback(
    @Req() request: RequestWithIdentity,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!this.signIn) throw notConfigured();
    const callbackUrl = new URL(request.originalUrl, this.publicUrl);
    let issued;
    try {
      issued = await this.signIn.complete(
        request.session ?? null,
        callbackUrl,
        this.responder.client(request),
      );
    } catch (error) {
      // The provider sends a browser here: a person is told on a page, a script in JSON.
      if (!(error instanceof SignInRefused) || request.accepts(['json', 'html']) !== 'html')
        throw error;
      this.pages.render(
        request,
        response,
        'sign-in/identity-provider-refused.njk',
        { pageTitle: 'You could not be signed in', reason: error.message },
        error.status,
      );
      return;
    }
    this.responder.give(response, issued);
    // Their home page, with the work waiting for them, as after any other way of signing in.
    response.setHeader('Location', takeNextPage(request, response, this.responder.secure));
  }
}

/** Where people reach the engine: PUBLIC_URL, or this machine's port in development. */
export function publicUrlOf(config: ConfigService<EnvironmentVariables, true>): string {
  return (
    config.get('PUBLIC_URL', { infer: true }) ??
    `http://localhost:${config.get('PORT', { infer: true })}`
  );
}
