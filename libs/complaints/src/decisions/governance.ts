import { managesService } from '../actor';
import { type CommandOf } from '../commands';
import { conflict } from '../errors';
import { type ComplaintEvent } from '../events';
import { type ComplaintState } from '../state';
import { startClock, stopClock } from '../clocks';
import { actingAs, type DecisionContext, inStatus, requireText } from './support';

/** A Board member stands aside from a complaint; from then on they may not judge it. */
export function declareConflictOfInterest(
  command: CommandOf<'DeclareConflictOfInterest'>,
  state: ComplaintState,
  { calendar }: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(
    state,
    ['escalated', 'board-decided', 'reimbursement-proposed', 'reimbursement-approved'],
    'declare a conflict of interest',
  );
  const by = actingAs(command.actor, 'declare a conflict of interest', { role: 'board-member' });
  const reason = requireText(command.reason, 'reason');
  if (complaint.recused.includes(by.id)) {
    throw conflict('ALREADY_DECLARED', `${command.actor.name} has already stood aside`);
  }
  const at = command.at;
  const declared: ComplaintEvent = { type: 'ConflictOfInterestDeclared', data: { reason, by, at } };
  const proposal = complaint.proposal;
  if (
    complaint.status !== 'reimbursement-proposed' ||
    proposal?.status !== 'proposed' ||
    proposal.proposedBy !== by.id
  )
    return [declared];
  // A proposal is its proposer's judgement: once they stand aside it no longer stands, and the
  // Board proposes again without them, as a decision awaiting support falls with its proposer.
  return [
    declared,
    {
      type: 'ReimbursementProposalLapsed',
      data: { proposalId: proposal.proposalId, reason: 'proposer-stood-aside', by, at },
    },
    ...stopClock(complaint, 'reimbursement-approval', at, by),
    startClock(calendar, complaint, 'reimbursement-proposal', at, by),
  ];
}

/** The service's staff give the complaint to one of them to work; it can be given again. */
export function assignCaseOfficer(
  command: CommandOf<'AssignCaseOfficer'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(
    state,
    ['with-service', 'awaiting-school', 'resolution-proposed'],
    'assign a case officer',
  );
  const by = actingAs(command.actor, 'assign this complaint', {
    role: 'service-manager',
    when: (actor) => managesService(actor, complaint.serviceId),
  });
  const officerId = requireText(command.officerId, 'officerId');
  // The channel names the officer from the directory; the handler checks they are the service's.
  const officerName = command.officerName.trim() || officerId;
  if (complaint.caseOfficer?.id === officerId) {
    throw conflict('ALREADY_ASSIGNED', `The complaint is already assigned to ${officerName}`);
  }
  return [
    {
      type: 'CaseOfficerAssigned',
      data: { officerId, officerName, by, at: command.at },
    },
  ];
}
