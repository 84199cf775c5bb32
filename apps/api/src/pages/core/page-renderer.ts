import { Injectable } from '@nestjs/common';
import { pagesEnvironment } from '@sg/web';
import { type Response } from 'express';
import type nunjucks from 'nunjucks';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { SessionResponder } from '../../auth/session-responder';
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

  constructor(private readonly responder: SessionResponder) {}

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
    if (flash) setFlash(response, flash, this.responder.secure);
    response.redirect(303, location);
  }

  private signOutButton(request: RequestWithIdentity): string {
    return this.environment.render('partials/sign-out.njk', { csrfToken: csrfTokenOf(request) });
  }
}
