import {
  type ActedBy,
  complaintStream,
  schemaVersionOf,
  type ComplaintEvent,
  DEFAULT_POLICY,
} from '@sg/complaints';
import { envelope, type EventStore, type RecordedEvent } from '@sg/event-store';

export const COMPLAINT_ID = 'c0ffee00-0000-4000-8000-0000000000aa';
export const SCHOOL_STAFF: ActedBy = { id: 'u-head', role: 'school-staff' };
export const BUSINESS_SUPPORT: ActedBy = { id: 'u-support', role: 'business-support' };

export const noteAt = (at: string): ComplaintEvent => ({
  type: 'InternalNoteAdded',
  data: { noteId: `n-${at}`, text: 'Chased by phone', by: BUSINESS_SUPPORT, at },
});

/**
 * A complaint's life written as events, for tests of what reads them: lodged, noted on, referred,
 * closed as withdrawn, and noted on after closing.
 */
export const COMPLAINT_HISTORY: ComplaintEvent[] = [
  {
    type: 'ComplaintLodged',
    data: {
      complaintId: COMPLAINT_ID,
      reference: 'SG-2025-000042',
      channel: 'web-form',
      schoolUrn: '119876',
      serviceId: null,
      summary: 'Peripatetic violin lessons cancelled',
      details: 'Four weeks of violin lessons were cancelled without notice.',
      desiredOutcome: null,
      standards: ['listen-and-respond'],
      contact: { name: 'Asha Head', email: 'head@school.example' },
      relatedContractId: null,
      relatedBookingId: null,
      policy: DEFAULT_POLICY,
      loggedByOfficer: null,
      emailMessageId: null,
      filesNotKept: [],
      receivedAt: '2025-04-15T09:00:00.000Z',
      matchedBy: null,
      by: SCHOOL_STAFF,
      at: '2025-04-15T09:00:00.000Z',
    },
  },
  noteAt('2025-04-16T09:00:00.000Z'),
  {
    type: 'ComplaintReferred',
    data: {
      serviceId: 'music-service',
      note: null,
      by: BUSINESS_SUPPORT,
      at: '2025-04-17T10:00:00.000Z',
    },
  },
  {
    type: 'ComplaintClosed',
    data: { outcome: 'withdrawn', by: BUSINESS_SUPPORT, at: '2025-04-24T10:00:00.000Z' },
  },
  noteAt('2025-04-25T09:00:00.000Z'),
];

/** Appends the history (COMPLAINT_HISTORY unless given another) to `store`, as recorded. */
export async function recordComplaintHistory(
  store: EventStore,
  history: readonly ComplaintEvent[] = COMPLAINT_HISTORY,
): Promise<RecordedEvent[]> {
  await store.appendToStream(
    complaintStream(COMPLAINT_ID),
    history.map((event) => envelope(event, { schemaVersion: schemaVersionOf(event.type) })),
    { expectedRevision: 'no_stream' },
  );
  const recorded: RecordedEvent[] = [];
  for await (const event of store.readAll()) recorded.push(event);
  return recorded;
}
