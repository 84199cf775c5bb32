import type Database from 'better-sqlite3';
import { type ComplaintState, evolve, INITIAL_STATE, upcastComplaintEvent } from '@sg/complaints';
import { type WorkingDayCalendar } from '@sg/working-days';
import { type Position, type RecordedEvent, SqliteCheckpointStore } from '@sg/event-store';
import { type ComplaintRow, complaintRow } from './complaint-row';
import { isoInstant, reportFactsOf } from './report-facts';

const COMPLAINT = 'complaint-';
/** The projection's name, under which its checkpoint is kept in the read-model file. */
export const READ_MODELS = 'read-models';

/** What the projection knows of one complaint between events: its row, before it is written. */
interface ProjectedComplaint {
  readonly state: ComplaintState;
  readonly lastProposalAt: string | null;
}

/** A complaint an event of the current batch changed, and the revision of the last such event. */
interface ChangedComplaint extends ProjectedComplaint {
  readonly revision: number;
}

const UNKNOWN: ProjectedComplaint = { state: INITIAL_STATE, lastProposalAt: null };

/**
 * Folds complaint events into the read model with the domain's own `evolve`, so a list shows
 * exactly the state a command would see. A batch of events and the checkpoint after it commit in
 * one transaction: stopped anywhere, it resumes after the last batch it committed, never applying
 * an event twice nor skipping one.
 */
export class ComplaintProjection {
  private readonly statements;
  private readonly applyBatch;
  private readonly checkpoints: SqliteCheckpointStore;
  /** Complaints touched in the current batch, each written once at its end. */
  private readonly pending = new Map<string, ChangedComplaint>();

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.checkpoints = new SqliteCheckpointStore(db);
    this.statements = {
      projected: db.prepare<[string], { state_json: string; last_proposal_at: string | null }>(
        'SELECT state_json, last_proposal_at FROM complaint_states WHERE complaint_id = ?',
      ),
      state: db.prepare<[string, string | null, string]>(
        `INSERT INTO complaint_states VALUES (?, ?, ?) ON CONFLICT (complaint_id) DO UPDATE SET
           last_proposal_at = excluded.last_proposal_at, state_json = excluded.state_json`,
      ),
      upsert: db.prepare<ComplaintRow>(
        `INSERT INTO complaints VALUES (@complaint_id, @reference, @school_urn, @service_id, @status,
           @channel, @summary, @lodged_at, @referred_at, @active_clock, @active_due_date,
           @active_deadline, @active_warning_at, @queue_deadline, @triage_deadline, @board_deadline,
           @proposal_status, @closed_at, @revision)
         ON CONFLICT (complaint_id) DO UPDATE SET reference = excluded.reference,
           school_urn = excluded.school_urn, service_id = excluded.service_id,
           status = excluded.status, channel = excluded.channel, summary = excluded.summary,
           lodged_at = excluded.lodged_at, referred_at = excluded.referred_at,
           active_clock = excluded.active_clock, active_due_date = excluded.active_due_date,
           active_deadline = excluded.active_deadline, active_warning_at = excluded.active_warning_at,
           queue_deadline = excluded.queue_deadline,
           triage_deadline = excluded.triage_deadline, board_deadline = excluded.board_deadline,
           proposal_status = excluded.proposal_status, closed_at = excluded.closed_at,
           revision = excluded.revision`,
      ),
      fact: db.prepare(`INSERT INTO report_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      search: db.prepare(
        `INSERT INTO complaint_search (complaint_id, council_only, reference, summary, details, notes)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.applyOne(event);
      for (const [complaintId, { state, revision, lastProposalAt }] of this.pending) {
        if (!state.exists) continue;
        this.statements.upsert.run(complaintRow(state, revision));
        this.statements.state.run(complaintId, lastProposalAt, JSON.stringify(state));
      }
      this.pending.clear();
      const last = events[events.length - 1];
      this.checkpoints.write(READ_MODELS, last.position);
    });
  }

  /** Applies the events (in store order) and records the last one's position, atomically. */
  apply(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    try {
      this.applyBatch(events);
    } finally {
      this.pending.clear();
    }
  }

  position(): Position | null {
    return this.checkpoints.read(READ_MODELS);
  }

  private applyOne(recorded: RecordedEvent): void {
    if (!recorded.stream.startsWith(COMPLAINT)) return;
    const complaintId = recorded.stream.slice(COMPLAINT.length);
    const event = upcastComplaintEvent({
      type: recorded.type,
      data: recorded.data,
      schemaVersion: recorded.metadata.schemaVersion,
    });
    const before = this.projectedOf(complaintId);
    const revision = Number(recorded.revision);
    const state = evolve(before.state, event);
    const lastProposalAt =
      event.type === 'ResolutionProposed' ? isoInstant(event.data.at) : before.lastProposalAt;
    this.pending.set(complaintId, { state, revision, lastProposalAt });
    if (event.type === 'ComplaintLodged') {
      const d = event.data;
      this.statements.search.run(complaintId, 0, d.reference, d.summary, d.details, '');
    } else if (event.type === 'InternalNoteAdded') {
      this.statements.search.run(complaintId, 1, '', '', '', event.data.text);
    }
    if (!state.exists) return;
    for (const fact of reportFactsOf(event, state, before.lastProposalAt, this.calendar))
      this.statements.fact.run(
        complaintId,
        revision,
        fact.kind,
        fact.at,
        fact.serviceId,
        fact.channel ?? null,
        fact.outcome ?? null,
        fact.withinTarget === undefined ? null : fact.withinTarget ? 1 : 0,
        fact.workingDays ?? null,
        fact.amountPence ?? null,
      );
  }

  private projectedOf(complaintId: string): ProjectedComplaint {
    const pending = this.pending.get(complaintId);
    if (pending) return pending;
    const row = this.statements.projected.get(complaintId);
    if (!row) return UNKNOWN;
    return {
      state: JSON.parse(row.state_json) as ComplaintState,
      lastProposalAt: row.last_proposal_at,
    };
  }
}
