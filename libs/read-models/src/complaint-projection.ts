import type Database from 'better-sqlite3';
import {
  type ComplaintEvent,
  type ComplaintState,
  evolve,
  INITIAL_STATE,
  type OpenComplaint,
  upcastComplaintEvent,
} from '@sg/complaints';
import { type WorkingDayCalendar } from '@sg/working-days';
import { type Position, type RecordedEvent, SqliteCheckpointStore } from '@sg/event-store';
import { type ComplaintRow, complaintRow } from './complaint-row';
import { reportFactsOf } from './report-facts';

const COMPLAINT = 'complaint-';
/** The projection's name, under which its checkpoint is kept in the read-model file. */
export const READ_MODELS = 'read-models';
const COUNCIL_ONLY = new Set(['InternalNoteAdded']);

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
  /** States touched in the current batch, written once at its end. */
  private readonly pending = new Map<string, { state: ComplaintState; revision: number }>();

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.checkpoints = new SqliteCheckpointStore(db);
    this.statements = {
      state: db.prepare<[string], { state_json: string }>(
        'SELECT state_json FROM complaints WHERE complaint_id = ?',
      ),
      upsert: db.prepare<ComplaintRow>(
        `INSERT INTO complaints VALUES (@complaint_id, @reference, @school_urn, @service_id, @status,
           @channel, @summary, @lodged_at, @referred_at, @active_clock, @active_due_date,
           @active_deadline, @active_warning_at, @queue_deadline, @triage_deadline, @board_deadline,
           @proposal_status, @closed_at, @revision, @state_json)
         ON CONFLICT (complaint_id) DO UPDATE SET reference = excluded.reference,
           school_urn = excluded.school_urn, service_id = excluded.service_id,
           status = excluded.status, channel = excluded.channel, summary = excluded.summary,
           lodged_at = excluded.lodged_at, referred_at = excluded.referred_at,
           active_clock = excluded.active_clock, active_due_date = excluded.active_due_date,
           active_deadline = excluded.active_deadline, active_warning_at = excluded.active_warning_at,
           queue_deadline = excluded.queue_deadline,
           triage_deadline = excluded.triage_deadline, board_deadline = excluded.board_deadline,
           proposal_status = excluded.proposal_status, closed_at = excluded.closed_at,
           revision = excluded.revision,
           state_json = excluded.state_json`,
      ),
      timeline: db.prepare(`INSERT OR REPLACE INTO timeline VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      fact: db.prepare(
        `INSERT OR REPLACE INTO report_facts VALUES (@complaintId, @revision, @kind, @at, @serviceId,
           @channel, @outcome, @withinTarget, @workingDays, @amountPence)`,
      ),
      lastProposal: db.prepare<[string], { at: string }>(
        `SELECT at FROM timeline WHERE complaint_id = ? AND type = 'ResolutionProposed'
         ORDER BY revision DESC LIMIT 1`,
      ),
      search: db.prepare(
        `INSERT INTO complaint_search (complaint_id, council_only, reference, summary, details, notes)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.applyOne(event);
      for (const { state, revision } of this.pending.values())
        if (state.exists) this.statements.upsert.run(complaintRow(state, revision));
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
    const state = evolve(this.stateOf(complaintId), event);
    this.pending.set(complaintId, { state, revision: Number(recorded.revision) });
    const { by, at, ...details } = event.data as unknown as {
      by: { id: string; role: string };
      at: string;
    } & Record<string, unknown>;
    const councilOnly = COUNCIL_ONLY.has(event.type) ? 1 : 0;
    this.statements.timeline.run(
      complaintId,
      Number(recorded.revision),
      event.type,
      at,
      by.id,
      by.role,
      recorded.recordedAt.toISOString(),
      JSON.stringify(details),
      councilOnly,
    );
    if (event.type === 'ComplaintLodged') {
      const d = event.data;
      this.statements.search.run(complaintId, 0, d.reference, d.summary, d.details, '');
    } else if (event.type === 'InternalNoteAdded') {
      this.statements.search.run(complaintId, 1, '', '', '', event.data.text);
    }
    if (state.exists) this.recordFacts(complaintId, Number(recorded.revision), event, state);
  }

  private recordFacts(
    complaintId: string,
    revision: number,
    event: ComplaintEvent,
    state: OpenComplaint,
  ): void {
    const lastProposal =
      event.type === 'ComplaintClosed'
        ? (this.statements.lastProposal.get(complaintId)?.at ?? null)
        : null;
    for (const fact of reportFactsOf(event, state, lastProposal, this.calendar)) {
      this.statements.fact.run({
        complaintId,
        revision,
        kind: fact.kind,
        at: fact.at,
        serviceId: fact.serviceId,
        channel: fact.channel ?? null,
        outcome: fact.outcome ?? null,
        withinTarget: fact.withinTarget === undefined ? null : fact.withinTarget ? 1 : 0,
        workingDays: fact.workingDays ?? null,
        amountPence: fact.amountPence ?? null,
      });
    }
  }

  private stateOf(complaintId: string): ComplaintState {
    const pending = this.pending.get(complaintId);
    if (pending) return pending.state;
    const row = this.statements.state.get(complaintId);
    return row ? (JSON.parse(row.state_json) as ComplaintState) : INITIAL_STATE;
  }
}
