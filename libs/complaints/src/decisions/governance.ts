import { managesService } from '../actor';
import { type CommandOf } from '../commands';
import { conflict } from '../errors';
import { type ComplaintEvent } from '../events';
import { type ComplaintState } from '../state';
import { actingAs, inStatus, requireText } from './support';

/** A Board member stands aside from a complaint; from then on they may not judge it. */
export function declareConflictOfInterest(
  command: CommandOf<'DeclareConflictOfInterest'>,
  state: ComplaintState,
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
  return [{ type: 'ConflictOfInterestDeclared', data: { reason, by, at: command.at } }];
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
