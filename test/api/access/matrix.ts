import { RequestMethod } from '@nestjs/common';
import { COMPLAINT_STATUSES } from '@sg/complaints';
import { RoutePolicyCheck } from '../../../apps/api/src/auth/route-policy-check';
import { type ComplaintsApp } from '../../support/complaints-app';
import { type Caller, CALLERS } from './callers';

/** A row of an access matrix: a route, and what each caller (in CALLERS' order) should get. */
export interface MatrixRow<Cell> {
  /** The route, as Express names it. */
  readonly route: string;
  readonly cells: readonly Cell[];
  /** The path to call, when it differs from the route's (path parameters, a query). */
  readonly path?: string;
}

/** A row's route is its method and its path, as in `GET /complaints/:id`. */
export const methodOf = (route: string) => route.split(' ')[0];
/** The path of a row's route, with its parameters (:id and the like) as Express names them. */
export const patternOf = (route: string) => route.split(' ')[1];

/**
 * That the matrix has a row, with a cell for every caller, for each route the app serves that
 * `covers` takes, and no row for a route it does not serve: a new route cannot go untested.
 */
export function expectARowForEachRoute<Cell>(
  api: ComplaintsApp,
  matrix: readonly MatrixRow<Cell>[],
  covers: (route: string) => boolean,
): void {
  const served = api.app
    .get(RoutePolicyCheck)
    .routes()
    .map(
      (route) =>
        `${RequestMethod[route.method]} /${route.path.split('/').filter(Boolean).join('/')}`,
    )
    .filter(covers);
  const rows = new Set(matrix.map((row) => row.route));
  expect(served.filter((route) => !rows.has(route))).toEqual([]);
  expect([...rows].filter((route) => !served.includes(route))).toEqual([]);
  for (const row of matrix) expect(row.cells).toHaveLength(CALLERS.length);
}

/**
 * One test a row, calling as every caller in turn: all that is wrong with the row is reported at
 * once, each problem named by its caller, rather than stopping at the first.
 */
export function itAnswersEachCallerAsTheMatrixSays<Cell, Row extends MatrixRow<Cell>>(
  matrix: readonly Row[],
  problemsWith: (row: Row, caller: Caller, expected: Cell) => Promise<string[]>,
): void {
  it.each(matrix.map((row) => [`${row.route}${row.path ? ` (${row.path})` : ''}`, row] as const))(
    '%s',
    async (_, row) => {
      const problems: string[] = [];
      for (const [column, caller] of CALLERS.entries())
        for (const problem of await problemsWith(row, caller, row.cells[column]))
          problems.push(`${caller}: ${problem}`);
      expect(problems).toEqual([]);
    },
  );
}

/**
 * What a refusal gives away that would tell the caller the complaint exists or where it stands:
 * its reference (or any complaint's), its id, its status as code or words, and any of `more`.
 */
export function secretsIn(
  text: string,
  complaint: { readonly id: string; readonly reference: string },
  more: readonly string[] = [],
): string[] {
  return [
    complaint.reference,
    'SG-\\d{4}-\\d+', // any complaint's reference
    complaint.id,
    ...COMPLAINT_STATUSES.flatMap((status) => [status, status.replace(/-/g, ' ')]),
    ...more,
  ].filter((secret) => new RegExp(`\\b${secret}\\b`, 'i').test(text));
}
