import {
  type ComplaintEvent,
  type ComplaintState,
  complaintEventFrom,
  complaintStream,
  evolve,
  INITIAL_STATE,
  ruleBroken,
  schemaVersionOf,
} from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import {
  type AppendResult,
  envelope,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '@sg/event-store';
import { createHash } from 'node:crypto';

export interface LoadedComplaint {
  readonly state: ComplaintState;
  /** The stream's last revision, or `no_stream`. */
  readonly revision: ExpectedRevision;
  readonly history: readonly RecordedEvent[];
}

export interface AppendContext {
  readonly correlationId: string;
  readonly causationId?: string;
  /** Makes the event ids repeatable, so a retried request stores nothing twice. */
  readonly idSeed?: string;
  /**
   * What the request asked, as a digest, recorded beside its idempotency key: the same key sent
   * again with another request is refused, however long after and on whichever node.
   */
  readonly requestDigest?: string;
}

/** A stored event as the current code reads it, upcast to the current schema version. */
export const asComplaintEvent: (recorded: RecordedEvent) => ComplaintEvent = complaintEventFrom;

/** Complaint streams: read and folded, or appended to at an expected revision. */
export class ComplaintRepository {
  constructor(private readonly store: EventStore) {}

  async load(complaintId: string): Promise<LoadedComplaint> {
    let state = INITIAL_STATE;
    let revision: ExpectedRevision = 'no_stream';
    const history: RecordedEvent[] = [];
    for await (const recorded of this.store.readStream(complaintStream(complaintId))) {
      state = evolve(state, asComplaintEvent(recorded));
      revision = recorded.revision;
      history.push(recorded);
    }
    return { state, revision, history };
  }

  /**
   * The events as they will be stored: ids chosen now (repeatable for a retried request) and the
   * request's idempotency key in their metadata, so a retry can find the answer it was given.
   */
  prepare(
    complaintId: string,
    events: readonly ComplaintEvent[],
    context: AppendContext,
  ): NewEvent[] {
    const stream = complaintStream(complaintId);
    const idempotencyKey = context.idSeed ? idempotencyKeyOf(context.idSeed) : undefined;
    return events.map((event, i) =>
      envelope(
        event,
        {
          schemaVersion: schemaVersionOf(event.type),
          correlationId: context.correlationId,
          ...(context.causationId ? { causationId: context.causationId } : {}),
          ...(idempotencyKey ? { idempotencyKey } : {}),
          ...(idempotencyKey && context.requestDigest
            ? { requestDigest: context.requestDigest }
            : {}),
          actor: event.data.by,
        },
        context.idSeed ? deterministicUuid(stream, context.idSeed, String(i)) : undefined,
      ),
    );
  }

  append(
    complaintId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.store.appendToStream(complaintStream(complaintId), events, { expectedRevision });
  }
}

/** What a request's idempotency seed is recorded as: a digest, so no key is stored as sent. */
export const idempotencyKeyOf = (idSeed: string) =>
  createHash('sha256').update(idSeed).digest('base64url').slice(0, 22);

/** The same idempotency key came with another request than the one it first came with. */
export const idempotencyKeyReused = () =>
  ruleBroken('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');

/**
 * The answer a request with this idempotency seed was given, if its events are in the history:
 * the state just after them. Refused when the events record another request than `requestDigest`
 * (events recorded before requests' digests were kept are taken as this request's).
 */
export function recordedAnswer(
  history: readonly RecordedEvent[],
  idSeed: string,
  requestDigest?: string,
): { state: ComplaintState; revision: bigint; events: RecordedEvent[] } | null {
  const key = idempotencyKeyOf(idSeed);
  let last = -1;
  for (let i = history.length - 1; i >= 0 && last < 0; i -= 1)
    if (history[i].metadata.idempotencyKey === key) last = i;
  if (last < 0) return null;
  const recordedDigest = history[last].metadata.requestDigest;
  if (requestDigest && typeof recordedDigest === 'string' && recordedDigest !== requestDigest)
    throw idempotencyKeyReused();
  let state = INITIAL_STATE;
  for (const recorded of history.slice(0, last + 1))
    state = evolve(state, asComplaintEvent(recorded));
  return {
    state,
    revision: history[last].revision,
    events: history.slice(0, last + 1).filter((e) => e.metadata.idempotencyKey === key),
  };
}
