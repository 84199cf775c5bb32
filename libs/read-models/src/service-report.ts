import type Database from 'better-sqlite3';
import { CHANNELS } from '@sg/complaints';
import { NO_DEADLINE } from './complaint-row';
import { type ReportingPeriod } from './reporting-period';

/** What the scrutiny committee sees for one service (or all of them) over one period. */
export interface ServiceReportRow {
  readonly serviceId: string | null;
  readonly received: number;
  readonly receivedByChannel: Readonly<Record<string, number>>;
  readonly referred: number;
  readonly resolved: number;
  readonly resolvedWithinTarget: number;
  /**
   * The within-deadline rate: of the complaints the service finished with in the period, resolved
   * or escalated to the Board (which a complaint is when its deadline passes unresolved), the share
   * it resolved within target; null when it finished with none. Of the resolved alone it would
   * always be all: a resolution cannot be proposed once the deadline has passed.
   */
  readonly resolvedWithinTargetRate: number | null;
  /**
   * The working day (after referral, day 0) the resolution was proposed on, median of those
   * resolved: 10 is on the due date, 11 a day late.
   */
  readonly medianWorkingDaysToResolve: number | null;
  readonly escalated: number;
  /** The Board's decisions in the period, whatever the outcome. */
  readonly boardDecided: number;
  /** Of those, the ones taken within the Board's decision target (20 working days by default). */
  readonly boardDecidedWithinTarget: number;
  /**
   * The share of the Board's decisions taken within its target, of those that had one (a
   * complaint escalated before the Board had a target is counted in neither); null when none had.
   */
  readonly boardDecidedWithinTargetRate: number | null;
  /** The working day (after escalation, day 0) the Board decided on, median of its decisions. */
  readonly medianWorkingDaysToDecide: number | null;
  readonly upheld: number;
  readonly partlyUpheld: number;
  readonly notUpheld: number;
  readonly reimbursedPence: number;
  readonly openAtPeriodEnd: number;
}

export interface ServiceReport {
  readonly period: ReportingPeriod;
  /**
   * What the figures are as of: the period's end, or now for a period not yet over, whose
   * complaints "open at period end" are those open now, and whose counts may still grow.
   */
  readonly asOf: string;
  readonly complete: boolean;
  /** Whether the period has begun: one still to come has no figures, and nothing open at its end. */
  readonly begun: boolean;
  /**
   * For a period that has ended, what was recorded for it afterwards (a payment recorded with an
   * earlier payment date, a resolution found to have been disputed in time): how many figures, and
   * when the last was recorded. A report given before then differed by those. Null when none was.
   */
  readonly recordedAfterTheEnd: { readonly figures: number; readonly lastAt: string } | null;
  readonly services: readonly ServiceReportRow[];
  readonly allServices: ServiceReportRow;
}

interface Tally {
  received: number;
  channels: Record<string, number>;
  referred: number;
  resolved: number;
  within: number;
  /** How many were resolved in each number of working days. */
  days: Map<number, number>;
  escalated: number;
  /** The Board's decisions with a target, those within it, and the working days each took. */
  boardTimed: number;
  boardWithin: number;
  boardDays: Map<number, number>;
  outcomes: Record<string, number>;
  reimbursed: number;
  open: number;
}

const emptyTally = (): Tally => ({
  received: 0,
  channels: Object.fromEntries(CHANNELS.map((channel) => [channel, 0])),
  referred: 0,
  resolved: 0,
  within: 0,
  days: new Map(),
  escalated: 0,
  boardTimed: 0,
  boardWithin: 0,
  boardDays: new Map(),
  outcomes: {},
  reimbursed: 0,
  open: 0,
});

const addTo = (counts: Map<number, number>, value: number, n: number) =>
  counts.set(value, (counts.get(value) ?? 0) + n);

/** The median of values given as how many times each occurs. */
function median(counts: ReadonlyMap<number, number>): number | null {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const total = values.reduce((sum, value) => sum + counts.get(value)!, 0);
  if (total === 0) return null;
  /** The value at a 0-based position in the sorted values. */
  const at = (position: number) => {
    let seen = 0;
    for (const value of values) {
      seen += counts.get(value)!;
      if (position < seen) return value;
    }
    return values[values.length - 1];
  };
  const middle = Math.floor(total / 2);
  return total % 2 === 1 ? at(middle) : (at(middle - 1) + at(middle)) / 2;
}

