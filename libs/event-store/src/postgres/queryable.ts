import type pg from 'pg';

/** What runs a statement: the pool (any free connection) or one client. */
export interface Queryable {
  query<Row extends pg.QueryResultRow>(
    text: string,
    values?: readonly unknown[],
  ): Promise<pg.QueryResult<Row>>;
}
