import { type SubscriptionFilter } from '../event-store';
import { comparePositions, type Position } from '../position';
import { EVENT_COLUMNS, type PostgresEventRow } from './postgres-event-row';
import { type Queryable } from './queryable';

/** Where reading starts: exclusive, so before the first event of the store. */
export const BEFORE_EVERYTHING: Position = { commit: 0n, prepare: 0n };

/** The largest sequence number: a cursor at (x, this) is past every event of transaction x. */
const LAST_SEQUENCE_NUMBER = 2n ** 63n - 1n;

export interface CommitOrderPage {
  readonly rows: readonly PostgresEventRow[];
  /**
   * The lowest id of a transaction still running when the page was read: every transaction
   * below it had ended, so no event below it can appear later.
   */
  readonly watermark: bigint;
}

function filterCondition(filter: SubscriptionFilter | undefined): string {
  if (!filter) return '';
  return 'streamPrefixes' in filter
    ? 'AND e.stream ^@ ANY($4::text[])'
    : 'AND e.type ^@ ANY($4::text[])';
}

const filterValues = (filter: SubscriptionFilter | undefined) =>
  !filter
    ? []
    : ['streamPrefixes' in filter ? [...filter.streamPrefixes] : [...filter.eventTypePrefixes]];

/**
 * One query, so that the watermark it returns is the one its rows were cut at: the rows after
 * `after` in (transaction id, sequence number) order whose transaction is below the watermark.
 * One row comes back even when no event does, to carry the watermark.
 */
const pageQuery = (table: string, filter: SubscriptionFilter | undefined) => `
  SELECT w.below::text AS watermark, page.*
  FROM (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS below) AS w
  LEFT JOIN LATERAL (
    SELECT ${EVENT_COLUMNS}
    FROM ${table} AS e
    WHERE (e.transaction_id, e.sequence_number) > ($1::xid8, $2::bigint)
      AND e.transaction_id < w.below
      ${filterCondition(filter)}
    ORDER BY e.transaction_id, e.sequence_number
    LIMIT $3
  ) AS page ON true`;

/**
 * The next events after `after` (exclusive) in the store's global order, as far as it is final.
 * A transaction that is still running (or that will start later) has an id at or above the
 * watermark, so it sorts after everything returned here: a reader going on from the last event
 * it was given can never be handed an event that sorts before it.
 */
export async function readInCommitOrder(
  db: Queryable,
  table: string,
  after: Position,
  limit: number,
  filter?: SubscriptionFilter,
): Promise<CommitOrderPage> {
  const { rows } = await db.query<PostgresEventRow & { watermark: string }>(
    pageQuery(table, filter),
    [String(after.commit), String(after.prepare), limit, ...filterValues(filter)],
  );
  return {
    rows: rows.filter((row) => row.id !== null),
    watermark: BigInt(rows[0].watermark),
  };
}

/**
 * Where a reader that has seen every event below `watermark` after `after` may go on from: past
 * every transaction below the watermark, so that a filter that lets few events through does not
 * make it read the same events again and again.
 */
export function pastWatermark(after: Position, watermark: bigint): Position {
  const past = { commit: watermark - 1n, prepare: LAST_SEQUENCE_NUMBER };
  return comparePositions(past, after) > 0 ? past : after;
}

/** The exclusive cursor equal to an inclusive start at `position`. */
export const justBefore = (position: Position): Position => ({
  commit: position.commit,
  prepare: position.prepare - 1n,
});
