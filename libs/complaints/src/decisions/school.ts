import { type ActedBy } from '../actor';
import { type CommandOf } from '../commands';
import { type ComplaintEvent, type EventOf } from '../events';
import { type ComplaintState, type OpenComplaint } from '../state';
import { isBefore, restartClock, startClock, stopAllClocks, stopClock } from '../clocks';
import {
  actingAs,
  type DecisionContext,
  inStatus,
  NOT_CLOSED,
  requireText,
  consentIfForTheSchool,
  sinceLodged,
  staffOf,
} from './support';

/**
 * The school answers for itself; Business Support may record an answer the school gave by phone,
 * with the school's consent.
 */
export const forTheSchool = (complaint: OpenComplaint) =>
  [staffOf(complaint), { role: 'business-support' as const }] as const;

export function confirmResolution(
  command: CommandOf<'ConfirmResolution'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['resolution-proposed'], 'confirm the resolution');
  const by = actingAs(
    command.actor,
    'confirm the resolution of this complaint',
    ...forTheSchool(complaint),
  );
  const consent = consentIfForTheSchool(by, command, 'Confirming for the school', {
    at: complaint.resolutionProposedAt ?? complaint.lodgedAt,
    what: 'the resolution was proposed',
    code: 'CONSENT_BEFORE_PROPOSAL',
  });
  const at = command.at;
  return [
    { type: 'ResolutionConfirmed', data: { deemed: false, consent, by, at } },
    ...stopAllClocks(complaint, at, by),
    { type: 'ComplaintClosed', data: { outcome: 'resolved', by, at } },
  ];
}

/**
 * A dispute reopens the complaint with the service while its original deadline still stands, and
 * sends it to the Board once that deadline has passed.
 */
export function disputeResolution(
  command: CommandOf<'DisputeResolution'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['resolution-proposed'], 'dispute the resolution');
  const by = actingAs(
    command.actor,
    'dispute the resolution of this complaint',
    ...forTheSchool(complaint),
  );
  const reason = requireText(command.reason, 'reason');
  const at = command.at;
  return [
    {
      type: 'ResolutionDisputed',
      data: { reason, ...(command.unclear ? { unclear: true as const } : {}), by, at },
    },
    ...stopClock(complaint, 'school-confirmation', at, by),
    ...backToTheService(complaint, at, by, context, { unclearAnswer: command.unclear === true }),
  ];
}

/**
 * A proposed resolution the school did not accept: the complaint goes back to the service while
 * its original deadline still stands, and to the Board once that deadline has passed.
 */
export function backToTheService(
  complaint: OpenComplaint,
  at: string,
  by: ActedBy,
  context: DecisionContext,
  {
    lateReason = 'resolution-disputed-after-deadline',
    unclearAnswer = false,
  }: {
    /** Why, if it goes to the Board: the school's dispute, unless it never heard of the proposal. */
    readonly lateReason?: EventOf<'ComplaintEscalated'>['data']['reason'];
    /** The school's reply said neither that it resolves the complaint nor that it does not. */
    readonly unclearAnswer?: boolean;
  } = {},
): ComplaintEvent[] {
  const resolution = complaint.clocks.resolution!;
  if (isBefore(at, resolution.timing.deadline)) {
    return [
      { type: 'ComplaintReopened', data: { by, at } },
      restartClock(complaint, 'resolution', at, by),
    ];
  }
  return [
    {
      type: 'ComplaintEscalated',
      data: {
        reason: lateReason,
        ...(unclearAnswer ? { unclearAnswer: true as const } : {}),
        by,
        at,
      },
    },
    startClock(context.calendar, complaint, 'board-decision', at, by),
  ];
}

export function withdrawComplaint(
  command: CommandOf<'WithdrawComplaint'>,
  state: ComplaintState,
): ComplaintEvent[] {
  // Once the Board has approved a payment the council owes it, so the complaint runs to payment.
  const complaint = inStatus(
    state,
    NOT_CLOSED.filter((status) => status !== 'reimbursement-approved'),
    'withdraw this complaint',
  );
  const by = actingAs(command.actor, 'withdraw this complaint', ...forTheSchool(complaint));
  const reason = requireText(command.reason, 'reason');
  const consent = consentIfForTheSchool(
    by,
    command,
    'Withdrawing for the school',
    sinceLodged(complaint),
  );
  const at = command.at;
  return [
    { type: 'ComplaintWithdrawn', data: { reason, consent, by, at } },
    ...stopAllClocks(complaint, at, by),
    { type: 'ComplaintClosed', data: { outcome: 'withdrawn', by, at } },
  ];
}
