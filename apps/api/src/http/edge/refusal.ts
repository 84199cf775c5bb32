import { HttpException } from '@nestjs/common';

/**
 * A request refused at the edge, before any route sees it, in the one error shape every answer
 * has: the exception filter writes it as `{ statusCode, code, message }`.
 */
export const refusal = (statusCode: number, code: string, message: string): HttpException =>
  new HttpException({ code, message }, statusCode);
