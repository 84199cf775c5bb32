import { InvalidLocalDateError, OutsideCalendarError } from '@sg/working-days';
import { type CommandOf } from '../commands';
import { type Actor } from '../actor';
import { conflict, DomainError, ruleBroken } from '../errors';
import { type ComplaintEvent } from '../events';
import { isPence, percentOf } from '../money';
import {
  type ComplaintState,
  membersBehind,
  type OpenComplaint,
  type ReimbursementProposal,
} from '../state';
import { startClock, stopClock } from '../clocks';
import { interestIn, requireNoConflict, stillCounting } from './conflicts';
import {
  actingAs,
  type DecisionContext,
  existing,
  inStatus,
  requireLine,
  requireText,
} from './support';

const BOARD = { role: 'board-member' } as const;

/**
 * A Board member puts a decision (outcome, failure level, rationale); it is recorded once the
 * policy's quorum of distinct members supports the same outcome and level, the proposer first.
 * A member who puts a different decision replaces the one awaiting support.
 */
export function recordBoardDecision(
  command: CommandOf<'RecordBoardDecision'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'record Board decisions', BOARD);
  // A member who may not judge it hears that first, whatever the complaint's state.
  requireNoConflict(existing(state), command.actor, 'decide this complaint');
  const complaint = inStatus(state, ['escalated'], 'record a Board decision');
  const rationale = requireText(command.rationale, 'rationale');
  const upheld = command.outcome !== 'not-upheld';
  if (upheld && !command.failureLevel) {
    throw ruleBroken(
      'FAILURE_LEVEL_REQUIRED',
      'failureLevel is required when the complaint is upheld',
    );
  }
  if (!upheld && command.failureLevel) {
    throw ruleBroken(
      'FAILURE_LEVEL_NOT_APPLICABLE',
      'failureLevel must be left out when the complaint is not upheld',
    );
  }
  const at = command.at;
  const decision = {
    outcome: command.outcome,
    failureLevel: command.failureLevel ?? null,
    rationale,
  };
  const pending = complaint.pendingDecision;
  const supports =
    pending !== null &&
    pending.outcome === decision.outcome &&
    pending.failureLevel === decision.failureLevel;
  if (supports && membersBehind(pending).includes(by.id)) {
    throw conflict('ALREADY_SUPPORTED', `${command.actor.name} already supports this decision`);
  }
  const members = supports
    ? [...stillCounting(complaint, membersBehind(pending), context.memberNow), by.id]
    : [by.id];
  if (members.length < complaint.policy.decisionQuorum) {
    return supports
      ? [{ type: 'BoardDecisionSupported', data: { rationale, by, at } }]
      : [{ type: 'BoardDecisionProposed', data: { ...decision, by, at } }];
  }
  const recorded: ComplaintEvent[] = [
    ...(supports ? [{ type: 'BoardDecisionSupported' as const, data: { rationale, by, at } }] : []),
    {
      type: 'BoardDecisionRecorded',
      data: {
        ...(supports
          ? {
              outcome: pending.outcome,
              failureLevel: pending.failureLevel,
              rationale: pending.rationale,
            }
          : decision),
        members,
        by,
        at,
      },
    },
    ...stopClock(complaint, 'board-decision', at, by),
  ];
  return upheld
    ? [...recorded, startClock(context.calendar, complaint, 'reimbursement-proposal', at, by)]
    : [...recorded, { type: 'ComplaintClosed', data: { outcome: 'not-upheld', by, at } }];
}

/**
 * Why `member` may not put closing without a reimbursement (they already support the closing
 * awaiting support), or null: the decider's refusal, and why the pages do not offer it to them.
 */
export function waiverRefusal(complaint: OpenComplaint, member: Actor): DomainError | null {
  const pending = complaint.pendingWaiver;
  return pending && membersBehind(pending).includes(member.id)
    ? conflict(
        'ALREADY_SUPPORTS_CLOSING',
        `${member.name} already supports closing it without a reimbursement`,
      )
    : null;
}

/**
 * Closing an upheld complaint without a reimbursement decides that the school gets nothing back,
 * so it takes the quorum a decision does: one member proposes it, others support it (each with
 * their own reasons), and the member completing the quorum closes the complaint with the
 * proposer's reasons. Under the default quorum of 1, one member closes it at once.
 */
