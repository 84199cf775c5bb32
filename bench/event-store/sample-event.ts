import { randomUUID } from 'node:crypto';
import { type NewEvent } from '@sg/event-store';

const COMPLAINTS = 500;

/** An event of the size and shape the engine appends most: a contact on a complaint. */
export const sampleEvent = (n: number): NewEvent => ({
  id: randomUUID(),
  type: 'ContactRecorded',
  data: {
    complaintId: `c-${n % COMPLAINTS}`,
    method: 'phone',
    note: 'Spoke to the head about the late report.',
    n,
  },
  metadata: {
    schemaVersion: 1,
    correlationId: randomUUID(),
    actor: { id: 'user-7', role: 'service-manager' },
  },
});
