import type Database from 'better-sqlite3';
import {
  type ClockTiming,
  typedReference,
  isBoardWorkingClock,
  type OpenComplaint,
  statusAsTheSchoolReadsIt,
} from '@sg/complaints';
import { type EventStore, type RecordedEvent } from '@sg/event-store';
import { type Instant, LONDON, parseInstant, type WorkingDayCalendar } from '@sg/working-days';
import { DateTime } from 'luxon';
import { type ComplaintRow } from './complaint-row';
import { ReadModelStatements } from './read-model-statements';
import { projectHistory, readComplaintHistory } from './projected-complaint';
import { decodeCursor, encodeCursor, type SortKey, type SortKeyPart } from './cursor';
import { FeeAgreementQueries } from './fee-agreement-queries';
import { type ReportingPeriod } from './reporting-period';
import { type ServiceReport, serviceReport } from './service-report';
import { SERVICE_TO_ACT_RANK, serviceMustAct } from './service-queue-rank';
import { paymentOf, paymentReferenceKey, type PaymentRow } from './payment-row';
import { addressWord, isAddress, searchableWords } from './searchable-words';

/** A complaint as the read model has got it: its state, revision and events. */
export interface FoldedComplaint {
  readonly state: OpenComplaint;
  readonly revision: number;
  readonly history: readonly RecordedEvent[];
}

/**
 * The Board's queues, each the complaints in one status: escalations to decide, decided ones to
 * propose a reimbursement for (or close without one), proposals to approve, approvals to pay.
 */
export const BOARD_QUEUE_STATUSES = {
  'awaiting-decision': 'escalated',
  'awaiting-proposal': 'board-decided',
  'awaiting-approval': 'reimbursement-proposed',
  'awaiting-payment': 'reimbursement-approved',
} as const;
export type BoardQueue = keyof typeof BOARD_QUEUE_STATUSES;
export const BOARD_QUEUES = Object.keys(BOARD_QUEUE_STATUSES) as BoardQueue[];

/** Folds kept: the complaints open at once in a large county, with room to spare. */
const FOLDS_KEPT = 2_000;

/** Whose complaints a reader may list: everyone's, or those of their services and schools. */
export type ReadScope = (
  | { readonly all: true }
  | {
      readonly all: false;
      readonly serviceIds: readonly string[];
      readonly urns: readonly string[];
      /** School staff read a complaint as its school does; council staff as the council. */
      readonly councilReader: boolean;
      /** Finance: the complaints with a reimbursement approved or paid, which it pays. */
      readonly payments?: boolean;
      /** An officer: the complaints they logged for a school in one of these roles. */
      readonly logged?: { readonly by: string; readonly inRoles: readonly string[] };
    }
) & {
  /**
   * The schools the reader is on the staff of, whose complaints they read as the school does
   * whatever else they are (a governor on the Board): without the council's notes or the Board's
   * working.
   */
  readonly ownSchools?: readonly string[];
};

export interface ListFilters {
  readonly serviceId?: string;
  readonly schoolUrn?: string;
  readonly status?: string;
  readonly channel?: string;
  /** Inclusive: a Date, or ISO 8601 text with its offset from UTC. */
  readonly lodgedFrom?: Instant;
  /** Exclusive: a Date, or ISO 8601 text with its offset from UTC. */
  readonly lodgedBefore?: Instant;
  readonly overdue?: boolean;
  readonly atRisk?: boolean;
  /** Closed complaints are left out unless asked for. */
  readonly includeClosed?: boolean;
}

export interface PageRequest {
  readonly cursor?: string;
  readonly limit: number;
}

export interface Page<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

export interface ComplaintSummary {
  readonly id: string;
  readonly reference: string;
  readonly status: string;
  readonly channel: string;
  readonly schoolUrn: string;
  readonly serviceId: string | null;
  readonly summary: string;
  readonly lodgedAt: string;
  readonly referredAt: string | null;
  readonly closedAt: string | null;
  /** The member of the service's staff working it, if one is assigned. */
  readonly caseOfficerId: string | null;
  /** The clock counting down now, if any. */
  readonly clock: ClockView | null;
}

/** A clock as lists show it. */
export interface ClockView {
  readonly kind: string;
  readonly dueDate: string;
  readonly deadline: string;
  readonly warningAt: string | null;
  /** Working days after today until the due date: 0 means due today; negative when overdue. */
  readonly workingDaysLeft: number;
  readonly overdue: boolean;
  readonly atRisk: boolean;
}

