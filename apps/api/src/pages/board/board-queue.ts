import { type ReimbursementProposal } from '@sg/complaints';
import { type BoardQueue, type ComplaintQueries } from '@sg/read-models';
import { type ComplaintRow, withSchoolNames } from '../core/complaint-rows';
import { type DirectoryNames } from '../core/directory-names';

/** A queue's page of complaints, each with its school's name, and where the next page starts. */
export interface BoardQueuePage {
  readonly rows: readonly ComplaintRow[];
  readonly nextCursor: string | null;
}

const PAGE_SIZE = 50;

/** A cursor as a link carries it back; anything else starts the queue from the top. */
const cursorOf = (value: unknown) =>
  typeof value === 'string' && value.length > 0 && value.length <= 500 ? value : undefined;

/**
 * One page of a Board queue (the same read model query as the API's), nearest deadline first,
 * with the schools named as readers know them rather than by URN.
 */
export async function boardQueuePage(
  queries: ComplaintQueries,
  names: DirectoryNames,
  queue: BoardQueue,
  cursor: unknown,
  now: Date,
): Promise<BoardQueuePage> {
  const page = queries.boardQueue(queue, { cursor: cursorOf(cursor), limit: PAGE_SIZE }, now);
  return { rows: await withSchoolNames(page.items, names), nextCursor: page.nextCursor };
}

/** What a reimbursement in a queue is set against, and who put it or when it was approved. */
export const setAgainst = (proposal: ReimbursementProposal, then: string): string =>
  `Against ${proposal.basis.kind} ${proposal.basis.id}${then ? `, ${then}` : ''}`;