const rowOf = (serviceId: string | null, tally: Tally): ServiceReportRow => ({
  serviceId,
  received: tally.received,
  receivedByChannel: tally.channels,
  referred: tally.referred,
  resolved: tally.resolved,
  resolvedWithinTarget: tally.within,
  resolvedWithinTargetRate:
    tally.resolved + tally.escalated > 0 ? tally.within / (tally.resolved + tally.escalated) : null,
  medianWorkingDaysToResolve: median(tally.days),
  escalated: tally.escalated,
  boardDecided: Object.values(tally.outcomes).reduce((sum, n) => sum + n, 0),
  boardDecidedWithinTarget: tally.boardWithin,
  boardDecidedWithinTargetRate: tally.boardTimed > 0 ? tally.boardWithin / tally.boardTimed : null,
  medianWorkingDaysToDecide: median(tally.boardDays),
  upheld: tally.outcomes.upheld ?? 0,
  partlyUpheld: tally.outcomes['partly-upheld'] ?? 0,
  notUpheld: tally.outcomes['not-upheld'] ?? 0,
  reimbursedPence: tally.reimbursed,
  openAtPeriodEnd: tally.open,
});

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface PeriodCount {
  readonly kind: string;
  readonly service_id: string;
  readonly channel: string;
  readonly outcome: string;
  readonly working_days: number;
  readonly n: number;
  readonly within: number;
  readonly pence: number;
}

// Received is counted apart (receivedCounts): against the service the complaint was with at the
// period's end, not the one the school named.
const COUNTED = `kind IN ('referred', 'resolved', 'escalated', 'board-decision', 'reimbursed')`;

/** The last service a complaint was assigned before @end, through the assignments' own index. */
const SERVICE_AT_END = `(SELECT a.service_id FROM report_facts a
  WHERE a.kind = 'assigned' AND a.complaint_id = c.complaint_id AND a.at < @end
  ORDER BY a.at DESC, a.revision DESC LIMIT 1)`;

// The facts of a stretch shorter than a day (a period's edge), counted as report_days counts them,
// read from the covering index (which leaves the assignments out: the planner uses it only when
// told so in as many words).
const EDGE_FACTS = `SELECT kind, ifnull(service_id, '') AS service_id, ifnull(channel, '') AS channel,
    ifnull(outcome, '') AS outcome, ifnull(working_days, -1) AS working_days, 1 AS n,
    ifnull(within_target, 0) AS within, ifnull(amount_pence, 0) AS pence
  FROM report_facts WHERE ${COUNTED} AND kind <> 'assigned' AND at >= ? AND at < ?`;

/**
 * The period's facts of each kind counted, by service, channel, outcome and working days: the
 * whole UTC days inside it from report_days, and the hours at its edges (a London midnight is
 * 23:00 UTC in summer) from the facts themselves.
 */
function periodCounts(db: Database.Database, period: ReportingPeriod): PeriodCount[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const firstWhole = from % DAY_MS === 0 ? from : from - (from % DAY_MS) + DAY_MS;
  const endWhole = to - (to % DAY_MS);
  const edges: [string, string][] =
    firstWhole >= endWhole
      ? [[period.from, period.to]]
      : [
          [period.from, new Date(firstWhole).toISOString()],
          [new Date(endWhole).toISOString(), period.to],
        ];
  const days: [string, string] | null =
    firstWhole >= endWhole ? null : [dayOf(firstWhole), dayOf(endWhole)];
  const parts = [
    ...edges.map(() => EDGE_FACTS),
    ...(days
      ? [
          `SELECT kind, service_id, channel, outcome, working_days, n, within, pence
       FROM report_days WHERE ${COUNTED} AND day >= ? AND day < ?`,
        ]
      : []),
  ];
  return db
    .prepare<string[], PeriodCount>(
      `SELECT kind, service_id, channel, outcome, working_days, SUM(n) AS n,
         SUM(within) AS within, SUM(pence) AS pence
       FROM (${parts.join(' UNION ALL ')})
       GROUP BY kind, service_id, channel, outcome, working_days`,
    )
    .all(...edges.flat(), ...(days ?? []));
}

/**
 * The complaints received in the period, by channel and by the service each was with at its end
 * (or now): the one Business Support passed it to when the school named another, or none (an
 * email), within the period; the one named while it waited to be passed on.
 */