/** Whether a clock with these instants is overdue or at risk at `nowIso`. */
const clockView = (clock: Omit<ClockView, 'overdue' | 'atRisk'>, nowIso: string): ClockView => ({
  ...clock,
  overdue: clock.deadline <= nowIso,
  atRisk: clock.warningAt !== null && clock.warningAt <= nowIso && clock.deadline > nowIso,
});

/** A service's whole queue, counted. */
export interface ServiceQueueCounts {
  readonly open: number;
  /** Those whose running clock is the service's own. */
  readonly toResolve: number;
  readonly overdue: number;
  readonly atRisk: number;
}

/** A complaint in a service's queue, which says whether its running clock is the service's. */
export interface ServiceQueueItem extends ComplaintSummary {
  /** The service's own deadline is running: the only one it can be late or at risk on. */
  readonly serviceMustAct: boolean;
}

type Row = Omit<
  ComplaintRow,
  | 'triage_deadline'
  | 'board_deadline'
  | 'proposal_status'
  | 'revision'
  | 'queue_deadline'
  | 'service_queue_rank'
>;

interface Ordering {
  /** SQL expressions, none null, ending in a unique column; all ascending or all descending. */
  readonly keys: readonly string[];
  readonly descending?: boolean;
}

/** Columns holding instants, in the canonical UTC text form, so they sort as the instants do. */
const INSTANT_COLUMNS: ReadonlySet<string> = new Set(['lodged_at', 'queue_deadline']);

/**
 * An instant as the read model writes one. Its instant columns compare as text, which orders
 * instants only when both sides are in this one form: `10:00+01:00` sorts after `09:30Z` though
 * it is earlier.
 */
const storedForm = (instant: Instant): string =>
  (instant instanceof Date ? instant : parseInstant(instant)).toISOString();

const BY_LODGING: Ordering = { keys: ['lodged_at', 'complaint_id'] };
const BY_DEADLINE: Ordering = { keys: ['queue_deadline', 'lodged_at', 'complaint_id'] };
/** The service's own deadlines first, then what waits on the school, then the Board's. */
const BY_SERVICE_DEADLINE: Ordering = {
  keys: ['service_queue_rank', 'queue_deadline', 'lodged_at', 'complaint_id'],
};
const NEWEST_FIRST: Ordering = { keys: ['lodged_at', 'complaint_id'], descending: true };

/** One placeholder a value, or NULL, which nothing is IN. */
const marks = (values: readonly string[]) => values.map(() => '?').join(', ') || 'NULL';

const schoolReader = (scope: ReadScope) =>
  !scope.all && scope.urns.length > 0 && scope.serviceIds.length === 0;

/** A reader who sees as the school does: not the council's notes, nor the Board's working. */
const readsAsSchool = (scope: ReadScope) => !scope.all && !scope.councilReader;

/** Which rows the reader reads as the school: every one, or those of their own schools. */
const rowsReadAsSchool = (scope: ReadScope): ((row: Row) => boolean) => {
  if (readsAsSchool(scope)) return () => true;
  const own = scope.ownSchools ?? [];
  return (row) => own.includes(row.school_urn);
};

/**
 * A row as the school's lists show it: a proposal awaiting approval is the Board's working, so
 * the complaint reads as decided by the Board, and the Board's own clock for it is not shown.
 */
function asTheSchoolListsIt(row: Row): Row {
  return {
    ...row,
    status: statusAsTheSchoolReadsIt(row.status),
    ...(isBoardWorkingClock(row.active_clock)
      ? {
          active_clock: null,
          active_due_date: null,
          active_deadline: null,
          active_warning_at: null,
        }
      : {}),
  };
}

const SUMMARY_COLUMNS = `complaint_id, reference, school_urn, service_id, status, channel, summary,
  lodged_at, referred_at, active_clock, active_due_date, active_deadline, active_warning_at, closed_at,
  case_officer_id`;

/** Whose complaints a queue shows: a person's, those assigned to nobody, or (null) all of them. */
export type Assignee = { readonly personId: string } | 'nobody' | null;

function assigneeClause(assignee: Assignee): { sql: string; params: unknown[] } | null {
  if (assignee === null) return null;
  if (assignee === 'nobody') return { sql: 'case_officer_id IS NULL', params: [] };
  return { sql: 'case_officer_id = ?', params: [assignee.personId] };
}

/** A reimbursement proposed on a complaint, awaiting the Board's approval. */
export interface ProposalAwaitingApproval {
  readonly complaintId: string;
  readonly basis: { readonly kind: 'contract' | 'booking'; readonly id: string };
  readonly amountPence: number;
}

