import {
  COMPLAINT_EVENT_SCHEMA_VERSION,
  type ComplaintEvent,
  type ComplaintState,
  complaintStream,
  evolve,
  INITIAL_STATE,
  upcastComplaintEvent,
} from '@sg/complaints';
import { deterministicUuid } from '@sg/directory';
import {
  type AppendResult,
  envelope,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
} from '@sg/event-store';

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
}

/** A stored event as the current code reads it, upcast to the current schema version. */
export const asComplaintEvent = (recorded: RecordedEvent): ComplaintEvent =>
  upcastComplaintEvent({
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
  });

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

  append(
    complaintId: string,
    events: readonly ComplaintEvent[],
    expectedRevision: ExpectedRevision,
    context: AppendContext,
  ): Promise<AppendResult> {
    const stream = complaintStream(complaintId);
    return this.store.appendToStream(
      stream,
      events.map((event, i) =>
        envelope(
          event,
          {
            schemaVersion: COMPLAINT_EVENT_SCHEMA_VERSION,
            correlationId: context.correlationId,
            ...(context.causationId ? { causationId: context.causationId } : {}),
            actor: event.data.by,
          },
          context.idSeed ? deterministicUuid(stream, context.idSeed, String(i)) : undefined,
        ),
      ),
      { expectedRevision },
    );
  }
}
