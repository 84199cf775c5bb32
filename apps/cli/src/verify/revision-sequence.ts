import { formatPosition, type Position } from '@sg/event-store';
import { type Problems } from './problem';

/**
 * Checks that a stream's next event is at the revision after the last one seen, and reports a gap
 * or a repeat under the same key whether reading every event or reading the stream found it.
 * Returns the revision expected after this event.
 */
export function followRevision(
  problems: Problems,
  stream: string,
  expected: bigint,
  found: { readonly revision: bigint; readonly position: Position },
): bigint {
  const { revision } = found;
  const where = `revision ${revision} (position ${formatPosition(found.position)})`;
  if (revision > expected) {
    const missing =
      revision - expected === 1n
        ? `revision ${expected} is missing`
        : `revisions ${expected} to ${revision - 1n} are missing`;
    problems.add(`missing:${stream}:${expected}`, {
      stream,
      revision: expected,
      position: null,
      message: `${missing}: ${where} follows ${expected === 0n ? 'nothing' : `revision ${expected - 1n}`}`,
    });
  } else if (revision < expected) {
    problems.add(`repeated:${stream}:${revision}:${formatPosition(found.position)}`, {
      stream,
      revision,
      position: formatPosition(found.position),
      message: `${where} comes after revision ${expected - 1n}`,
    });
  }
  return revision >= expected ? revision + 1n : expected;
}