/** Every list the users see, from the read model, in pages that stay stable under inserts. */
export class ComplaintQueries {
  constructor(
    private readonly source: { readonly db: Database.Database },
    private readonly calendar: WorkingDayCalendar,
    private readonly store: EventStore,
  ) {
    this.sql = new ReadModelStatements(source);
    this.feeAgreements = new FeeAgreementQueries(source);
  }

  /** The schools' contracts and bookings, from the same read-model file. */
  readonly feeAgreements: FeeAgreementQueries;

  private readonly sql: ReadModelStatements;
  /** The folds last read, least recently read first. */
  private readonly folds = new Map<string, FoldedComplaint>();

  /** The file in service now: a finished rebuild swaps it under the queries. */
  private get db(): Database.Database {
    return this.source.db;
  }

  /** The complaint a reference names (a school quotes it in a subject line), if this node has it. */
  /** The references of the complaints whose payment was recorded under `paymentReference`. */
  complaintsPaidUnder(paymentReference: string): string[] {
    return this.sql
      .prepare<[string], { reference: string }>(
        `SELECT c.reference FROM payment_references p JOIN complaints c USING (complaint_id)
         WHERE p.reference_key = ? ORDER BY c.reference`,
      )
      .all(paymentReferenceKey(paymentReference))
      .map((row) => row.reference);
  }

  complaintIdByReference(reference: string): string | null {
    const row = this.sql
      .prepare<[string], { complaint_id: string }>(
        'SELECT complaint_id FROM complaints WHERE reference = ?',
      )
      .get(reference);
    return row?.complaint_id ?? null;
  }

  /**
   * Business Support: complaints a service has asked to be moved to another, oldest lodged
   * first; few at any time, each to be moved or kept with the service.
   */
  rerouteAsked(now: Date): ComplaintSummary[] {
    return this.page(['reroute_asked_at IS NOT NULL'], [], BY_LODGING, { limit: 100 }, now).items;
  }

  /** Business Support: complaints not yet referred, oldest first, with their triage deadline. */
  triageQueue(page: PageRequest, now: Date): Page<ComplaintSummary> {
    return this.page(['status = ?'], ['lodged'], BY_LODGING, page, now);
  }

  /**
   * A service's staff: their services' open complaints, the nearest of the service's own
   * deadlines first, then those waiting on the school, then the Board's (serviceQueueRank); or
   * only those assigned to one of them.
   */
  serviceQueue(
    serviceIds: readonly string[],
    page: PageRequest,
    now: Date,
    assignedTo: Assignee = null,
  ): Page<ServiceQueueItem> {
    const where = [`service_id IN (${marks(serviceIds)})`, "status <> 'closed'"];
    const params: unknown[] = [...serviceIds];
    const assigned = assigneeClause(assignedTo);
    if (assigned) {
      where.push(assigned.sql);
      params.push(...assigned.params);
    }
    const { items, nextCursor } = this.page(where, params, BY_SERVICE_DEADLINE, page, now);
    return {
      // The page's summaries are made afresh for this answer: given one more field in place, where
      // a copy of each spread out again cost a thirtieth of the queue's answer.
      items: items.map((item): ServiceQueueItem =>
        Object.assign(item, { serviceMustAct: serviceMustAct(item.clock?.kind ?? null) }),
      ),
      nextCursor,
    };
  }

  /**
   * How many open complaints a service's queue holds (or those of it assigned to one person), how
   * many the service must resolve, and how many of those are overdue or at risk now: the whole
   * queue's, where a page shows a few of it.
   */
  serviceQueueCounts(
    serviceIds: readonly string[],
    now: Date,
    assignedTo: Assignee = null,
  ): ServiceQueueCounts {
    const nowIso = now.toISOString();
    const assigned = assigneeClause(assignedTo);
    const counted = this.sql
      .prepare<unknown[], ServiceQueueCounts>(
        `SELECT count(*) AS open,
           coalesce(sum(service_queue_rank = ${SERVICE_TO_ACT_RANK}), 0) AS toResolve,
           coalesce(sum(service_queue_rank = ${SERVICE_TO_ACT_RANK} AND active_deadline <= ?), 0)
             AS overdue,
           coalesce(sum(service_queue_rank = ${SERVICE_TO_ACT_RANK} AND active_warning_at <= ?
             AND active_deadline > ?), 0) AS atRisk
         FROM complaints WHERE service_id IN (${marks(serviceIds)}) AND status <> 'closed'
           ${assigned ? `AND ${assigned.sql}` : ''}`,
      )
      .get(nowIso, nowIso, nowIso, ...serviceIds, ...(assigned?.params ?? []));
    return counted!;
  }

