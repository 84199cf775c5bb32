import {
  type CallHandler,
  ConflictException,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type Response } from 'express';
import { catchError, defer, finalize, from, type Observable, switchMap, throwError } from 'rxjs';
import { type RequestWithIdentity } from '../auth/request-identity';
import {
  IdempotencyStore,
  requestHash,
  sameRequest,
  type StoredResponse,
} from './idempotency-store';
import { RecordedNotYetReadable } from './recorded-not-yet-readable';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export interface RequestWithIdempotency extends RequestWithIdentity {
  /** Seeds the event ids of whatever the request records, so a retry cannot record it twice. */
  idempotencySeed?: string;
  /** What the request asked, recorded beside the seed: see AppendContext.requestDigest. */
  idempotencyRequestDigest?: string;
}

const REPLAYED_HEADERS = ['etag', 'location'];

/** How long a node may hold a key while it answers, should it die answering. */
const CLAIM_MS = 60_000;
/** How long a retry waits for another node's answer before it is told to try again. */
const WAIT_FOR_ANOTHER_NODE_MS = 30_000;

const SHOWN_ONCE = 'idempotency:shown-once';

/**
 * The answer holds these fields only this once (a new token, a password link): they are never kept
 * for a retry, which is told instead that the request was done, with the rest of the first answer.
 */
export const AnswerShownOnce = (...fields: string[]) => SetMetadata(SHOWN_ONCE, fields);

type Answer = Omit<StoredResponse, 'requestHash'>;

/** What a retry of a request whose answer held `fields` is told: done, and what was not secret. */
function doneWithoutSecrets(body: object, fields: readonly string[]): Answer {
  const shown = fields.filter((field) => field in body);
  return {
    status: 409,
    headers: {},
    body: {
      statusCode: 409,
      code: 'ALREADY_DONE',
      message: `This request was done already; its ${shown.join(' and ')} ${shown.length > 1 ? 'are' : 'is'} shown only once`,
      done: Object.fromEntries(Object.entries(body).filter(([name]) => !fields.includes(name))),
    },
  };
}

/**
 * A POST with an Idempotency-Key is answered once: a retry with the same key and the same request
 * gets the first answer again and changes nothing; the same key with a different request is
 * refused.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** Requests still being answered, by person and key: a retry meanwhile waits for the answer. */
  private readonly answering = new Map<string, Promise<void>>();

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RequestWithIdempotency>();
    const key = request.header(IDEMPOTENCY_HEADER);
    if (request.method !== 'POST' || !key || !request.actor) return next.handle();
    if (key.length > 200) {
      throw new UnprocessableEntityException({
        code: 'INVALID_IDEMPOTENCY_KEY',
        message: 'Idempotency-Key is longer than 200 characters',
      });
    }
    const actorId = request.actor.id;
    const seed = `${actorId}\u0000${key}`;
    return defer(async () => {
      // A double click or a retry sent before the first answer: wait for that answer. Again if
      // another waiter took up the request meanwhile (the first failed, so nothing was kept).
      for (let first = this.answering.get(seed); first; first = this.answering.get(seed))
        await first;
      return this.answer(context, next, actorId, key, seed);
    }).pipe(switchMap((answered) => answered));
  }

  /**
   * Null once this node has taken the key to answer it; or the answer another node gave while
   * this waited for it (a retry sent to this node while the first was still at work there).
   */
  private async answeredElsewhere(actorId: string, key: string): Promise<StoredResponse | null> {
    const giveUpAt = Date.now() + WAIT_FOR_ANOTHER_NODE_MS;
    for (;;) {
      if (await this.store.claim(actorId, key, CLAIM_MS)) return null;
      await new Promise((resolve) => setTimeout(resolve, 100));
      const answered = await this.store.find(actorId, key);
      if (answered) return answered;
      if (Date.now() > giveUpAt)
        throw new ConflictException({
          code: 'REQUEST_IN_PROGRESS',
          message: 'This request is still being answered; send it again in a moment',
        });
    }
  }

  /**
   * Refuses (by throwing) a caller who may no longer be told what the first answer said: the guards
   * have checked their roles again, but not that those roles still reach the resource answered
   * about. Here, nothing further to check.
   */
  protected mayReplay(_request: RequestWithIdempotency, _first: StoredResponse): Promise<void> {
    return Promise.resolve();
  }

  private async answer(
    context: ExecutionContext,
    next: CallHandler,
    actorId: string,
    key: string,
    seed: string,
  ): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<RequestWithIdempotency>();
    const response = context.switchToHttp().getResponse<Response>();
    const hash = requestHash(request.method, request.path, request.body);
    // Taken as answering before the store is asked, so a double click waits for this one.
    let settle: () => void = () => undefined;
    this.answering.set(seed, new Promise<void>((resolve) => (settle = resolve)));
    let claimed = false;
    const done = () => {
      this.answering.delete(seed);
      settle();
      if (claimed) void this.store.release(actorId, key).catch(() => undefined);
    };
    let previous: StoredResponse | null;
    try {
      previous = await this.store.find(actorId, key);
      if (!previous) {
        previous = await this.answeredElsewhere(actorId, key);
        claimed = previous === null;
      }
    } catch (error) {
      done();
      throw error;
    }
    if (previous) {
      done();
      if (!sameRequest(previous.requestHash, hash, request)) {
        throw new UnprocessableEntityException({
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This Idempotency-Key was used for a different request',
        });
      }
      return from(
        this.mayReplay(request, previous).then(() => {
          response.status(previous.status);
          for (const [name, value] of Object.entries(previous.headers))
            response.setHeader(name, value);
          response.setHeader('Idempotent-Replayed', 'true');
          return previous.body;
        }),
      );
    }
    request.idempotencySeed = seed;
    request.idempotencyRequestDigest = hash;
    const shownOnce = this.reflector.get<string[] | undefined>(SHOWN_ONCE, context.getHandler());
    return next.handle().pipe(
      switchMap((body: unknown) =>
        from(
          Promise.resolve().then(async () => {
            const headers = Object.fromEntries(
              REPLAYED_HEADERS.flatMap((name) => {
                const value = response.getHeader(name);
                return value === undefined ? [] : [[name, String(value)]];
              }),
            );
            const first: Answer = { status: response.statusCode, headers, body };
            const kept =
              typeof body === 'object' && body !== null && shownOnce?.some((field) => field in body)
                ? doneWithoutSecrets(body, shownOnce)
                : first;
            await this.store.save(actorId, key, { requestHash: hash, ...kept });
            return body;
          }),
        ),
      ),
      // Recorded, but answered 202 while the read model caught up: that is the first answer too,
      // and a retry gets it again rather than being counted and decided as a new request.
      catchError((error: unknown) =>
        from(
          error instanceof RecordedNotYetReadable
            ? this.store.save(actorId, key, {
                requestHash: hash,
                status: 202,
                headers: { etag: error.etag, location: error.location },
                body: error.body,
              })
            : Promise.resolve(),
        ).pipe(switchMap(() => throwError(() => error))),
      ),
      finalize(done),
    );
  }
}
