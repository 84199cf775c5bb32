import { Injectable, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { pagesEnvironment } from '@sg/web';
import { type Response } from 'express';
import type nunjucks from 'nunjucks';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { setFlash, takeFlash } from './flash';
import { navigationFor } from './navigation';
import { csrfTokenOf } from './page-csrf';

/** One field's problem, as GOV.UK's error summary and the field's error message take it. */
export interface PageError {
  readonly text: string;
  readonly href: string;
}

/** Renders a page with what every page needs: the person, their navigation, the CSP nonce and the form token. */
@Injectable()
export class PageRenderer {
  private readonly environment: nunjucks.Environment = pagesEnvironment();
  /** Cookies are Secure everywhere but development's plain HTTP, as the session's are. */
  private readonly secureCookies: boolean;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.secureCookies = config.get('NODE_ENV', { infer: true }) !== 'development';
  }

  render(
    request: RequestWithIdentity,
    response: Response,
    view: string,
    context: Record<string, unknown> = {},
    status = 200,
  ): void {
    response
      .status(status)
      .type('html')
      .send(this.html(request, response, view, context));
  }

  html(
    request: RequestWithIdentity,
    response: Response,
    view: string,
    context: Record<string, unknown>,
  ): string {
    const actor = request.actor;
    return this.environment.render(view, {
      cspNonce: response.locals.cspNonce as string | undefined,
      csrfToken: csrfTokenOf(request),
      person: actor ? { id: actor.id, name: actor.name } : null,
      navigation: navigationFor(actor, request.path),
      navigationEnd: actor ? this.signOutButton(request) : '',
      currentPath: request.path,
      flash: request.method === 'GET' ? takeFlash(request, response) : null,
      ...context,
    });
  }

  /** After a post: where to go next, and what to tell the person when they get there. */
  redirect(response: Response, location: string, flash?: string): void {
    if (flash) setFlash(response, flash, this.secureCookies);
    response.redirect(303, location);
  }

  private signOutButton(request: RequestWithIdentity): string {
    return this.environment.render('partials/sign-out.njk', { csrfToken: csrfTokenOf(request) });
  }
}

/** The renderer alone, for the sign-in link's pages in the auth module as well as the pages' own. */
@Module({ providers: [PageRenderer], exports: [PageRenderer] })
export class PageRenderingModule {}
