import { complaintEventFrom } from '@sg/complaints';
import type Database from 'better-sqlite3';
import { type ReadModelProjection } from './projection-reaction';
import { type WorkingDayCalendar } from '@sg/working-days';
import {
  type EventStore,
  type Position,
  type RecordedEvent,
  SqliteCheckpointStore,
} from '@sg/event-store';
import { type ComplaintRow, complaintRow } from './complaint-row';
import {
  NOTHING_YET,
  projectComplaintStream,
  type ProjectedComplaint,
  projectEvent,
} from './projected-complaint';
import { paymentReferenceKey } from './payment-row';
import { isoInstant, reportFactsOf } from './report-facts';
import { contactWords, searchableWords } from './searchable-words';

const COMPLAINT = 'complaint-';
/** The projection's name, under which its checkpoint is kept in the read-model file. */
export const READ_MODELS = 'read-models';
/** Complaints kept folded in memory between batches; any other is folded again from its stream. */
const KEPT_IN_MEMORY = 20_000;

const complaintIdOf = (recorded: RecordedEvent) =>
  recorded.stream.startsWith(COMPLAINT) ? recorded.stream.slice(COMPLAINT.length) : null;

/** The projection was handed an event without the complaint as it stood just before it. */
export class ProjectionOutOfStepError extends Error {
  constructor(complaintId: string, expected: number, known: number) {
    super(`complaint ${complaintId}: event ${expected} arrived after event ${known}`);
    this.name = 'ProjectionOutOfStepError';
  }
}

/** The complaints' own streams: all the complaint read models are made of. */
export const COMPLAINT_PROJECTION_STREAMS: readonly string[] = ['complaint-'];

/**
 * Folds complaint events into the read model with the domain's own `evolve`, so a list shows
 * exactly the state a command would see. A batch of events and the checkpoint after it commit in
 * one transaction: stopped anywhere, it resumes after the last batch it committed, never applying
 * an event twice nor skipping one.
 *
 * The folded states themselves are not stored: the complaints still moving are kept in memory,
 * and one that is not (after a restart, or closed and then noted on) is folded again from its own
 * stream before the batch that needs it.
 */
export class ComplaintProjection implements ReadModelProjection {
  readonly name = READ_MODELS;
  readonly streamPrefixes: readonly string[] = COMPLAINT_PROJECTION_STREAMS;

  private readonly statements;
  private readonly applyBatch;
  private readonly applyLateTransaction;
  private readonly checkpoints: SqliteCheckpointStore;
  /** Folded complaints, least recently changed first. */
  private readonly known = new Map<string, ProjectedComplaint>();
  /** Complaints the current batch changed: each row is written once, at its end. */
  private readonly changed = new Set<string>();

