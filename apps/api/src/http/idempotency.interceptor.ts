import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  UnprocessableEntityException,
} from '@nestjs/common';
import { type Response } from 'express';
import { from, map, type Observable, of, switchMap } from 'rxjs';
import { type RequestWithIdentity } from '../auth/request-identity';
import { IdempotencyStore, requestHash } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface RequestWithIdempotency extends RequestWithIdentity {
  /** Seeds the event ids of whatever the request records, so a retry cannot record it twice. */
  idempotencySeed?: string;
}

const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * A POST with an Idempotency-Key is answered once: a retry with the same key and the same request
 * gets the first answer again and changes nothing; the same key with a different request is
 * refused.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithIdempotency>();
    const response = context.switchToHttp().getResponse<Response>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || !key || !request.actor) return next.handle();
    if (key.length > 200) {
      throw new UnprocessableEntityException({
        code: 'INVALID_IDEMPOTENCY_KEY',
        message: 'Idempotency-Key is longer than 200 characters',
      });
    }
    const actorId = request.actor.id;
    const hash = requestHash(request.method, request.path, request.body);
    const previous = this.store.find(actorId, key);
    if (previous) {
      if (previous.requestHash !== hash) {
        throw new UnprocessableEntityException({
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This Idempotency-Key was used for a different request',
        });
      }
      response.status(previous.status);
      for (const [name, value] of Object.entries(previous.headers)) response.setHeader(name, value);
      response.setHeader('Idempotent-Replayed', 'true');
      return of(previous.body);
    }
    request.idempotencySeed = `${actorId}\u0000${key}`;
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(
          Promise.resolve().then(() => {
            const headers = Object.fromEntries(
              REPLAYED_HEADERS.flatMap((name) => {
                const value = response.getHeader(name);
                return value === undefined ? [] : [[name, String(value)]];
              }),
            );
            this.store.save(actorId, key, {
              requestHash: hash,
              status: response.statusCode,
              headers,
              body,
            });
            return body;
          }),
        ),
      ),
      map((body) => body),
    );
  }
}