export function closeWithoutReimbursement(
  command: CommandOf<'CloseWithoutReimbursement'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'close upheld complaints', BOARD);
  requireNoConflict(existing(state), command.actor, 'close this complaint');
  const complaint = inStatus(state, ['board-decided'], 'close the complaint without reimbursement');
  const reason = requireText(command.reason, 'reason');
  const at = command.at;
  const pending = complaint.pendingWaiver;
  const refused = waiverRefusal(complaint, command.actor);
  if (refused) throw refused;
  const put: ComplaintEvent = pending
    ? { type: 'ReimbursementWaiverSupported', data: { reason, by, at } }
    : { type: 'ReimbursementWaiverProposed', data: { reason, by, at } };
  const members = pending
    ? [...stillCounting(complaint, membersBehind(pending), context.memberNow), by.id]
    : [by.id];
  if (members.length < complaint.policy.decisionQuorum) return [put];
  return [
    ...(pending ? [put] : []),
    { type: 'ReimbursementWaived', data: { reason: pending?.reason ?? reason, members, by, at } },
    ...stopClock(complaint, 'reimbursement-proposal', at, by),
    { type: 'ComplaintClosed', data: { outcome: 'upheld-without-reimbursement', by, at } },
  ];
}

/**
 * The Board proposes a sum against the fees of the contract or booking complained about. The
 * schedule's suggestion for the failure level is recorded beside it; a different sum needs a
 * reason. No sum may exceed what is left of the fees after earlier reimbursements.
 */
export function proposeReimbursement(
  command: CommandOf<'ProposeReimbursement'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  // A complaint rerouted before reroutes named the new service's contract still names the old
  // one; that contract binds only while it is the complaint's service's, so the Board can choose.
  const by = actingAs(command.actor, 'propose reimbursements', BOARD);
  requireNoConflict(existing(state), command.actor, 'propose a reimbursement on this complaint');
  const complaint = inStatus(state, ['board-decided'], 'propose a reimbursement');
  const { basis, amountPence } = command;
  if (basis.schoolUrn !== complaint.schoolUrn || basis.serviceId !== complaint.serviceId) {
    throw ruleBroken(
      'BASIS_MISMATCH',
      `The ${basis.kind} ${basis.id} is not this school's ${complaint.serviceId ?? ''} ${basis.kind}`,
    );
  }
  const concerned =
    complaint.relatedContractId !== null
      ? { kind: 'contract' as const, id: complaint.relatedContractId }
      : complaint.relatedBookingId !== null
        ? { kind: 'booking' as const, id: complaint.relatedBookingId }
        : null;
  const binds =
    concerned !== null &&
    (context.serviceOfAgreement?.(concerned.kind, concerned.id) ?? complaint.serviceId) ===
      complaint.serviceId;
  if (concerned && binds && (concerned.kind !== basis.kind || concerned.id !== basis.id)) {
    throw ruleBroken(
      'BASIS_MISMATCH',
      `The complaint concerns ${concerned.kind} ${concerned.id}, not ${basis.kind} ${basis.id}`,
    );
  }
  if (!isPence(amountPence) || amountPence === 0) {
    throw ruleBroken('INVALID_AMOUNT', 'amountPence must be a whole number of pence, more than 0');
  }
  const remaining = basis.feesPaidPence - basis.reimbursedPence;
  if (amountPence > remaining) {
    throw ruleBroken(
      'REIMBURSEMENT_EXCEEDS_FEES',
      `${amountPence} pence is more than the ${remaining} pence left of the ${basis.kind}'s fees`,
      { leftPence: remaining },
    );
  }
  const schedulePercent = complaint.policy.reimbursementSchedule[complaint.board!.failureLevel!];
  const suggestedPence = percentOf(basis.feesPaidPence, schedulePercent);
  const overrideReason = command.overrideReason?.trim() || null;
  if (amountPence !== suggestedPence && !overrideReason) {
    throw ruleBroken(
      'OVERRIDE_REASON_REQUIRED',
      `The schedule suggests ${suggestedPence} pence (${schedulePercent}%); give overrideReason for a different sum`,
    );
  }
  const waiver = complaint.pendingWaiver;
  return [
    ...(waiver
      ? [
          {
            type: 'ReimbursementWaiverSetAside' as const,
            data: {
              proposedBy: waiver.proposedBy,
              reason: 'reimbursement-proposed' as const,
              by,
              at: command.at,
            },
          },
        ]
      : []),
    {
      type: 'ReimbursementProposed',
      data: {
        proposalId: command.proposalId,
        amountPence,
        suggestedPence,
        schedulePercent,
        basis: { kind: basis.kind, id: basis.id, feesPaidPence: basis.feesPaidPence },
        overrideReason,
        by,
        at: command.at,
      },
    },
    ...stopClock(complaint, 'reimbursement-proposal', command.at, by),
    startClock(context.calendar, complaint, 'reimbursement-approval', command.at, by),
  ];
}

