import { type ArgumentsHost, Catch, type ExceptionFilter, Injectable } from '@nestjs/common';
import { SignInRefused } from '@sg/auth';
import { type Response } from 'express';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { renderErrorPage } from '../core/error-pages';
import { PageRenderer } from '../core/page-renderer';

/**
 * A refusal on the way in (lodging's rate limit) answered as a page with its status, as the API
 * answers it with its JSON: "Too many attempts" rather than a server error.
 */
@Injectable()
@Catch(SignInRefused)
export class PageRefusalFilter implements ExceptionFilter {
  constructor(private readonly pages: PageRenderer) {}

  catch(error: SignInRefused, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<RequestWithIdentity>();
    const response = host.switchToHttp().getResponse<Response>();
    if (error.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    renderErrorPage(this.pages, request, response, error.status, error.code);
  }
}