function receivedCounts(db: Database.Database, period: ReportingPeriod, asOf: string) {
  return db
    .prepare<
      { from: string; to: string; end: string },
      { service_id: string | null; channel: string | null; n: number }
    >(
      `SELECT ifnull(${SERVICE_AT_END}, c.service_id) AS service_id, c.channel, COUNT(*) AS n
       FROM report_facts c WHERE c.kind = 'received' AND c.at >= @from AND c.at < @to
       GROUP BY 1, 2`,
    )
    .all({ from: period.from, to: period.to, end: asOf });
}

/** The period's figures recorded after it ended, read from the few facts recorded late. */
function recordedAfterTheEnd(db: Database.Database, period: ReportingPeriod) {
  const late = db
    .prepare<[string, string, string], { figures: number; lastAt: string | null }>(
      `SELECT COUNT(*) AS figures, MAX(recorded_at) AS lastAt FROM report_facts
       WHERE recorded_at > at AND kind <> 'assigned' AND at >= ? AND at < ? AND recorded_at >= ?`,
    )
    .get(period.from, period.to, period.to)!;
  return late.figures > 0 ? { figures: late.figures, lastAt: late.lastAt! } : null;
}

/**
 * The scrutiny committee's report, from the facts recorded at each event's business time: a
 * closed period gives the same answer whenever it is asked, but for what is recorded for it late,
 * which the report counts and dates. Complaints count against the service
 * they were with when each thing happened; those received in the period, and those still open at
 * its end, against the service they were with then.
 */
export function serviceReport(
  db: Database.Database,
  period: ReportingPeriod,
  serviceIds: readonly string[],
  now: Date,
): ServiceReport {
  const complete = Date.parse(period.to) <= now.getTime();
  const begun = Date.parse(period.from) <= now.getTime();
  const asOf = complete ? period.to : now.toISOString();
  const tallies = new Map<string | null, Tally>();
  const all = emptyTally();
  const tallyOf = (serviceId: string | null) => {
    let tally = tallies.get(serviceId);
    if (!tally) tallies.set(serviceId, (tally = emptyTally()));
    return tally;
  };
  for (const row of periodCounts(db, period)) {
    const serviceId = row.service_id === '' ? null : row.service_id;
    for (const tally of [tallyOf(serviceId), all]) {
      switch (row.kind) {
        case 'referred':
          tally.referred += row.n;
          break;
        case 'resolved':
          tally.resolved += row.n;
          tally.within += row.within;
          if (row.working_days >= 0) addTo(tally.days, row.working_days, row.n);
          break;
        case 'escalated':
          tally.escalated += row.n;
          break;
        case 'board-decision':
          if (row.outcome) tally.outcomes[row.outcome] = (tally.outcomes[row.outcome] ?? 0) + row.n;
          if (row.working_days >= 0) {
            tally.boardTimed += row.n;
            tally.boardWithin += row.within;
            addTo(tally.boardDays, row.working_days, row.n);
          }
          break;
        case 'reimbursed':
          tally.reimbursed += row.pence;
          break;
      }
    }
  }
  for (const row of begun ? receivedCounts(db, period, asOf) : []) {
    for (const tally of [tallyOf(row.service_id), all]) {
      tally.received += row.n;
      if (row.channel) tally.channels[row.channel] = (tally.channels[row.channel] ?? 0) + row.n;
    }
  }
  // Complaints open at the end, or now (lodged before it, not closed before it), each counted against
  // the last service it was assigned before the end, found through the assignments' own index.
  const open = !begun
    ? []
    : db
        .prepare<{ end: string }, { service_id: string | null; n: number }>(
          `SELECT ${SERVICE_AT_END} AS service_id, COUNT(*) AS n
       FROM complaints c
       WHERE ifnull(c.closed_at, '${NO_DEADLINE}') >= @end AND c.lodged_at < @end
       GROUP BY 1`,
        )
        .all({ end: asOf });
  for (const row of open) {
    tallyOf(row.service_id).open += row.n;
    all.open += row.n;
  }
  const listed = [...new Set([...serviceIds, ...tallies.keys()])];
  return {
    period,
    asOf,
    complete,
    begun,
    recordedAfterTheEnd: complete ? recordedAfterTheEnd(db, period) : null,
    services: listed
      .sort((a, b) => (a ?? '~').localeCompare(b ?? '~'))
      .map((serviceId) => rowOf(serviceId, tallies.get(serviceId) ?? emptyTally())),
    allServices: rowOf(null, all),
  };
}