/** The proposal a command names, which must be the one awaiting `what` (approval, payment). */
function currentProposal(
  complaint: OpenComplaint,
  proposalId: string,
  what: 'approval' | 'payment' = 'approval',
) {
  const proposal = complaint.proposal;
  if (!proposal || proposal.proposalId !== proposalId) {
    throw conflict('UNKNOWN_PROPOSAL', `Proposal ${proposalId} is not the one awaiting ${what}`);
  }
  return proposal;
}

/**
 * Why `member` may not approve `proposal` (its proposer, or one who has approved it), or null:
 * the decider's refusal, and why the pages do not offer it to them.
 */
export function approvalRefusal(
  proposal: ReimbursementProposal,
  member: Actor,
): DomainError | null {
  if (proposal.proposedBy === member.id)
    return conflict(
      'PROPOSER_CANNOT_APPROVE',
      'The member who proposed a reimbursement cannot approve it',
    );
  if (proposal.approvals.includes(member.id))
    return conflict('ALREADY_APPROVED', `${member.name} has already approved this reimbursement`);
  return null;
}

/** Why `member` may not decline `proposal` (its proposer alone), or null. */
export function declineRefusal(proposal: ReimbursementProposal, member: Actor): DomainError | null {
  // Withdrawing one's own proposal alone would let one member undo what the Board weighs together.
  return proposal.proposedBy === member.id
    ? conflict(
        'PROPOSER_CANNOT_DECLINE',
        'The member who proposed a reimbursement cannot decline it alone; another member may',
      )
    : null;
}

/**
 * Approval needs the policy's quorum of distinct Board members, none of them the proposer. The
 * approval that completes the quorum approves the reimbursement.
 */
export function approveReimbursement(
  command: CommandOf<'ApproveReimbursement'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'approve reimbursements', BOARD);
  requireNoConflict(existing(state), command.actor, 'approve a reimbursement on this complaint');
  const complaint = inStatus(state, ['reimbursement-proposed'], 'approve the reimbursement');
  const proposal = currentProposal(complaint, command.proposalId);
  const refused = approvalRefusal(proposal, command.actor);
  if (refused) throw refused;
  // Approving what can no longer be paid would only be refused at the last approval.
  const left = context.feesLeft;
  if (left !== undefined && proposal.amountPence > left)
    throw ruleBroken(
      'REIMBURSEMENT_EXCEEDS_FEES',
      `${proposal.amountPence} pence is more than the ${left} pence now left of the ${proposal.basis.kind}'s fees (another reimbursement was approved against them since)`,
      { leftPence: left },
    );
  const at = command.at;
  const given: ComplaintEvent = {
    type: 'ReimbursementApprovalGiven',
    data: { proposalId: proposal.proposalId, by, at },
  };
  const approvers = [...stillCounting(complaint, proposal.approvals, context.memberNow), by.id];
  if (approvers.length < complaint.policy.approvalQuorum) return [given];
  return [
    given,
    {
      type: 'ReimbursementApproved',
      data: {
        proposalId: proposal.proposalId,
        amountPence: proposal.amountPence,
        basis: proposal.basis,
        approvers,
        by,
        at,
      },
    },
    ...stopClock(complaint, 'reimbursement-approval', at, by),
    startClock(context.calendar, complaint, 'reimbursement-payment', at, by),
  ];
}

export function declineReimbursement(
  command: CommandOf<'DeclineReimbursement'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'decline reimbursements', BOARD);
  requireNoConflict(existing(state), command.actor, 'decline a reimbursement on this complaint');
  const complaint = inStatus(state, ['reimbursement-proposed'], 'decline the reimbursement');
  const proposal = currentProposal(complaint, command.proposalId);
  const refused = declineRefusal(proposal, command.actor);
  if (refused) throw refused;
  const reason = requireText(command.reason, 'reason');
  return [
    {
      type: 'ReimbursementDeclined',
      data: { proposalId: proposal.proposalId, reason, by, at: command.at },
    },
    ...stopClock(complaint, 'reimbursement-approval', command.at, by),
    startClock(context.calendar, complaint, 'reimbursement-proposal', command.at, by),
  ];
}

