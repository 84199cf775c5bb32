import { HttpStatus } from '@nestjs/common';
import { type Response } from 'express';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { sentence } from './page-form';
import { type PageRenderer } from './page-renderer';

interface ErrorPage {
  readonly title: string;
  readonly paragraphs: readonly string[];
  readonly link?: { readonly href: string; readonly text: string };
}

const PAGES: Record<number, ErrorPage> = {
  [HttpStatus.FORBIDDEN]: {
    title: 'You cannot do this',
    paragraphs: [
      'Your account does not allow this. If you think it should, ask your administrator.',
    ],
    link: { href: '/home', text: 'Go to your home page' },
  },
  [HttpStatus.NOT_FOUND]: {
    title: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
    link: { href: '/home', text: 'Go to your home page' },
  },
  [HttpStatus.TOO_MANY_REQUESTS]: {
    title: 'Too many attempts',
    paragraphs: ['Wait a few minutes, then try again.'],
  },
  [HttpStatus.SERVICE_UNAVAILABLE]: {
    title: 'Sorry, the service is unavailable',
    paragraphs: [
      'You will be able to use the service again in a few minutes.',
      'If you saw this after pressing a button, check the complaint before you try again.',
    ],
  },
  [HttpStatus.INTERNAL_SERVER_ERROR]: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: [
      'Try again later. Nothing you sent was lost if you saw this after pressing a button: check the complaint before you try again.',
    ],
  },
};

const BAD_REQUEST: ErrorPage = {
  title: 'There is a problem with what you sent',
  paragraphs: ['Go back, check your answers and try again.'],
};

const FORM_EXPIRED: ErrorPage = {
  title: 'This form has expired',
  paragraphs: [
    'For your security, a form stops working when you sign in or out, when your session ends, or when it has been open a long time.',
    'Go back, reload the page and try again.',
  ],
};

/**
 * Where a person not signed in is sent: the sign-in page, which brings them back afterwards. A form
 * sent after their session ended brings them back to the form (the page it was sent from), and
 * the sign-in page tells them it was not sent.
 */
export function signInLocation(request: RequestWithIdentity): string {
  const sent = request.method !== 'GET';
  const back = sent ? sameSitePath(request) : request.originalUrl;
  const query = [
    ...(back && back !== '/' && back.length < 500 ? [`next=${encodeURIComponent(back)}`] : []),
    ...(sent ? ['unsent=1'] : []),
  ];
  return query.length > 0 ? `/sign-in?${query.join('&')}` : '/sign-in';
}

/** The path of the page a form was sent from, when that page is this site's. */
function sameSitePath(request: RequestWithIdentity): string | null {
  const referrer = request.header('referer');
  if (!referrer) return null;
  try {
    const from = new URL(referrer);
    return from.host === request.header('host') ? from.pathname + from.search : null;
  } catch {
    return null;
  }
}

/**
 * A refusal or failure on a page, answered as a page: sign-in for someone not signed in, and a
 * GOV.UK error page, with the status, for the rest. Like the API's answers it says nothing about
 * the thing asked for.
 */
export function renderErrorPage(
  renderer: PageRenderer,
  request: RequestWithIdentity,
  response: Response,
  status: number,
  code: string | undefined,
  /** What a refusal of the person's own input says of it (the field at fault): shown for a 400. */
  detail?: string,
): void {
  if (status === 401) {
    response.redirect(303, signInLocation(request));
    return;
  }
  const page =
    code === 'FORM_EXPIRED'
      ? FORM_EXPIRED
      : code === 'VALIDATION_FAILED' && status === 400 && detail
        ? { ...BAD_REQUEST, paragraphs: [sentence(detail), ...BAD_REQUEST.paragraphs] }
        : (PAGES[status] ??
          (status >= 500 ? PAGES[HttpStatus.INTERNAL_SERVER_ERROR] : BAD_REQUEST));
  renderer.render(
    request,
    response,
    'errors/error.njk',
    { pageTitle: page.title, paragraphs: page.paragraphs, link: page.link },
    status,
  );
}
