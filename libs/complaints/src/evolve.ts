import { type ClockKind } from './clock';
import { type ComplaintEvent } from './events';
import { type ClockState, type ComplaintState, type OpenComplaint } from './state';

function withClock(
  state: OpenComplaint,
  kind: ClockKind,
  change: (clock: ClockState) => ClockState,
): OpenComplaint {
  const clock = state.clocks[kind];
  if (!clock) return state;
  return { ...state, clocks: { ...state.clocks, [kind]: change(clock) } };
}

/** Folds one event into the state. Total: every event type is handled, and none can fail. */
export function evolve(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (event.type === 'ComplaintLodged') {
    const d = event.data;
    return {
      exists: true,
      complaintId: d.complaintId,
      reference: d.reference,
      status: 'lodged',
      channel: d.channel,
      schoolUrn: d.schoolUrn,
      serviceId: d.serviceId,
      summary: d.summary,
      standards: d.standards,
      contact: d.contact,
      relatedContractId: d.relatedContractId,
      relatedBookingId: d.relatedBookingId,
      policy: d.policy,
      lodgedAt: d.at,
      lodgedBy: d.by,
      referredAt: null,
      firstContactAt: null,
      clocks: {},
      board: null,
      proposal: null,
      reimbursedPence: 0,
      closure: null,
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'ComplaintReferred':
      return {
        ...state,
        status: 'with-service',
        serviceId: event.data.serviceId,
        referredAt: event.data.at,
      };
    case 'ComplaintRerouted':
      return { ...state, serviceId: event.data.toServiceId };
    case 'SchoolContacted':
      return { ...state, firstContactAt: state.firstContactAt ?? event.data.contactedAt };
    case 'InformationRequested':
      return { ...state, status: 'awaiting-school' };
    case 'InformationReceived':
      return { ...state, status: 'with-service' };
    case 'ResolutionProposed':
      return { ...state, status: 'resolution-proposed' };
    case 'ComplaintReopened':
      return { ...state, status: 'with-service' };
    case 'ComplaintEscalated':
      return { ...state, status: 'escalated' };
    case 'BoardDecisionRecorded':
      return {
        ...state,
        status: 'board-decided',
        board: { outcome: event.data.outcome, failureLevel: event.data.failureLevel },
      };
    case 'ReimbursementProposed':
      return {
        ...state,
        status: 'reimbursement-proposed',
        proposal: {
          proposalId: event.data.proposalId,
          proposedBy: event.data.by.id,
          amountPence: event.data.amountPence,
          basis: event.data.basis,
          approvals: [],
          status: 'proposed',
        },
      };
    case 'ReimbursementApprovalGiven':
      return state.proposal
        ? {
            ...state,
            proposal: {
              ...state.proposal,
              approvals: [...state.proposal.approvals, event.data.by.id],
            },
          }
        : state;
    case 'ReimbursementApproved':
      return state.proposal
        ? {
            ...state,
            status: 'reimbursement-approved',
            proposal: { ...state.proposal, status: 'approved' },
          }
        : state;
    case 'ReimbursementDeclined':
      return state.proposal
        ? { ...state, status: 'board-decided', proposal: { ...state.proposal, status: 'declined' } }
        : state;
    case 'ReimbursementPaid':
      return state.proposal
        ? {
            ...state,
            reimbursedPence: state.reimbursedPence + event.data.amountPence,
            proposal: { ...state.proposal, status: 'paid' },
          }
        : state;
    case 'ComplaintClosed':
      return {
        ...state,
        status: 'closed',
        closure: { outcome: event.data.outcome, at: event.data.at },
      };
    case 'ClockStarted': {
      // A clock started again (a disputed resolution reopened) keeps the extensions already
      // agreed, which the cap counts in total, and its warning if the deadline is unchanged.
      const previous = state.clocks[event.data.clock];
      return {
        ...state,
        clocks: {
          ...state.clocks,
          [event.data.clock]: {
            kind: event.data.clock,
            status: 'running',
            timing: event.data.timing,
            remainingWorkingDays: null,
            extendedBy: previous?.extendedBy ?? 0,
            warned:
              (previous?.warned ?? false) &&
              previous?.timing.deadline === event.data.timing.deadline,
            missed: false,
            metDeadline: null,
          },
        },
      };
    }
    case 'ClockPaused':
      return withClock(state, event.data.clock, (clock) => ({
        ...clock,
        status: 'paused',
        remainingWorkingDays: event.data.remainingWorkingDays,
        timing: { ...clock.timing, revision: event.data.revision },
      }));
    case 'ClockResumed':
      return withClock(state, event.data.clock, (clock) => ({
        ...clock,
        status: 'running',
        timing: event.data.timing,
        remainingWorkingDays: null,
        warned: false,
      }));
    case 'ClockExtended':
      return withClock(state, event.data.clock, (clock) => ({
        ...clock,
        timing: event.data.timing,
        remainingWorkingDays:
          clock.remainingWorkingDays === null
            ? null
            : clock.remainingWorkingDays + event.data.extraWorkingDays,
        extendedBy: clock.extendedBy + event.data.extraWorkingDays,
        warned: false,
      }));
    case 'ClockStopped':
      return withClock(state, event.data.clock, (clock) => ({
        ...clock,
        status: 'stopped',
        metDeadline: event.data.metDeadline,
      }));
    case 'DeadlineWarningIssued':
      return withClock(state, event.data.clock, (clock) => ({ ...clock, warned: true }));
    case 'DeadlineMissed':
      return withClock(state, event.data.clock, (clock) => ({ ...clock, missed: true }));
    default:
      // Facts that change no decision: triage closures (followed by ComplaintClosed), notes,
      // messages, agreed extensions (followed by ClockExtended), confirmations and disputes.
      return state;
  }
}

export function foldComplaint(events: Iterable<ComplaintEvent>): ComplaintState {
  let state: ComplaintState = { exists: false };
  for (const event of events) state = evolve(state, event);
  return state;
}
