import { evolveClocks } from './clocks';
import { type ComplaintEvent } from './events';
import {
  type AwaitingSupport,
  type ComplaintState,
  type OpenComplaint,
  WITH_THE_SERVICE,
} from './state';

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
      desiredOutcome: d.desiredOutcome,
      standards: d.standards,
      contact: d.contact,
      relatedContractId: d.relatedContractId,
      relatedBookingId: d.relatedBookingId,
      policy: d.policy,
      lodgedAt: d.receivedAt,
      loggedAt: d.at,
      lodgedBy: d.by,
      referredAt: null,
      firstContactAt: null,
      resolutionSentAt: null,
      resolutionProposedAt: null,
      resolutionMailed: false,
      deemedAcceptedAt: null,
      clocks: {},
      board: null,
      proposal: null,
      pendingDecision: null,
      pendingWaiver: null,
      handledBy: [],
      recused: [],
      caseOfficer: null,
      reimbursedPence: 0,
      closure: null,
      attachments: [],
      lastWords: null,
      rerouteAsked: null,
    };
  }
  if (!state.exists) return state;
  return noteHandler(
    withRerouteAsked(withLastWords(evolveOpen(state, event), event), event),
    event,
  );
}

/**
 * The words a message, an answer to a question or a dispute of a resolution leaves as the last
 * written on the complaint. A question or a proposal asks the school for new words: the same ones
 * written after it answer it, so none are kept from before.
 */
function withLastWords(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (!state.exists) return state;
  if (event.type === 'InformationRequested' || event.type === 'ResolutionProposed')
    return { ...state, lastWords: null };
  const text =
    event.type === 'MessageSent'
      ? event.data.text
      : event.type === 'InformationReceived'
        ? event.data.summary
        : event.type === 'ResolutionDisputed'
          ? event.data.reason
          : null;
  return text === null
    ? state
    : { ...state, lastWords: { by: event.data.by.id, text, at: event.data.at } };
}

/**
 * The service's request to move the complaint stands until Business Support answers it (moving
 * it, or keeping it with the service) or the complaint leaves the service's hands.
 */
function withRerouteAsked(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  if (!state.exists) return state;
  if (event.type === 'RerouteAsked')
    return {
      ...state,
      rerouteAsked: { by: event.data.by.id, reason: event.data.reason, at: event.data.at },
    };
  const answered = event.type === 'ComplaintRerouted' || event.type === 'RerouteDeclined';
  return state.rerouteAsked && (answered || !WITH_THE_SERVICE.includes(state.status))
    ? { ...state, rerouteAsked: null }
    : state;
}

/**
 * Who has handled the complaint for the council (triage, or work for the service): a Board member
 * who did may not judge it. A note, a message, a file added or a new contact is not handling it.
 */
function noteHandler(state: ComplaintState, event: ComplaintEvent): ComplaintState {
  const handler = handlerIn(event);
  if (!state.exists || handler === null || state.handledBy.includes(handler)) return state;
  return { ...state, handledBy: [...state.handledBy, handler] };
}

/** What awaits support, with one more member behind it (none awaits: nothing). */
const supportedBy = <P extends AwaitingSupport>(pending: P | null, member: string): P | null =>
  pending && { ...pending, supporters: [...pending.supporters, member] };

/** What awaits support once `member` stands aside: it falls with its proposer. */
const withoutMember = <P extends AwaitingSupport>(pending: P | null, member: string): P | null =>
  pending === null || pending.proposedBy === member
    ? null
    : { ...pending, supporters: pending.supporters.filter((id) => id !== member) };

/** Whom the event shows handling the complaint for the council; null for anyone else's act. */
export function handlerIn(event: ComplaintEvent): string | null {
  if (CORRESPONDENCE.has(event.type)) return null;
  return HANDLING_ROLES.has(event.data.by.role) ? event.data.by.id : null;
}

const HANDLING_ROLES = new Set<string>(['business-support', 'service-manager']);
const CORRESPONDENCE = new Set<string>([
  'InternalNoteAdded',
  'MessageSent',
  'AttachmentAdded',
  'FilesNotKept',
  'SchoolContactChanged',
]);

