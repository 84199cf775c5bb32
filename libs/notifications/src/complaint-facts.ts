import { type ComplaintEvent, handlerIn } from '@sg/complaints';
import { type ComplaintFacts, type PendingStep } from './audience';

/** The steps whose message waits for the clock event recorded after them: see PendingStep. */
function pendingStep(event: ComplaintEvent): PendingStep | null {
  switch (event.type) {
    case 'ComplaintReferred':
      return { type: event.type, note: event.data.note };
    case 'InformationRequested':
      return { type: event.type, question: event.data.question };
    case 'InformationReceived':
      return { type: event.type, summary: event.data.summary };
    case 'InformationRequestLapsed':
      return { type: event.type };
    case 'ComplaintEscalated':
      return {
        type: event.type,
        reason: event.data.reason,
        unclearAnswer: event.data.unclearAnswer === true,
      };
    case 'ExtensionAgreed':
      return {
        type: event.type,
        extraWorkingDays: event.data.extraWorkingDays,
        reason: event.data.reason,
      };
    case 'ResolutionProposed':
      return { type: event.type, resolution: event.data.resolution };
    case 'ResolutionDisputed':
      return { type: event.type, reason: event.data.reason, unclear: event.data.unclear === true };
    case 'ResolutionConfirmed':
      return { type: event.type, deemed: event.data.deemed };
    case 'BoardDecisionRecorded':
      return {
        type: event.type,
        outcome: event.data.outcome,
        failureLevel: event.data.failureLevel,
        rationale: event.data.rationale,
      };
    case 'ReimbursementProposed':
      return { type: event.type, amountPence: event.data.amountPence };
    case 'ReimbursementDeclined':
      return { type: event.type, reason: event.data.reason, by: event.data.by.id };
    case 'ReimbursementProposalLapsed':
      return { type: event.type };
    case 'ReimbursementApproved':
      return {
        type: event.type,
        amountPence: event.data.amountPence,
        basis: { kind: event.data.basis.kind, id: event.data.basis.id },
      };
    case 'ReimbursementWaived':
      return { type: event.type, reason: event.data.reason };
    default:
      return null;
  }
}

/** The Board's clocks for what its members decide together, whose date a call for support gives. */
const BOARD_CLOCKS_TO_ACT_ON: readonly string[] = ['board-decision', 'reimbursement-proposal'];

/** The facts with `change` made; null when it changes nothing, so nothing need be written. */
function changed(facts: ComplaintFacts, change: Partial<ComplaintFacts>): ComplaintFacts | null {
  const same = (Object.keys(change) as (keyof ComplaintFacts)[]).every(
    (key) => facts[key] === change[key],
  );
  return same ? null : { ...facts, ...change };
}

/**
 * What a complaint event changes in the facts notifications are written from; null when it
 * changes nothing. A step is kept until the clock event recorded with it has been planned, which
 * uses it up (events between, such as a clock stopping or the complaint reopening, leave it): a
 * clock started again later for another reason (the school's window restarted when the proposal
 * was actually sent) finds no step and repeats no message.
 */
export function nextFacts(
  complaintId: string,
  previous: ComplaintFacts | null,
  event: ComplaintEvent,
): ComplaintFacts | null {
  const next = factsAfter(complaintId, previous, event);
  const handler = handlerIn(event);
  const known = next ?? previous;
  if (!known || handler === null || (known.handlers ?? []).includes(handler)) return next;
  return { ...known, handlers: [...(known.handlers ?? []), handler] };
}

