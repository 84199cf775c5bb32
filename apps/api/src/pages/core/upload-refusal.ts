import { HttpException } from '@nestjs/common';
import { type PageError } from './page-renderer';

/**
 * An upload refused on the way in (too large, too many files, not a form) as the files field says
 * it; null for anything else. Not allowed and not found are not the form's to say: the error pages
 * answer those.
 */
export function uploadRefusal(error: unknown): PageError | null {
  if (!(error instanceof HttpException) || error.getStatus() === 403 || error.getStatus() === 404)
    return null;
  return { text: refusalWords(error), href: '#files' };
}

/** The words of the refusal, which the intake gives either as the answer or as its message. */
function refusalWords(error: HttpException): string {
  const answer = error.getResponse();
  const message =
    typeof answer === 'object' && answer !== null
      ? (answer as { message?: unknown }).message
      : answer;
  return typeof message === 'string' ? message : 'The files could not be added. Try again.';
}
