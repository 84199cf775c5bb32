import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { SignInRefused } from '@sg/auth';
import { type Response } from 'express';

/** A refusal on the way in: its status and code, and when to try again after too many attempts. */
@Catch(SignInRefused)
export class SignInRefusedFilter implements ExceptionFilter {
  catch(error: SignInRefused, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error.retryAfterSeconds !== undefined)
      response.setHeader('Retry-After', String(error.retryAfterSeconds));
    response
      .status(error.status)
      .json({ statusCode: error.status, code: error.code, message: error.message });
  }
}
