import { type ComplaintEvent, complaintEventFrom, evolve, foldComplaint } from '@sg/complaints';
import { isComplaintEventType } from './complaint-event-types';
import { readsWithout, type StreamCheck } from './stream-check';

/**
 * A complaint stream as `ComplaintRepository` reads it: each event upcast to the current schema by
 * the real upcasters (`complaintEventFrom`, which refuses a version a newer release wrote), then
 * folded with `evolve`.
 */
export const checkComplaintStream: StreamCheck = (_stream, events, report) => {
  let state = foldComplaint([]);
  for (const event of events) {
    if (!isComplaintEventType(event.type)) {
      report(event, `${event.type} is not a complaint event this release knows`);
      continue;
    }
    let current: ComplaintEvent | undefined;
    if (
      !readsWithout(event, report, 'cannot be upcast', () => (current = complaintEventFrom(event)))
    )
      continue;
    readsWithout(event, report, 'cannot be folded', () => (state = evolve(state, current!)));
  }
};