/**
 * Why `payer` may not record `proposal` as paid, or null: whoever authorised a payment (proposed or
 * approved it) does not also record it made, nor does anyone with an interest of their own in the
 * complaint; the decider's refusal, and why the pages do not offer it to them.
 */
export function paymentRefusal(
  complaint: OpenComplaint,
  proposal: ReimbursementProposal,
  payer: Actor,
): DomainError | null {
  if (proposal.proposedBy === payer.id || proposal.approvals.includes(payer.id))
    return new DomainError(
      'PAYER_AUTHORISED_IT',
      'forbidden',
      `${payer.name} may not record this payment: they ${proposal.proposedBy === payer.id ? 'proposed' : 'approved'} the reimbursement, and someone who did not authorise it records its payment`,
    );
  const conflicted = interestIn(complaint, payer);
  return conflicted
    ? new DomainError(
        'CONFLICT_OF_INTEREST',
        'forbidden',
        `${payer.name} may not record this payment: they ${conflicted}`,
      )
    : null;
}

export function recordReimbursementPaid(
  command: CommandOf<'RecordReimbursementPaid'>,
  state: ComplaintState,
  { calendar, paidUnderReference }: DecisionContext,
): ComplaintEvent[] {
  const by = actingAs(command.actor, 'record payments', { role: 'finance' });
  const complaint = inStatus(state, ['reimbursement-approved'], 'record the reimbursement as paid');
  const proposal = currentProposal(complaint, command.proposalId, 'payment');
  const refused = paymentRefusal(complaint, proposal, command.actor);
  if (refused) throw refused;
  const paymentReference = requireLine(command.paymentReference, 'paymentReference');
  // A reference typed again from the last payment would tell the ledger that one payment was two.
  const alsoOn = (paidUnderReference ?? []).filter(
    (reference) => reference !== complaint.reference,
  );
  if (alsoOn.length > 0 && command.sameReferenceConfirmed !== true) {
    throw ruleBroken(
      'PAYMENT_REFERENCE_USED',
      `paymentReference ${JSON.stringify(paymentReference)} is already recorded for the payment on ${alsoOn.join(', ')}: check it, or send sameReferenceConfirmed: true if this payment has it too`,
      { alsoOn: alsoOn.join(', ') },
    );
  }
  const at = command.at;
  const paidOn = command.paidOn;
  try {
    // The calendar reads the date with the working-days parser, which knows 31 February is none.
    calendar.isWorkingDay(paidOn);
  } catch (error) {
    if (error instanceof InvalidLocalDateError) {
      throw ruleBroken(
        'INVALID_DATE',
        `paidOn ${JSON.stringify(paidOn)} is not a date that exists, written YYYY-MM-DD`,
      );
    }
    // A real date beyond the calendar's years is judged by the checks below, like any other.
    if (!(error instanceof OutsideCalendarError)) throw error;
  }
  // Payments are dated by the council's day, in London: 00:30 on 3 June in London is 2 June in
  // UTC. No working days on from an instant is its own London day.
  const londonDayOf = (instant: string) => calendar.addWorkingDays(instant, 0).dueDate;
  const today = londonDayOf(at);
  if (paidOn > today) {
    throw ruleBroken(
      'PAYMENT_IN_FUTURE',
      `paidOn ${paidOn} is after today (${today}): a payment is recorded once it is made`,
    );
  }
  // Nothing is owed before the Board approves it (which is after the complaint was lodged).
  const approvedOn = londonDayOf(proposal.approvedAt ?? complaint.lodgedAt);
  if (paidOn < approvedOn) {
    throw ruleBroken(
      'PAYMENT_BEFORE_APPROVAL',
      `paidOn ${paidOn} is before the Board approved the reimbursement (${approvedOn})`,
      { approvedOn },
    );
  }
  return [
    {
      type: 'ReimbursementPaid',
      data: {
        proposalId: proposal.proposalId,
        amountPence: proposal.amountPence,
        method: command.method,
        paymentReference,
        paidOn,
        by,
        at,
      },
    },
    // Met if the school was paid by the due date, however late finance recorded it.
    ...stopClock(complaint, 'reimbursement-payment', at, by, paidOn),
    { type: 'ComplaintClosed', data: { outcome: 'upheld-and-reimbursed', by, at } },
  ];
}
