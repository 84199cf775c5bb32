import { createHash } from 'node:crypto';

export interface StoredResponse {
  readonly requestHash: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

/** How long a first answer is kept for a retry: a day. */
export const KEEP_ANSWERS_MS = 24 * 60 * 60 * 1000;

/** JSON with every object's keys in order: the same request whatever order its fields came in. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, field: unknown) =>
    typeof field === 'object' && field !== null && !Array.isArray(field)
      ? Object.fromEntries(
          Object.entries(field as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : field,
  );

const digest = (method: string, path: string, json: string) =>
  createHash('sha256').update(`${method} ${path}\n${json}`).digest('hex');

/** What a request asked, as a digest: its method, its path and its body, whatever its fields' order. */
export const requestHash = (method: string, path: string, body: unknown) =>
  digest(method, path, canonicalJson(body));

/**
 * Whether a request, whose requestHash is `hash`, is the one a key was first used for. Answers kept
 * before digests put fields in order were digested in the order the fields came, which a retry
 * sends again.
 */
export const sameRequest = (
  kept: string,
  hash: string,
  request: { readonly method: string; readonly path: string; readonly body: unknown },
) =>
  kept === hash ||
  kept === digest(request.method, request.path, JSON.stringify(request.body ?? null));

/**
 * First answers to requests that carried an Idempotency-Key, per person, kept for a day: in
 * Redis when there is one, so that a retry reaching another API node gets the same answer
 * (RedisIdempotencyStore), else in DATA_DIR (SqliteIdempotencyStore). Both pass one suite.
 */
export abstract class IdempotencyStore {
  abstract find(actorId: string, key: string): Promise<StoredResponse | null>;
  /** Keeps the first answer; one kept already for the key stays. */
  abstract save(actorId: string, key: string, response: StoredResponse): Promise<void>;
  /**
   * Takes the key for answering, unless another node is answering it now (for at most `forMs`,
   * should that node die): a retry sent to another node while the first is still at work waits
   * for its answer rather than doing it again. One node alone always takes it.
   */
  abstract claim(actorId: string, key: string, forMs: number): Promise<boolean>;
  /** Gives the key up once its answer is kept, or no answer will be. */
  abstract release(actorId: string, key: string): Promise<void>;
}
