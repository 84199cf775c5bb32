import type autocannon from 'autocannon';
import { DEMO_ACTORS } from './demo-actors';

const asPerson = (personId: string) => ({ 'x-acting-person': personId });

/** The hello world's one route. */
export const helloWorldRequests = (): autocannon.Request[] => [{ method: 'GET', path: '/hello' }];

/** The queued service's manager reads the first page of their queue, nearest deadline first. */
export const serviceQueueRequests = (): autocannon.Request[] => [
  { method: 'GET', path: '/api/queues/service', headers: asPerson(DEMO_ACTORS.queueManager) },
];

/**
 * Business Support reads one complaint after another, every seeded complaint in turn (each
 * connection from the start of the list), so no one complaint is kept warm.
 */
export const complaintRequests = (complaintIds: readonly string[]) => (): autocannon.Request[] =>
  complaintIds.map((id) => ({
    method: 'GET',
    path: `/api/complaints/${id}`,
    headers: asPerson(DEMO_ACTORS.support),
  }));
