import {
  BadRequestException,
  createParamDecorator,
  type ExecutionContext,
  HttpException,
  HttpStatus,
  UnauthorizedException,
} from '@nestjs/common';
import { type SeenRevision } from '@sg/complaint-service';
import { type Actor } from '@sg/complaints';
import { randomUUID } from 'node:crypto';
import { type RequestWithIdempotency } from '../http/idempotency.interceptor';

export interface CommandRequest extends SeenRevision {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly idSeed?: string;
  readonly requestDigest?: string;
}

const IF_MATCH = /^(?:W\/)?"(\d+)"$/;

/** What every command request carries besides its body: who, which version, which retry. */
/**
 * The id a request's commands carry into their events: the caller's X-Correlation-Id (a proxy's,
 * say) when it is one well-formed id, as the request's log line names it; otherwise a new one.
 */
export function correlationIdOf(request: { header(name: string): string | undefined }): string {
  const correlation = request.header('x-correlation-id');
  return correlation && /^[\w.:-]{1,100}$/.test(correlation) ? correlation : randomUUID();
}

export const CommandRequestOf = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandRequest => {
    const request = context.switchToHttp().getRequest<RequestWithIdempotency>();
    if (!request.actor)
      throw new UnauthorizedException({ code: 'SIGN_IN_REQUIRED', message: 'Sign-in is required' });
    const ifMatch = request.header('if-match');
    let expectedRevision: bigint | undefined;
    if (ifMatch !== undefined && ifMatch !== '*') {
      const match = IF_MATCH.exec(ifMatch.trim());
      if (!match) {
        throw new BadRequestException({
          code: 'VALIDATION_FAILED',
          message: 'If-Match must be the ETag of the complaint, e.g. "3"',
          errors: [
            { field: 'If-Match', messages: ['must be the ETag of the complaint, e.g. "3"'] },
          ],
        });
      }
      // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag, whatever it names, never matches.
      if (match[0].startsWith('W/'))
        throw new HttpException(
          {
            code: 'WEAK_ETAG',
            message:
              'If-Match never matches a weak ETag (W/"…"): send the ETag as the complaint gave it, e.g. "3"',
            errors: [{ field: 'If-Match', messages: ['must be a strong ETag, e.g. "3"'] }],
          },
          HttpStatus.PRECONDITION_FAILED,
        );
      expectedRevision = BigInt(match[1]);
    }
    return {
      actor: request.actor,
      correlationId: correlationIdOf(request),
      expectedRevision,
      idSeed: request.idempotencySeed,
      requestDigest: request.idempotencyRequestDigest,
    };
  },
);
