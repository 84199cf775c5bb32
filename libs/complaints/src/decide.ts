import { requireAccessFor } from './access';
import { type ComplaintCommand, type ComplaintCommandType, type CommandOf } from './commands';
import { conflict, DomainError } from './errors';
import { type ComplaintEvent } from './events';
import { overdueDeadlines } from './decisions/overdue-deadlines';
import { type ComplaintState } from './state';
import {
  approveReimbursement,
  closeWithoutReimbursement,
  declineReimbursement,
  proposeReimbursement,
  recordBoardDecision,
  recordReimbursementPaid,
} from './decisions/board';
import { addAttachments } from './decisions/attachments';
import { addInternalNote } from './decisions/correspondence';
import { reachDeadline } from './decisions/deadlines';
import { messageOnTheComplaint, replyFromSchool } from './decisions/school-reply';
import { changeSchoolContact } from './decisions/school-contact';
import { assignCaseOfficer, declareConflictOfInterest } from './decisions/governance';
import { lodgeComplaint } from './decisions/lodge';
import { confirmResolution, disputeResolution, withdrawComplaint } from './decisions/school';
import {
  agreeExtension,
  proposeResolution,
  recordContact,
  recordQuestionReturned,
  recordResolutionReturned,
  recordResolutionSent,
  recordInformationReceived,
  requestInformation,
} from './decisions/service';
import { type DecisionContext } from './decisions/support';
import {
  markAsDuplicate,
  reclassifyAsServiceRequest,
  referComplaint,
  rejectAsOutOfScope,
  askToReroute,
  keepWithService,
  rerouteComplaint,
} from './decisions/triage';

type Decider<T extends ComplaintCommandType> = (
  command: CommandOf<T>,
  state: ComplaintState,
  context: DecisionContext,
) => ComplaintEvent[];

const deciders: { [T in ComplaintCommandType]: Decider<T> } = {
  LodgeComplaint: lodgeComplaint,
  ReferComplaint: referComplaint,
  RerouteComplaint: rerouteComplaint,
  ReclassifyAsServiceRequest: reclassifyAsServiceRequest,
  RejectAsOutOfScope: rejectAsOutOfScope,
  MarkAsDuplicate: markAsDuplicate,
  WithdrawComplaint: withdrawComplaint,
  RecordContact: recordContact,
  RequestInformation: requestInformation,
  RecordInformationReceived: recordInformationReceived,
  AgreeExtension: agreeExtension,
  ProposeResolution: proposeResolution,
  RecordResolutionSent: recordResolutionSent,
  RecordResolutionReturned: recordResolutionReturned,
  RecordQuestionReturned: recordQuestionReturned,
  ConfirmResolution: confirmResolution,
  DisputeResolution: disputeResolution,
  ReachDeadline: reachDeadline,
  RecordBoardDecision: recordBoardDecision,
  CloseWithoutReimbursement: closeWithoutReimbursement,
  ProposeReimbursement: proposeReimbursement,
  ApproveReimbursement: approveReimbursement,
  DeclineReimbursement: declineReimbursement,
  RecordReimbursementPaid: recordReimbursementPaid,
  AddInternalNote: addInternalNote,
  SendMessage: messageOnTheComplaint,
  ReplyFromSchool: replyFromSchool,
  DeclareConflictOfInterest: declareConflictOfInterest,
  AskToReroute: askToReroute,
  KeepWithService: keepWithService,
  AssignCaseOfficer: assignCaseOfficer,
  ChangeSchoolContact: changeSchoolContact,
  AddAttachments: addAttachments,
};

/**
 * The complaint's rules: the events a command causes in a state, or a DomainError. Pure. A
 * person's command is decided on the complaint with its overdue deadlines caught up first (see
 * overdueDeadlines), and the two are recorded together; a timer's own report decides its clock.
 */
export function decide(
  command: ComplaintCommand,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const { events: late, state: now } =
    command.type === 'ReachDeadline'
      ? { events: [], state }
      : overdueDeadlines(state, command.at, context);
  requireAccessFor(command, now);
  const decider = deciders[command.type] as Decider<typeof command.type>;
  try {
    return [...late, ...decider(command, now, context)];
  } catch (error) {
    if (late.length === 0 || !isStageRefusal(error)) throw error;
    throw refusedForAMissedDeadline(error, late, () => decider(command, state, context));
  }
}

/**
 * A command refused because a deadline its time comes after moved the complaint on (its timer
 * may not have run yet, so the person still sees it as it was) says so, and which deadline.
 */
function refusedForAMissedDeadline(
  error: DomainError,
  late: readonly ComplaintEvent[],
  onTheStageSeen: () => unknown,
): unknown {
  // Refused on the stage the person sees too: that refusal is theirs, deadline or none.
  try {
    onTheStageSeen();
  } catch (seen) {
    if (isStageRefusal(seen)) return seen;
  }
  const missed = late.filter((event) => event.type === 'DeadlineMissed').at(-1);
  if (!missed) return error;
  // What was refused, without the stage the person never saw the complaint reach.
  const refused = error.message.split(':')[0];
  return conflict(
    'DEADLINE_PASSED',
    `${refused}: the ${missed.data.clock.replace('-', ' ')} deadline passed at ${missed.data.deadline}, and the complaint has moved on`,
  );
}

/** The refusals of a command the complaint's stage does not allow. */
const STAGE_REFUSALS = new Set(['INVALID_TRANSITION', 'COMPLAINT_CLOSED']);

const isStageRefusal = (error: unknown): error is DomainError =>
  error instanceof DomainError && STAGE_REFUSALS.has(error.code);
