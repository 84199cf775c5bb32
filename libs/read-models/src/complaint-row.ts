import { type ClockKind, type OpenComplaint, runningClock } from '@sg/complaints';
import { isoInstant } from './report-facts';
import { serviceQueueRank } from './service-queue-rank';

/** Sorts after every real deadline, so complaints with no clock running come last. */
export const NO_DEADLINE = '9999-12-31T00:00:00.000Z';

/** The columns every list and queue filters and sorts on, derived from the folded state. */
export interface ComplaintRow {
  complaint_id: string;
  reference: string;
  school_urn: string;
  service_id: string | null;
  status: string;
  channel: string;
  summary: string;
  lodged_at: string;
  referred_at: string | null;
  active_clock: ClockKind | null;
  active_due_date: string | null;
  active_deadline: string | null;
  active_warning_at: string | null;
  /** The active deadline, or a date after every deadline: queues sort on it through an index. */
  queue_deadline: string;
  /** Whose clock is running, as a service's queue groups them: its own deadlines first. */
  service_queue_rank: number;
  triage_deadline: string | null;
  board_deadline: string | null;
  proposal_status: string | null;
  closed_at: string | null;
  /** The stream revision the row reflects: the complaint's version (ETag). */
  revision: number;
  /** The member of the service's staff working it, for "assigned to me". */
  case_officer_id: string | null;
  /** The officer who logged it for the school, who follows it in the role they did so in. */
  logged_by: string | null;
  logged_role: string | null;
  /** When the service asked Business Support to move it, while that stands. */
  reroute_asked_at: string | null;
}

export function complaintRow(state: OpenComplaint, revision: number): ComplaintRow {
  // An open complaint always has exactly one clock running: the one its queue works to.
  const active = runningClock(state.clocks);
  const running = (kind: ClockKind) =>
    state.clocks[kind]?.status === 'running' ? state.clocks[kind].timing.deadline : null;
  return {
    complaint_id: state.complaintId,
    reference: state.reference,
    school_urn: state.schoolUrn,
    service_id: state.serviceId,
    status: state.status,
    channel: state.channel,
    summary: state.summary,
    lodged_at: isoInstant(state.lodgedAt),
    referred_at: state.referredAt,
    active_clock: active?.kind ?? null,
    active_due_date: active?.timing.dueDate ?? null,
    active_deadline: active?.timing.deadline ?? null,
    active_warning_at: active?.timing.warningAt ?? null,
    queue_deadline: active?.timing.deadline ?? NO_DEADLINE,
    service_queue_rank: serviceQueueRank(active?.kind ?? null),
    triage_deadline: running('triage'),
    board_deadline: running('board-decision'),
    proposal_status: state.proposal?.status ?? null,
    closed_at: state.closure ? isoInstant(state.closure.at) : null,
    revision,
    case_officer_id: state.caseOfficer?.id ?? null,
    ...loggedBy(state),
    reroute_asked_at: state.rerouteAsked?.at ?? null,
  };
}

/** Who logged it for the school, when not its own staff: access.ts's `loggedIt`, as columns. */
function loggedBy(state: OpenComplaint): Pick<ComplaintRow, 'logged_by' | 'logged_role'> {
  const { id, role } = state.lodgedBy;
  return role === 'school-staff'
    ? { logged_by: null, logged_role: null }
    : { logged_by: id, logged_role: role };
}