function factsAfter(
  complaintId: string,
  previous: ComplaintFacts | null,
  event: ComplaintEvent,
): ComplaintFacts | null {
  if (event.type === 'ComplaintLodged')
    return {
      complaintId,
      reference: event.data.reference,
      schoolUrn: event.data.schoolUrn,
      serviceId: event.data.serviceId,
      summary: event.data.summary,
      contact: event.data.contact,
      channel: event.data.channel,
      emailMessageId: event.data.emailMessageId,
      filesNotKept: event.data.filesNotKept,
      referred: false,
      caseOfficerId: null,
      recused: [],
      lodgedBy: event.data.by.id,
      ...(event.data.matchedBy ? { matchedBy: event.data.matchedBy.id } : {}),
      loggedAt: event.data.at,
      handlers: [],
      resolutionDueDate: null,
      pending: null,
      decisionQuorum: event.data.policy.decisionQuorum,
      approvalQuorum: event.data.policy.approvalQuorum,
    };
  if (!previous) return null;
  const step = pendingStep(event);
  const facts = step ? { ...previous, pending: step } : previous;
  const resolution = 'clock' in event.data && event.data.clock === 'resolution';
  switch (event.type) {
    case 'ComplaintReferred':
      return { ...facts, serviceId: event.data.serviceId, referred: true };
    case 'ComplaintRerouted':
      return { ...facts, serviceId: event.data.toServiceId };
    case 'BoardDecisionProposed':
      return { ...facts, supportAskedBy: event.data.by.id, supportAskedFor: 'decision' };
    case 'ReimbursementWaiverProposed':
      return { ...facts, supportAskedBy: event.data.by.id, supportAskedFor: 'closing' };
    case 'BoardDecisionRecorded':
      return {
        ...facts,
        boardOutcome: event.data.outcome,
        boardRationale: event.data.rationale,
        boardFailureLevel: event.data.failureLevel,
        supportAskedBy: null,
      };
    case 'ReimbursementWaived':
      return { ...facts, supportAskedBy: null };
    case 'ReimbursementProposed':
      return {
        ...facts,
        proposedPence: event.data.amountPence,
        supportAskedBy: null,
        proposalAwaitingApprovalBy: event.data.by.id,
      };
    case 'ReimbursementApproved':
      return { ...facts, reimbursementApproved: true, proposalAwaitingApprovalBy: null };
    case 'ReimbursementDeclined':
    case 'ReimbursementProposalLapsed':
      return { ...facts, proposalAwaitingApprovalBy: null };
    case 'CaseOfficerAssigned':
      return { ...facts, caseOfficerId: event.data.officerId };
    case 'SchoolContactChanged':
      return { ...facts, contact: event.data.contact };
    case 'ConflictOfInterestDeclared':
      return {
        ...facts,
        recused: [...(facts.recused ?? []), event.data.by.id],
        supportAskedBy: facts.supportAskedBy === event.data.by.id ? null : facts.supportAskedBy,
      };
    case 'DeadlineWarningIssued':
      return resolution
        ? { ...facts, resolutionWarnedFor: event.data.dueDate }
        : step
          ? facts
          : null;
    case 'ClockStarted':
    case 'ClockResumed':
      return changed(facts, {
        pending: null,
        ...(resolution ? { resolutionDueDate: event.data.timing.dueDate } : {}),
        ...(BOARD_CLOCKS_TO_ACT_ON.includes(event.data.clock)
          ? { boardDueDate: event.data.timing.dueDate }
          : {}),
        ...(event.data.clock === 'school-confirmation'
          ? { confirmationDueDate: event.data.timing.dueDate }
          : {}),
        ...(event.data.clock === 'school-confirmation' &&
        facts.pending?.type === 'ResolutionProposed'
          ? {
              unsentProposal: {
                resolution: facts.pending.resolution,
                workingDays: event.data.timing.workingDays,
              },
            }
          : {}),
      });
    case 'ResolutionSentToSchool':
      return {
        ...facts,
        unsentProposal: null,
        sentProposal: facts.unsentProposal
          ? { ...facts.unsentProposal, sentTo: facts.contact }
          : null,
      };
    case 'ResolutionMailReturned': {
      const returned = facts.sentProposal ?? null;
      return {
        ...facts,
        unsentProposal: returned && {
          resolution: returned.resolution,
          workingDays: returned.workingDays,
        },
        sentProposal: null,
      };
    }
    case 'ResolutionConfirmed':
    case 'ResolutionDisputed':
    case 'ResolutionNeverReachedSchool':
    case 'ComplaintReopened':
    case 'ComplaintEscalated':
      return facts.unsentProposal || facts.sentProposal
        ? { ...facts, unsentProposal: null, sentProposal: null }
        : step
          ? facts
          : null;
    case 'ClockExtended':
      // A paused clock's timing is the one it stopped with; its new date comes when it resumes.
      return changed(facts, {
        pending: null,
        ...(resolution && facts.resolutionDueDate !== null
          ? { resolutionDueDate: event.data.timing.dueDate }
          : {}),
      });
    case 'ComplaintClosed':
      return changed(facts, { pending: null, unsentProposal: null, sentProposal: null });
    case 'ClockPaused':
    case 'ClockStopped':
      return resolution ? changed(facts, { resolutionDueDate: null }) : null;
    default:
      return step ? facts : null;
  }
}