  /** The complaints in one of `statuses` now, oldest lodged first. */
  complaintIdsIn(statuses: readonly string[]): string[] {
    return this.sql
      .prepare<unknown[], { complaint_id: string }>(
        `SELECT complaint_id FROM complaints WHERE status IN (${marks(statuses)})
         ORDER BY lodged_at, complaint_id`,
      )
      .all(...statuses)
      .map((row) => row.complaint_id);
  }

  /** How many complaints are in each of `statuses` now (none: 0). */
  countsByStatus<S extends string>(statuses: readonly S[]): Record<S, number> {
    const rows = this.sql
      .prepare<unknown[], { status: S; n: number }>(
        `SELECT status, count(*) AS n FROM complaints WHERE status IN (${marks(statuses)})
         GROUP BY status`,
      )
      .all(...statuses);
    const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<S, number>;
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }

  /** The Board: each of its queues, the nearest deadline first. */
  boardQueue(queue: BoardQueue, page: PageRequest, now: Date) {
    const status = BOARD_QUEUE_STATUSES[queue];
    return this.page(['status = ?'], [status], BY_DEADLINE, page, now);
  }

  /** Complaints the reader may see, filtered; oldest first, or newest first for a school. */
  list(scope: ReadScope, filters: ListFilters, page: PageRequest, now: Date) {
    const where: string[] = [];
    const params: unknown[] = [];
    this.restrict(scope, where, params);
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      params.push(value);
    };
    equal('service_id', filters.serviceId);
    equal('school_urn', filters.schoolUrn);
    if (readsAsSchool(scope) && filters.status === 'board-decided')
      where.push("status IN ('board-decided', 'reimbursement-proposed')");
    else if (readsAsSchool(scope) && filters.status === 'reimbursement-proposed') where.push('0');
    else equal('status', filters.status);
    equal('channel', filters.channel);
    if (!filters.includeClosed && filters.status === undefined) where.push("status <> 'closed'");
    if (filters.lodgedFrom !== undefined) {
      where.push('lodged_at >= ?');
      params.push(storedForm(filters.lodgedFrom));
    }
    if (filters.lodgedBefore !== undefined) {
      where.push('lodged_at < ?');
      params.push(storedForm(filters.lodgedBefore));
    }
    const nowIso = now.toISOString();
    // false asks for the others, as true asks for these; a complaint with no clock running is
    // neither overdue nor at risk.
    if (filters.overdue !== undefined) {
      where.push(
        filters.overdue
          ? 'active_deadline <= ?'
          : '(active_deadline IS NULL OR active_deadline > ?)',
      );
      params.push(nowIso);
    }
    if (filters.atRisk !== undefined) {
      where.push(
        filters.atRisk
          ? 'active_warning_at <= ? AND active_deadline > ?'
          : 'NOT coalesce(active_warning_at <= ? AND active_deadline > ?, 0)',
      );
      params.push(nowIso, nowIso);
    }
    const ordering = schoolReader(scope) ? NEWEST_FIRST : BY_LODGING;
    return this.page(where, params, ordering, page, now, rowsReadAsSchool(scope));
  }

  /**
   * Full text over reference, summary, details and (for council readers) internal notes, and the
   * complaints of the schools whose names it matches.
   */
  search(scope: ReadScope, text: string, page: PageRequest, now: Date) {
    // A reference, however its number is written ("SG-2026-7", "sg-2026-000007"), is that
    // complaint alone: as words, its "7" would find every complaint with a 7 in it.
    const quoted = typedReference(text);
    if (quoted) {
      const where = ['reference = ?'];
      const params: unknown[] = [quoted];
      this.restrict(scope, where, params);
      return this.page(where, params, NEWEST_FIRST, page, now, rowsReadAsSchool(scope));
    }
    const terms = isAddress(text)
      ? [addressWord(text)]
      : [...new Set(searchableWords(text).match(/[\p{L}\p{N}]+/gu) ?? [])];
    if (terms.length === 0) return { items: [], nextCursor: null };
    // The council's notes are found only by those who read them: the complaint's service, and the
    // council-wide roles; not its school, nor finance paying it.
    const own = scope.ownSchools ?? [];
    const notes =
      (scope.all
        ? ''
        : ` AND (council_only = 0 OR complaint_id IN (SELECT complaint_id FROM complaints WHERE service_id IN (${marks(scope.serviceIds)})))`) +
      // Nor by staff of the complaint's school, whatever else they are.
      (own.length > 0
        ? ` AND (council_only = 0 OR complaint_id NOT IN (SELECT complaint_id FROM complaints WHERE school_urn IN (${marks(own)})))`
        : '');
    // Each word in the complaint's own words or its school's name: "Brookside violin" finds the
    // violin lessons Brookside complained of.
    // A school's URN finds its complaints too.
    const where = terms.map(
      () => `(complaint_id IN (SELECT complaint_id FROM complaint_search WHERE complaint_search MATCH ?${notes})
        OR school_urn IN (SELECT urn FROM school_search WHERE school_search MATCH ?)
        OR school_urn = ?)`,
    );
    const params: unknown[] = terms.flatMap((term) => [
      `"${term}"*`,
      ...(scope.all ? [] : scope.serviceIds),
      ...own,
      `"${term}"*`,
      term,
    ]);
    this.restrict(scope, where, params);
    return this.page(where, params, NEWEST_FIRST, page, now, rowsReadAsSchool(scope));
  }

  /**
   * The reimbursements paid on a day in the period (as finance gave the day), in the order they
   * were paid: the few complaints the report's facts name, each folded for what was recorded.
   */
  async payments(period: ReportingPeriod): Promise<PaymentRow[]> {
    const paid = this.sql
      .prepare<[string, string], { complaint_id: string }>(
        `SELECT complaint_id FROM report_facts WHERE kind = 'reimbursed' AND at >= ? AND at < ?
         ORDER BY at, complaint_id`,
      )
      .all(period.from, period.to);
    const rows: PaymentRow[] = [];
    for (const { complaint_id } of paid) {
      const found = await this.complaint(complaint_id);
      const payment = found && paymentOf(found);
      if (payment) rows.push(payment);
    }
    return rows;
  }

  /** The scrutiny committee's report for a period, each service and all together. */
  report(period: ReportingPeriod, serviceIds: readonly string[], now: Date): ServiceReport {
    return serviceReport(this.db, period, serviceIds, now);
  }

  /**
   * Every reimbursement proposed and not yet approved or declined, with what it would be set
   * against: what the Board weighs besides what is committed, since a proposal takes its money
   * only once approved. Few at any time (one per complaint awaiting approval), each folded.
   */
  async proposalsAwaitingApproval(): Promise<ProposalAwaitingApproval[]> {
    const rows = this.sql
      .prepare<[string], { complaint_id: string }>(
        'SELECT complaint_id FROM complaints WHERE status = ? ORDER BY complaint_id',
      )
      .all(BOARD_QUEUE_STATUSES['awaiting-approval']);
    const awaiting: ProposalAwaitingApproval[] = [];
    for (const { complaint_id: complaintId } of rows) {
      const proposal = (await this.complaint(complaintId))?.state.proposal;
      if (proposal?.status === 'proposed')
        awaiting.push({
          complaintId,
          basis: { kind: proposal.basis.kind, id: proposal.basis.id },
          amountPence: proposal.amountPence,
        });
    }
    return awaiting;
  }

  /**
   * One complaint's state, version and history (its timeline), as far as the read model has got:
   * its stream up to the revision its row reflects, read once, so the three agree with each other
   * and with every list the complaint appears in. A revision's events never change, so its fold
   * is kept for the next reader until the complaint moves on.
   */
  async complaint(complaintId: string): Promise<FoldedComplaint | null> {
    const row = this.sql
      .prepare<[string], { revision: number }>(
        'SELECT revision FROM complaints WHERE complaint_id = ?',
      )
      .get(complaintId);
    if (!row) return null;
    const kept = this.folds.get(complaintId);
    if (kept?.revision === row.revision) {
      this.folds.delete(complaintId);
      this.folds.set(complaintId, kept);
      return kept;
    }
    const history = await readComplaintHistory(this.store, complaintId, row.revision);
    const { state } = projectHistory(history);
    if (!state.exists) return null;
    const folded = { state, revision: row.revision, history };
    if (this.folds.size >= FOLDS_KEPT) this.folds.delete(this.folds.keys().next().value!);
    this.folds.delete(complaintId);
    this.folds.set(complaintId, folded);
    return folded;
  }

  private restrict(scope: ReadScope, where: string[], params: unknown[]) {
    if (scope.all) return;
    const logged = scope.logged && scope.logged.inRoles.length > 0 ? scope.logged : null;
    where.push(
      `(service_id IN (${marks(scope.serviceIds)}) OR school_urn IN (${marks(scope.urns)})${
        scope.payments ? " OR proposal_status IN ('approved', 'paid')" : ''
      }${logged ? ` OR (logged_by = ? AND logged_role IN (${marks(logged.inRoles)}))` : ''})`,
    );
    params.push(...scope.serviceIds, ...scope.urns);
    if (logged) params.push(logged.by, ...logged.inRoles);
  }

  private page(
    where: string[],
    params: unknown[],
    ordering: Ordering,
    request: PageRequest,
    now: Date,
    asTheSchool: (row: Row) => boolean = () => false,
  ): Page<ComplaintSummary> {
    const { keys, descending = false } = ordering;
    const conditions = [...where];
    const values = [...params];
    if (request.cursor) {
      conditions.push(
        `(${keys.join(', ')}) ${descending ? '<' : '>'} (${keys.map(() => '?').join(', ')})`,
      );
      const parts = keys.map((key): SortKeyPart =>
        INSTANT_COLUMNS.has(key) ? 'instant' : 'value',
      );
      values.push(...decodeCursor(request.cursor, parts));
    }
    const direction = descending ? 'DESC' : 'ASC';
    const sql = `SELECT ${SUMMARY_COLUMNS}, ${keys.map((key, i) => `${key} AS k${i}`).join(', ')}
      FROM complaints ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY ${keys.map((key) => `${key} ${direction}`).join(', ')} LIMIT ?`;
    const rows = this.sql.all<Row & Record<string, string | number>>(sql, [
      ...values,
      request.limit + 1,
    ]);
    const nowIso = now.toISOString();
    // A page's complaints share few deadlines (each is the end of a working day): count each once.
    const counted = new Map<string, number>();
    const daysLeft = (deadline: string) => {
      let left = counted.get(deadline);
      if (left === undefined) counted.set(deadline, (left = this.workingDaysLeft(now, deadline)));
      return left;
    };
    const more = rows.length > request.limit;
    const items = rows.slice(0, request.limit);
    const last = items[items.length - 1];
    const key: SortKey | null = more && last ? keys.map((_, i) => last[`k${i}`]) : null;
    return {
      items: items.map((row) =>
        this.summary(asTheSchool(row) ? asTheSchoolListsIt(row) : row, nowIso, daysLeft),
      ),
      nextCursor: key ? encodeCursor(key) : null,
    };
  }

  /** A clock of `kind` with `timing`, not yet any complaint's, as lists show one at `now`. */
  clockAt(kind: string, timing: ClockTiming, now: Date): ClockView {
    return clockView(
      {
        kind,
        dueDate: timing.dueDate,
        deadline: timing.deadline,
        warningAt: timing.warningAt,
        workingDaysLeft: this.workingDaysLeft(now, timing.deadline),
      },
      now.toISOString(),
    );
  }

  /**
   * Before the deadline, the working days after today up to the due date (0: due today). After
   * it, minus the working days begun since, today included: -1 on the first day late.
   */
  workingDaysLeft(now: Date, deadline: string): number {
    if (deadline > now.toISOString()) return this.calendar.workingDaysBetween(now, deadline);
    const ended = this.calendar.workingDaysBetween(new Date(Date.parse(deadline) - 1), now);
    const today = DateTime.fromJSDate(now, { zone: LONDON }).toISODate()!;
    return -Math.max(1, ended + (this.calendar.isWorkingDay(today) ? 1 : 0));
  }

  private summary(
    row: Row,
    nowIso: string,
    daysLeft: (deadline: string) => number,
  ): ComplaintSummary {
    const deadline = row.active_deadline;
    return {
      id: row.complaint_id,
      reference: row.reference,
      status: row.status,
      channel: row.channel,
      schoolUrn: row.school_urn,
      serviceId: row.service_id,
      summary: row.summary,
      lodgedAt: row.lodged_at,
      referredAt: row.referred_at,
      closedAt: row.closed_at,
      caseOfficerId: row.case_officer_id,
      clock:
        row.active_clock && row.active_due_date && deadline
          ? clockView(
              {
                kind: row.active_clock,
                dueDate: row.active_due_date,
                deadline,
                warningAt: row.active_warning_at,
                workingDaysLeft: daysLeft(deadline),
              },
              nowIso,
            )
          : null,
    };
  }
}