  constructor(
    db: Database.Database,
    private readonly calendar: WorkingDayCalendar,
    private readonly store: EventStore,
  ) {
    this.checkpoints = new SqliteCheckpointStore(db);
    this.statements = {
      upsert: db.prepare<ComplaintRow>(
        `INSERT INTO complaints VALUES (@complaint_id, @reference, @school_urn, @service_id, @status,
           @channel, @summary, @lodged_at, @referred_at, @active_clock, @active_due_date,
           @active_deadline, @active_warning_at, @queue_deadline, @service_queue_rank,
           @triage_deadline, @board_deadline,
           @proposal_status, @closed_at, @revision, @case_officer_id, @logged_by, @logged_role,
           @reroute_asked_at)
         ON CONFLICT (complaint_id) DO UPDATE SET reference = excluded.reference,
           school_urn = excluded.school_urn, service_id = excluded.service_id,
           status = excluded.status, channel = excluded.channel, summary = excluded.summary,
           lodged_at = excluded.lodged_at, referred_at = excluded.referred_at,
           active_clock = excluded.active_clock, active_due_date = excluded.active_due_date,
           active_deadline = excluded.active_deadline, active_warning_at = excluded.active_warning_at,
           queue_deadline = excluded.queue_deadline,
           service_queue_rank = excluded.service_queue_rank,
           triage_deadline = excluded.triage_deadline, board_deadline = excluded.board_deadline,
           proposal_status = excluded.proposal_status, closed_at = excluded.closed_at,
           revision = excluded.revision, case_officer_id = excluded.case_officer_id,
           logged_by = excluded.logged_by, logged_role = excluded.logged_role,
           reroute_asked_at = excluded.reroute_asked_at`,
      ),
      fact: db.prepare(`INSERT INTO report_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      resolutionSetAside: db.prepare(
        `INSERT INTO report_facts (complaint_id, revision, kind, at, service_id, recorded_at)
         SELECT complaint_id, ?, 'resolution-set-aside', at, service_id, ? FROM report_facts
         WHERE complaint_id = ? AND kind = 'resolved'`,
      ),
      search: db.prepare(
        `INSERT INTO complaint_search (complaint_id, council_only, reference, summary, details, notes, contact)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      paymentReference: db.prepare(
        'INSERT OR IGNORE INTO payment_references (reference_key, complaint_id) VALUES (?, ?)',
      ),
      factsOfEvent: db.prepare('DELETE FROM report_facts WHERE complaint_id = ? AND revision = ?'),
      resolvedFacts: db.prepare(
        "DELETE FROM report_facts WHERE complaint_id = ? AND kind = 'resolved'",
      ),
      rowRevision: db.prepare<[string], { revision: number }>(
        'SELECT revision FROM complaints WHERE complaint_id = ?',
      ),
    };
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.applyOne(event);
      for (const complaintId of this.changed) {
        const { state, revision } = this.known.get(complaintId)!;
        if (state.exists) this.statements.upsert.run(complaintRow(state, revision));
      }
      const last = events[events.length - 1];
      this.checkpoints.write(READ_MODELS, last.position);
    });
    this.applyLateTransaction = db.transaction(
      (recorded: RecordedEvent, complaintId: string, before: ProjectedComplaint) => {
        const revision = Number(recorded.revision);
        // A retry whose success went unrecorded (a crash) may come again: its facts go in once.
        this.statements.factsOfEvent.run(complaintId, revision);
        const after = this.writeEventRows(complaintId, recorded, before);
        const row = this.statements.rowRevision.get(complaintId);
        if (after.state.exists && (!row || row.revision < revision))
          this.statements.upsert.run(complaintRow(after.state, revision));
      },
    );
  }

  /** Applies the events (in store order) and records the last one's position, atomically. */
  async apply(events: readonly RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.recall(events);
    try {
      this.applyBatch(events);
    } catch (error) {
      // What the batch folded in was rolled back in the file: fold again from the streams.
      this.known.clear();
      throw error;
    } finally {
      this.forgetSettled();
      this.changed.clear();
    }
  }

  position(): Position | null {
    return this.checkpoints.read(READ_MODELS);
  }

  /**
   * Moves the checkpoint past an event the runner parked, its rows unwritten (the parked record
   * says so). Its complaint is folded again from its stream when it next moves.
   */
  skip(event: RecordedEvent): void {
    const complaintId = complaintIdOf(event);
    if (complaintId !== null) this.known.delete(complaintId);
    this.checkpoints.write(READ_MODELS, event.position);
  }

  /**
   * Applies a parked event after the projection has gone on to later ones: the complaint is folded
   * from its stream up to just before the event, the rows the event adds are written, and the
   * complaint's row only if it shows no later revision already. The checkpoint stays where it is.
   */
  async applyLate(recorded: RecordedEvent): Promise<void> {
    const complaintId = complaintIdOf(recorded);
    if (complaintId === null) return;
    const before = await projectComplaintStream(
      this.store,
      complaintId,
      Number(recorded.revision) - 1,
    );
    this.known.delete(complaintId);
    this.applyLateTransaction(recorded, complaintId, before);
  }

  /** Folds from its stream each complaint of the batch not known as it stood before the batch. */
  private async recall(events: readonly RecordedEvent[]): Promise<void> {
    const firstRevisions = new Map<string, number>();
    for (const event of events) {
      const complaintId = complaintIdOf(event);
      if (complaintId !== null && !firstRevisions.has(complaintId))
        firstRevisions.set(complaintId, Number(event.revision));
    }
    for (const [complaintId, revision] of firstRevisions) {
      if (revision === 0 || this.known.get(complaintId)?.revision === revision - 1) continue;
      this.known.set(
        complaintId,
        await projectComplaintStream(this.store, complaintId, revision - 1),
      );
    }
  }

  private applyOne(recorded: RecordedEvent): void {
    const complaintId = complaintIdOf(recorded);
    if (complaintId === null) return;
    const revision = Number(recorded.revision);
    const before = this.known.get(complaintId) ?? NOTHING_YET;
    if (before.revision !== revision - 1)
      throw new ProjectionOutOfStepError(complaintId, revision, before.revision);
    const after = this.writeEventRows(complaintId, recorded, before);
    // Deleted first, so that the map keeps the most recently changed complaints last.
    this.known.delete(complaintId);
    this.known.set(complaintId, after);
    this.changed.add(complaintId);
  }

  /** Folds the event in and writes the rows it adds (search, report facts); not the complaint's row. */
  private writeEventRows(
    complaintId: string,
    recorded: RecordedEvent,
    before: ProjectedComplaint,
  ): ProjectedComplaint {
    const revision = Number(recorded.revision);
    const event = complaintEventFrom(recorded);
    const after = projectEvent(before, event, revision);
    if (event.type === 'ComplaintLodged') {
      const d = event.data;
      this.statements.search.run(
        complaintId,
        0,
        d.reference,
        searchableWords(d.summary),
        searchableWords(d.details),
        '',
        contactWords(d.contact),
      );
    } else if (event.type === 'InternalNoteAdded') {
      this.statements.search.run(complaintId, 1, '', '', '', searchableWords(event.data.text), '');
    } else if (event.type === 'SchoolContactChanged') {
      // The contact before stays findable: Business Support may know the case by either name.
      this.statements.search.run(complaintId, 0, '', '', '', '', contactWords(event.data.contact));
    } else if (event.type === 'ReimbursementPaid') {
      this.statements.paymentReference.run(
        paymentReferenceKey(event.data.paymentReference),
        complaintId,
      );
    } else if (event.type === 'DeemedAcceptanceSetAside') {
      // It was never resolved: the school had disputed in time. Reports of that period change,
      // and say that something was recorded for it after it ended.
      this.statements.resolutionSetAside.run(revision, isoInstant(event.data.at), complaintId);
      this.statements.resolvedFacts.run(complaintId);
    }
    if (!after.state.exists) return after;
    for (const fact of reportFactsOf(event, after.state, before.lastProposalAt, this.calendar))
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
        isoInstant(event.data.at),
      );
    return after;
  }

  /** Closed complaints rarely change again; beyond the limit, the least recently changed go. */
  private forgetSettled(): void {
    for (const complaintId of this.changed) {
      const known = this.known.get(complaintId);
      if (known?.state.exists && known.state.status === 'closed') this.known.delete(complaintId);
    }
    for (const complaintId of this.known.keys()) {
      if (this.known.size <= KEPT_IN_MEMORY) break;
      this.known.delete(complaintId);
    }
  }
}
