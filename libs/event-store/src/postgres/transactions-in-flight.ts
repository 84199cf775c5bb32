import { type Queryable } from './queryable';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The longest pause between two looks at the watermark. */
const LONGEST_PAUSE_MS = 100;

/**
 * Returns once every transaction that had an id when it was called has ended, committed or
 * rolled back: from then on, the watermark is above every event committed before the call, so a
 * read cut at the watermark shows all of them. It waits as long as the slowest of those
 * transactions runs, in any database of the server (transaction ids are the server's), which is
 * usually a few milliseconds and nothing at all when none is running.
 */
export async function untilTransactionsInFlightEnd(db: Queryable): Promise<void> {
  const { rows } = await db.query<{ watermark: string; next: string }>(
    `SELECT pg_snapshot_xmin(s)::text AS watermark, pg_snapshot_xmax(s)::text AS next
     FROM pg_current_snapshot() AS s`,
  );
  // Every transaction that had committed had an id below `next`.
  const next = BigInt(rows[0].next);
  let watermark = BigInt(rows[0].watermark);
  let wait = 1;
  while (watermark < next) {
    await pause(wait);
    wait = Math.min(wait * 2, LONGEST_PAUSE_MS);
    const now = await db.query<{ watermark: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS watermark',
    );
    watermark = BigInt(now.rows[0].watermark);
  }
}
