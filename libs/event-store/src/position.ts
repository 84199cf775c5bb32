/**
 * Where an event sits in the store's global order. EventStoreDB has a commit and a prepare
 * position; the SQLite store has one sequence and uses it for both.
 */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export function formatPosition(position: Position): string {
  return position.commit === position.prepare
    ? `${position.commit}`
    : `${position.commit}/${position.prepare}`;
}