function evolveOpen(state: OpenComplaint, event: ComplaintEvent): ComplaintState {
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
        caseOfficer: null,
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
      return {
        ...state,
        status: 'resolution-proposed',
        resolutionSentAt: null,
        resolutionProposedAt: event.data.at,
        resolutionMailed: Boolean(state.contact.email),
      };
    case 'ResolutionSentToSchool':
      return { ...state, resolutionSentAt: event.data.sentAt };
    case 'ResolutionMailReturned':
      return { ...state, resolutionSentAt: null };
    case 'ResolutionNeverReachedSchool':
      return state;
    case 'ComplaintReopened':
      return { ...state, status: 'with-service' };
    case 'ComplaintEscalated':
      return { ...state, status: 'escalated' };
    case 'BoardDecisionProposed':
      return {
        ...state,
        pendingDecision: {
          outcome: event.data.outcome,
          failureLevel: event.data.failureLevel,
          rationale: event.data.rationale,
          proposedBy: event.data.by.id,
          supporters: [],
        },
      };
    case 'BoardDecisionSupported':
      return { ...state, pendingDecision: supportedBy(state.pendingDecision, event.data.by.id) };
    case 'ConflictOfInterestDeclared': {
      // A member who stands aside no longer counts towards what the Board has not yet settled.
      const member = event.data.by.id;
      return {
        ...state,
        recused: [...state.recused, member],
        pendingDecision: withoutMember(state.pendingDecision, member),
        pendingWaiver: withoutMember(state.pendingWaiver, member),
        proposal:
          state.proposal && state.proposal.status === 'proposed'
            ? {
                ...state.proposal,
                approvals: state.proposal.approvals.filter((id) => id !== member),
              }
            : state.proposal,
      };
    }
    case 'CaseOfficerAssigned':
      return {
        ...state,
        caseOfficer: { id: event.data.officerId, name: event.data.officerName },
      };
    case 'SchoolContactChanged':
      // A proposal not yet sent goes to a new contact who has an address (see the notifications).
      return {
        ...state,
        contact: event.data.contact,
        resolutionMailed:
          state.resolutionMailed ||
          (state.status === 'resolution-proposed' &&
            state.resolutionSentAt === null &&
            Boolean(event.data.contact.email)),
      };
    case 'BoardDecisionRecorded':
      return {
        ...state,
        pendingDecision: null,
        status: 'board-decided',
        board: { outcome: event.data.outcome, failureLevel: event.data.failureLevel },
      };
    case 'ReimbursementWaiverProposed':
      return {
        ...state,
        pendingWaiver: { reason: event.data.reason, proposedBy: event.data.by.id, supporters: [] },
      };
    case 'ReimbursementWaiverSupported':
      return { ...state, pendingWaiver: supportedBy(state.pendingWaiver, event.data.by.id) };
    case 'ReimbursementWaiverSetAside':
      return { ...state, pendingWaiver: null };
    case 'ReimbursementProposed':
      // A member who proposes a sum does not agree to pay nothing: the waiver awaiting support falls
      // (recorded since as ReimbursementWaiverSetAside; before, silently, here).
      return {
        ...state,
        pendingWaiver: null,
        status: 'reimbursement-proposed',
        proposal: {
          proposalId: event.data.proposalId,
          proposedBy: event.data.by.id,
          amountPence: event.data.amountPence,
          basis: event.data.basis,
          approvals: [],
          status: 'proposed',
          approvedAt: null,
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
            proposal: {
              ...state.proposal,
              status: 'approved',
              approvedAt: event.data.at,
              approvedBy: event.data.approvers,
            },
          }
        : state;
    case 'ReimbursementDeclined':
    case 'ReimbursementProposalLapsed':
      return state.proposal
        ? {
            ...state,
            status: 'board-decided',
            proposal: {
              ...state.proposal,
              status: event.type === 'ReimbursementDeclined' ? 'declined' : 'lapsed',
            },
          }
        : state;
    case 'ReimbursementPaid':
      return state.proposal
        ? {
            ...state,
            reimbursedPence: state.reimbursedPence + event.data.amountPence,
            proposal: { ...state.proposal, status: 'paid' },
          }
        : state;
    case 'AttachmentAdded': {
      const { by, at, ...attachment } = event.data;
      return {
        ...state,
        attachments: [...state.attachments, { ...attachment, addedBy: by, addedAt: at }],
      };
    }
    case 'ResolutionConfirmed':
      return event.data.deemed ? { ...state, deemedAcceptedAt: event.data.at } : state;
    case 'DeemedAcceptanceSetAside':
      return { ...state, status: 'resolution-proposed', closure: null, deemedAcceptedAt: null };
    case 'ComplaintClosed':
      // Nothing awaits the Board's support once the complaint is closed, however it closed.
      return {
        ...state,
        pendingDecision: null,
        pendingWaiver: null,
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
