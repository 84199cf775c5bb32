import { type ClockTiming, type OpenComplaint } from '@sg/complaints';

/**
 * The service's deadline while the school decides on a proposed resolution. The service's clock
 * has stopped, but its date has not gone: a dispute before it sends the complaint back to the
 * service to that same date, and one after it to the Board (backToTheService in
 * libs/complaints/src/decisions/school.ts). Null at any other stage.
 */
export const standingServiceDeadline = (complaint: OpenComplaint): ClockTiming | null =>
  complaint.status === 'resolution-proposed' ? (complaint.clocks.resolution?.timing ?? null) : null;
