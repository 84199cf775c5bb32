import { type ComplaintEvent, complaintEventFrom } from '@sg/complaints';
import { NOTHING_YET, projectForCheck } from '@sg/read-models';
import { WorkingDayCalendar } from '@sg/working-days';
import { isComplaintEventType } from './complaint-event-types';
import { readsWithout, type StreamCheck } from './stream-check';

const calendar = new WorkingDayCalendar();

/**
 * A complaint stream as `ComplaintRepository` reads it and the read model projects it: each event
 * upcast to the current schema by the real upcasters (`complaintEventFrom`, which refuses a
 * version a newer release wrote), then folded with `evolve` into the rows a rebuild would write.
 */
export const checkComplaintStream: StreamCheck = (_stream, events, report) => {
  let projected = NOTHING_YET;
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
    readsWithout(
      event,
      report,
      'cannot be projected',
      () => (projected = projectForCheck(projected, current!, Number(event.revision), calendar)),
    );
  }
};
