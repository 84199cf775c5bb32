import { formatReference } from '@sg/complaints';
import { REFERENCE_COUNTER_PREFIX } from './stream-category';
import { type StreamCheck } from './stream-check';

/**
 * A year's reference counter as `ReferenceAllocator` in @sg/complaint-service writes it: the
 * event at revision r allocates number r + 1, so that no two complaints share a reference.
 */
export const checkReferenceCounter: StreamCheck = (stream, events, report) => {
  const year = Number(stream.slice(REFERENCE_COUNTER_PREFIX.length));
  for (const event of events) {
    if (event.type !== 'ReferenceAllocated') {
      report(event, `${event.type} is not a reference allocation`);
      continue;
    }
    const number = Number(event.revision) + 1;
    const { reference, number: allocated } = event.data as {
      reference?: unknown;
      number?: unknown;
    };
    if (allocated !== number || reference !== formatReference(year, number))
      report(
        event,
        `allocates ${String(reference)} (number ${String(allocated)}); revision ${event.revision} allocates ${formatReference(year, number)}`,
      );
  }
};
