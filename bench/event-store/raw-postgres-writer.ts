import type pg from 'pg';
import { type NewEvent } from '@sg/event-store';

const COLUMNS = 7;

/** `($1, $2, …, $7), ($8, …)`: one row of placeholders per event. */
const placeholders = (events: number) =>
  Array.from(
    { length: events },
    (_, row) =>
      `(${Array.from({ length: COLUMNS }, (_, column) => `$${row * COLUMNS + column + 1}`).join(', ')})`,
  ).join(', ');

/**
 * The rows `PostgresEventStore` writes, written with `pg` alone: the same table layout, the same
 * column values (lower-case ids, the JSON text of data and metadata, the time of the append), one
 * INSERT per append in a transaction of its own (the statement's, no BEGIN), revisions kept in
 * memory. What the adapter adds on top (the guard in its insert, the port's checks, the
 * notification, the positions it returns) is the difference.
 */
export class RawPostgresWriter {
  private readonly revisions = new Map<string, number>();
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly table: string,
  ) {}

  async append(stream: string, events: readonly NewEvent[]): Promise<void> {
    const first = (this.revisions.get(stream) ?? -1) + 1;
    this.revisions.set(stream, first + events.length - 1);
    const now = new Date();
    const values = events.flatMap((event, i) => [
      stream,
      first + i,
      event.id.toLowerCase(),
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      now,
    ]);
    await this.pool.query(this.insertOf(events.length), values);
  }

  private insertOf(events: number): string {
    let sql = this.statements.get(events);
    if (sql === undefined) {
      sql = `INSERT INTO ${this.table} (stream, revision, id, type, data, metadata, recorded_at)
             VALUES ${placeholders(events)}`;
      this.statements.set(events, sql);
    }
    return sql;
  }
}
