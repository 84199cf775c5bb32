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
import { sessionTimeLeft } from './session-time-left';

/** One field's problem, as GOV.UK's error summary and the field's error message take it. */
export interface PageError {
  readonly text: string;
  readonly href: string;
  /** The boxes of the field at fault (a date's `day`, `time`), where not all of them are. */
  readonly parts?: readonly string[];
}

/** Renders a page with what every page needs: the person, their navigation, the CSP nonce and the form token. */
@Injectable()
export class PageRenderer {
  private readonly environment: nunjucks.Environment = pagesEnvironment();
  /** Cookies are Secure everywhere but development's plain HTTP, as the session's are. */
  private readonly secureCookies: boolean;
  /** How long a session lasts at most, which the timeout warning names near its end. */
  private readonly sessionHours: number;

  constructor(config: ConfigService<EnvironmentVariables, true>) {
    this.secureCookies = config.get('NODE_ENV', { infer: true }) !== 'development';
    this.sessionHours = config.get('SESSION_ABSOLUTE_HOURS', { infer: true });
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
    const page: Record<string, unknown> = {
      cspNonce: response.locals.cspNonce as string | undefined,
      csrfToken: csrfTokenOf(request),
      person: actor ? { id: actor.id, name: actor.name } : null,
      navigation: navigationFor(actor, request.path),
      navigationEnd: actor ? this.signOutButton(request) : '',
      currentPath: request.path,
      sessionTimeLeft: sessionTimeLeft(request.session),
      sessionHours: this.sessionHours,
      flash: request.method === 'GET' ? takeFlash(request, response, this.secureCookies) : null,
      ...context,
    };
    if (Array.isArray(page.errorList))
      page.errorList = (page.errorList as PageError[]).map(toTheWrongBox);
    const html = this.environment.render(view, page);
    const errors = page.errorList;
    if (!Array.isArray(errors) || errors.length < 2) return html;
    const inOrder = inPageOrder(errors as PageError[], html);
    return inOrder.every((error, i) => error === errors[i])
      ? html
      : this.environment.render(view, { ...page, errorList: inOrder });
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

/**
 * The errors in the order of the fields they name on the page, as GOV.UK's error summary lists
 * them: a form's checks find them in the order its data is declared, which is not always the
 * page's. An error whose field is not on the page keeps its place after those that are.
 */
function inPageOrder(errors: readonly PageError[], html: string): PageError[] {
  const position = (error: PageError) => {
    const at = html.indexOf(` id="${error.href.slice(1)}"`);
    return at === -1 ? Number.MAX_SAFE_INTEGER : at;
  };
  return errors
    .map((error, index) => ({ error, index, at: position(error) }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ error }) => error);
}

/** A date's boxes in the order the page shows them, and the ids they take after the day's. */
const DATE_BOXES = ['day', 'month', 'year', 'time'] as const;

/**
 * An error of some of a date's boxes links to the first of them, as GOV.UK's summary does: a time
 * alone wrong is corrected in the time box, not the day's, which the field's own id names.
 */
function toTheWrongBox(error: PageError): PageError {
  const first = DATE_BOXES.find((box) => error.parts?.includes(box));
  return first && first !== 'day' ? { ...error, href: `${error.href}-${first}` } : error;
}
