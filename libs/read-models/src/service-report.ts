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
  /** Share of those resolved that were resolved within target; null when none were resolved. */
  readonly resolvedWithinTargetRate: number | null;
  readonly medianWorkingDaysToResolve: number | null;
  readonly escalated: number;
  readonly upheld: number;
  readonly partlyUpheld: number;
  readonly notUpheld: number;
  readonly reimbursedPence: number;
  readonly openAtPeriodEnd: number;
}

export interface ServiceReport {
  readonly period: ReportingPeriod;
  readonly services: readonly ServiceReportRow[];
  readonly allServices: ServiceReportRow;
}

interface Tally {
  received: number;
  channels: Record<string, number>;
  referred: number;
  resolved: number;
  within: number;
  days: number[];
  escalated: number;
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
  days: [],
  escalated: 0,
  outcomes: {},
  reimbursed: 0,
  open: 0,
});

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const rowOf = (serviceId: string | null, tally: Tally): ServiceReportRow => ({
  serviceId,
  received: tally.received,
  receivedByChannel: tally.channels,
  referred: tally.referred,
  resolved: tally.resolved,
  resolvedWithinTarget: tally.within,
  resolvedWithinTargetRate: tally.resolved > 0 ? tally.within / tally.resolved : null,
  medianWorkingDaysToResolve: median(tally.days),
  escalated: tally.escalated,
  upheld: tally.outcomes.upheld ?? 0,
  partlyUpheld: tally.outcomes['partly-upheld'] ?? 0,
  notUpheld: tally.outcomes['not-upheld'] ?? 0,
  reimbursedPence: tally.reimbursed,
  openAtPeriodEnd: tally.open,
});

/**
 * The scrutiny committee's report, from the facts recorded at each event's business time: a
 * closed period gives the same answer whenever it is asked. Complaints count against the service
 * they were with when each thing happened; those still open at the end count against the service
 * they were with then.
 */
export function serviceReport(
  db: Database.Database,
  period: ReportingPeriod,
  serviceIds: readonly string[],
): ServiceReport {
  const tallies = new Map<string | null, Tally>();
  const all = emptyTally();
  const tallyOf = (serviceId: string | null) => {
    let tally = tallies.get(serviceId);
    if (!tally) tallies.set(serviceId, (tally = emptyTally()));
    return tally;
  };
  // One pass over the period's facts of each kind counted, read from the covering index (which
  // leaves the assignments out: the planner uses it only when told so in as many words).
  const counts = db
    .prepare<
      [string, string],
      {
        kind: string;
        service_id: string | null;
        channel: string | null;
        outcome: string | null;
        n: number;
        within: number | null;
        pence: number | null;
        days: string | null;
      }
    >(
      `SELECT kind, service_id, channel, outcome, COUNT(*) AS n, SUM(within_target) AS within,
         SUM(amount_pence) AS pence, GROUP_CONCAT(working_days) AS days
       FROM report_facts
       WHERE kind IN ('received', 'referred', 'resolved', 'escalated', 'board-decision', 'reimbursed')
         AND kind <> 'assigned' AND at >= ? AND at < ?
       GROUP BY kind, service_id, channel, outcome`,
    )
    .all(period.from, period.to);
  for (const row of counts) {
    const days = row.days ? row.days.split(',').map(Number) : [];
    for (const tally of [tallyOf(row.service_id), all]) {
      switch (row.kind) {
        case 'received':
          tally.received += row.n;
          if (row.channel) tally.channels[row.channel] = (tally.channels[row.channel] ?? 0) + row.n;
          break;
        case 'referred':
          tally.referred += row.n;
          break;
        case 'resolved':
          tally.resolved += row.n;
          tally.within += row.within ?? 0;
          for (const day of days) tally.days.push(day);
          break;
        case 'escalated':
          tally.escalated += row.n;
          break;
        case 'board-decision':
          if (row.outcome) tally.outcomes[row.outcome] = (tally.outcomes[row.outcome] ?? 0) + row.n;
          break;
        case 'reimbursed':
          tally.reimbursed += row.pence ?? 0;
          break;
      }
    }
  }
  // Complaints open at the end (lodged before it, not closed before it), each counted against
  // the last service it was assigned before the end, found through the assignments' own index.
  const open = db
    .prepare<{ end: string }, { service_id: string | null; n: number }>(
      `SELECT (SELECT a.service_id FROM report_facts a
                WHERE a.kind = 'assigned' AND a.complaint_id = c.complaint_id AND a.at < @end
                ORDER BY a.at DESC, a.revision DESC LIMIT 1) AS service_id,
              COUNT(*) AS n
       FROM complaints c
       WHERE ifnull(c.closed_at, '${NO_DEADLINE}') >= @end AND c.lodged_at < @end
       GROUP BY 1`,
    )
    .all({ end: period.to });
  for (const row of open) {
    tallyOf(row.service_id).open += row.n;
    all.open += row.n;
  }
  const listed = [...new Set([...serviceIds, ...tallies.keys()])];
  return {
    period,
    services: listed
      .sort((a, b) => (a ?? '~').localeCompare(b ?? '~'))
      .map((serviceId) => rowOf(serviceId, tallies.get(serviceId) ?? emptyTally())),
    allServices: rowOf(null, all),
  };
}
