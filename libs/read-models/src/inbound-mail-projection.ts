import {
  evolveInboundMail,
  INBOUND_MAIL_STREAM_PREFIX,
  type InboundMailEvent,
  type InboundMailState,
  NO_MAIL,
} from '@sg/mail';
import { type EventStore, type Position, type RecordedEvent } from '@sg/event-store';
import type Database from 'better-sqlite3';
import { ProjectionCheckpoint } from './projection-checkpoint';
import { type ReadModelProjection } from './projection-reaction';

/** The projection's name, as the runner knows it. */
export const INBOUND_MAIL = 'inbound-mail';

const isMailStream = (stream: string) => stream.startsWith(INBOUND_MAIL_STREAM_PREFIX);
const mailEventOf = (recorded: RecordedEvent) =>
  ({ type: recorded.type, data: recorded.data }) as InboundMailEvent;

/** What the matching queue and a complaint's list of emails show of one message. */
export interface InboundMailRow {
  mail_id: string;
  received_at: string;
  from_name: string | null;
  from_email: string | null;
  subject: string;
  status: InboundMailState['status'];
  reason: string | null;
  complaint_id: string | null;
  school_urn: string | null;
  revision: number;
}

/**
 * One row per message the engine took in, folded from the message's own stream with the intake's
 * `evolveInboundMail`. A message's events are few and its row small, so each event rewrites the
 * row from the state before it, read back from the row's stream when it is not in the batch.
 */
export class InboundMailProjection implements ReadModelProjection {
  readonly name = INBOUND_MAIL;
  readonly streamPrefixes = [INBOUND_MAIL_STREAM_PREFIX];
  private readonly checkpoint: ProjectionCheckpoint;
  private readonly upsert;
  private readonly applyBatch;

  constructor(
    db: Database.Database,
    private readonly store: EventStore,
  ) {
    this.checkpoint = new ProjectionCheckpoint(db, 'inbound_mail_checkpoint');
    this.upsert = db.prepare<InboundMailRow>(
      `INSERT INTO inbound_mail (mail_id, received_at, from_name, from_email, subject, status,
         reason, complaint_id, school_urn, revision)
       VALUES (@mail_id, @received_at, @from_name, @from_email, @subject, @status, @reason,
         @complaint_id, @school_urn, @revision)
       ON CONFLICT (mail_id) DO UPDATE SET status = excluded.status, reason = excluded.reason,
         complaint_id = excluded.complaint_id, school_urn = excluded.school_urn,
         revision = excluded.revision
       WHERE excluded.revision > inbound_mail.revision`,
    );
    this.applyBatch = db.transaction(
      (states: readonly (readonly [string, MailRowState])[], last: Position | null) => {
        for (const [, state] of states) this.write(state);
        if (last) this.checkpoint.write(last);
      },
    );
  }

  async apply(events: readonly RecordedEvent[]): Promise<void> {
    const mine = events.filter((event) => isMailStream(event.stream));
    if (mine.length === 0) return;
    const states = new Map<string, MailRowState>();
    for (const event of mine) {
      let state = states.get(event.stream);
      if (!state && event.revision > 0n) state = await this.fold(event.stream, event.revision - 1n);
      states.set(event.stream, next(state ?? EMPTY, event));
    }
    this.applyBatch([...states], mine[mine.length - 1].position);
  }

  position(): Position | null {
    return this.checkpoint.read();
  }

  skip(event: RecordedEvent): void {
    this.checkpoint.write(event.position);
  }

  async applyLate(event: RecordedEvent): Promise<void> {
    if (!isMailStream(event.stream)) return;
    this.write(await this.fold(event.stream, null));
  }

  /** The message's state up to `upTo` (all of it when null), read from its stream. */
  private async fold(stream: string, upTo: bigint | null): Promise<MailRowState> {
    let state = EMPTY;
    for await (const recorded of this.store.readStream(stream)) {
      if (upTo !== null && recorded.revision > upTo) break;
      state = next(state, recorded);
    }
    return state;
  }

  private write(state: MailRowState): void {
    const received = state.mail.received;
    if (!received) return;
    this.upsert.run({
      mail_id: received.mailId,
      received_at: received.at,
      from_name: received.from?.name ?? null,
      from_email: received.from?.email ?? null,
      subject: received.subject,
      status: state.mail.status,
      reason: state.reason,
      complaint_id: state.mail.complaintId,
      school_urn: state.mail.matchedSchoolUrn,
      revision: state.revision,
    });
  }
}

interface MailRowState {
  readonly mail: InboundMailState;
  /** Why it waits, was ignored or was discarded, in the intake's terms. */
  readonly reason: string | null;
  readonly revision: number;
}

const EMPTY: MailRowState = { mail: NO_MAIL, reason: null, revision: -1 };

function next(state: MailRowState, recorded: RecordedEvent): MailRowState {
  const event = mailEventOf(recorded);
  const reason =
    event.type === 'InboundMailAwaitingMatch'
      ? event.data.reason
      : event.type === 'InboundMailIgnored'
        ? event.data.kind
        : event.type === 'InboundMailDiscarded'
          ? event.data.reason
          : event.type === 'InboundMailPutBack'
            ? 'put-back'
            : event.type === 'InboundMailFiled'
              ? null
              : state.reason;
  return {
    mail: evolveInboundMail(state.mail, event),
    reason,
    revision: Number(recorded.revision),
  };
}
