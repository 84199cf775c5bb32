import { evolveClocks } from './clocks';
import { type ComplaintEvent } from './events';
import { type ComplaintState } from './state';

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
      return {
        ...state,
        serviceId: event.data.toServiceId,
        ...(event.data.related && {
          relatedContractId: event.data.related.contractId,
          relatedBookingId: event.data.related.bookingId,
        }),
      };
    case 'SchoolContacted':
      return { ...state, firstContactAt: state.firstContactAt ?? event.data.contactedAt };
    case 'InformationRequested':
      return { ...state, status: 'awaiting-school' };
    case 'InformationReceived':
    case 'InformationRequestLapsed':
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
    case 'ClockStarted':
    case 'ClockPaused':
    case 'ClockResumed':
    case 'ClockExtended':
    case 'ClockStopped':
    case 'DeadlineWarningIssued':
    case 'DeadlineMissed':
      return { ...state, clocks: evolveClocks(state.clocks, event) };
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
