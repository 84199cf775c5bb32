import {
  type ComplaintEvent,
  complaintEventFrom,
  complaintStream,
  type ComplaintState,
  evolve,
  INITIAL_STATE,
} from '@sg/complaints';
import { type EventStore, type RecordedEvent } from '@sg/event-store';
import { type WorkingDayCalendar } from '@sg/working-days';
import { complaintRow } from './complaint-row';
import { isoInstant, reportFactsOf } from './report-facts';

/** What the read model knows of one complaint after the event at `revision`. */
export interface ProjectedComplaint {
  readonly state: ComplaintState;
  /** The stream revision of the last event folded in; -1 before the first. */
  readonly revision: number;
  /** When the resolution now standing was proposed: reports count working days up to it. */
  readonly lastProposalAt: string | null;
}

export const NOTHING_YET: ProjectedComplaint = {
  state: INITIAL_STATE,
  revision: -1,
  lastProposalAt: null,
};

/** One step of the fold, with the domain's own `evolve`. */
export const projectEvent = (
  before: ProjectedComplaint,
  event: ComplaintEvent,
  revision: number,
): ProjectedComplaint => ({
  state: evolve(before.state, event),
  revision,
  lastProposalAt:
    event.type === 'ResolutionProposed' ? isoInstant(event.data.at) : before.lastProposalAt,
});

/**
 * What the read model makes of one event: the complaint after it, its report facts and its row.
 * `cli verify` runs it on every event, so a store it passes is one the read models can be built
 * from (an event whose fields the fold takes but the row cannot, a date that is no date, fails).
 */
export function projectForCheck(
  before: ProjectedComplaint,
  event: ComplaintEvent,
  revision: number,
  calendar: WorkingDayCalendar,
): ProjectedComplaint {
  const after = projectEvent(before, event, revision);
  if (after.state.exists) {
    reportFactsOf(event, after.state, before.lastProposalAt, calendar);
    complaintRow(after.state, revision);
  }
  return after;
}

/** A complaint's events in the store, up to and including `revision`. */
export async function readComplaintHistory(
  store: EventStore,
  complaintId: string,
  revision: number,
): Promise<RecordedEvent[]> {
  const history: RecordedEvent[] = [];
  for await (const recorded of store.readStream(complaintStream(complaintId), {
    maxCount: revision + 1,
  }))
    history.push(recorded);
  return history;
}

export const projectHistory = (history: readonly RecordedEvent[]): ProjectedComplaint =>
  history.reduce(
    (projected, recorded) =>
      projectEvent(projected, complaintEventFrom(recorded), Number(recorded.revision)),
    NOTHING_YET,
  );

/** A complaint folded from its own stream in the store, up to and including `revision`. */
export const projectComplaintStream = async (
  store: EventStore,
  complaintId: string,
  revision: number,
): Promise<ProjectedComplaint> =>
  projectHistory(await readComplaintHistory(store, complaintId, revision));
