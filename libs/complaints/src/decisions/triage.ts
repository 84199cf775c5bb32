import { type ActedBy, managesService } from '../actor';
import { type CommandOf } from '../commands';
import { conflict, ruleBroken } from '../errors';
import { type ClosureOutcome, type ComplaintEvent } from '../events';
import { lodgedBefore } from '../reference';
import { type ComplaintState, WITH_THE_SERVICE } from '../state';
import { startClock, stopAllClocks } from '../clocks';
import { actingAs, type DecisionContext, existing, inStatus, requireText } from './support';

const BUSINESS_SUPPORT = { role: 'business-support' } as const;

/** Passing the complaint to the service stops the triage clock and starts the service guarantee. */
export function referComplaint(
  command: CommandOf<'ReferComplaint'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['lodged'], 'refer this complaint');
  const by = actingAs(command.actor, 'refer complaints', BUSINESS_SUPPORT);
  const serviceId = command.serviceId ?? complaint.serviceId;
  if (!serviceId)
    throw ruleBroken(
      'SERVICE_REQUIRED',
      'serviceId is required: the complaint names no service yet',
    );
  // A contract of another service could never be the basis of this service's reimbursement.
  for (const [kind, id] of [
    ['contract', complaint.relatedContractId],
    ['booking', complaint.relatedBookingId],
  ] as const) {
    const itsService = id ? (context.serviceOfAgreement?.(kind, id) ?? null) : null;
    if (itsService !== null && itsService !== serviceId)
      throw ruleBroken(
        'AGREEMENT_OF_ANOTHER_SERVICE',
        `The school named ${kind} ${id}, which is with ${itsService}: refer the complaint to ${itsService}, or reroute it to ${serviceId} first (naming the school’s contract or booking with ${serviceId}, if any)`,
      );
  }
  const at = command.at;
  return [
    { type: 'ComplaintReferred', data: { serviceId, note: command.note, by, at } },
    ...stopAllClocks(complaint, at, by),
    startClock(context.calendar, complaint, 'resolution', at, by),
  ];
}

/**
 * Moves the complaint to another service; once referred, the guarantee's clock runs on. A
 * contract or booking of the old service cannot be the basis of a reimbursement by the new one,
 * so the complaint now concerns what the reroute names for the new service, or nothing yet.
 */
export function rerouteComplaint(
  command: CommandOf<'RerouteComplaint'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['lodged', ...WITH_THE_SERVICE], 'reroute this complaint');
  const by = actingAs(command.actor, 'reroute complaints', BUSINESS_SUPPORT);
  const reason = requireText(command.reason, 'reason');
  if (command.toServiceId === complaint.serviceId) {
    throw ruleBroken('SAME_SERVICE', `The complaint is already with ${command.toServiceId}`);
  }
  return [
    {
      type: 'ComplaintRerouted',
      data: {
        fromServiceId: complaint.serviceId,
        toServiceId: command.toServiceId,
        reason,
        related: {
          contractId: command.relatedContractId,
          bookingId: command.relatedBookingId,
        },
        by,
        at: command.at,
      },
    },
  ];
}

/**
 * The service holding a complaint says it is another service's: Business Support, who alone
 * moves complaints, is asked to, with why. Its clock runs on meanwhile (a reroute keeps it), so
 * the service asks at once rather than working to a deadline it thinks is not its own.
 */
export function askToReroute(
  command: CommandOf<'AskToReroute'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(state, WITH_THE_SERVICE, 'ask for this complaint to be moved');
  const by = actingAs(command.actor, 'ask for this complaint to be moved', {
    role: 'service-manager',
    when: (actor) => managesService(actor, complaint.serviceId),
  });
  const reason = requireText(command.reason, 'reason');
  if (complaint.rerouteAsked) {
    throw conflict(
      'REROUTE_ALREADY_ASKED',
      'Business Support has already been asked to move this complaint',
    );
  }
  return [{ type: 'RerouteAsked', data: { reason, by, at: command.at } }];
}

/** Business Support, asked to move a complaint, keeps it with the service and says why. */
export function keepWithService(
  command: CommandOf<'KeepWithService'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = inStatus(state, WITH_THE_SERVICE, 'keep this complaint with the service');
  const by = actingAs(command.actor, 'keep complaints with a service', BUSINESS_SUPPORT);
  const reason = requireText(command.reason, 'reason');
  if (!complaint.rerouteAsked) {
    throw conflict('REROUTE_NOT_ASKED', 'Nobody has asked for this complaint to be moved');
  }
  return [{ type: 'RerouteDeclined', data: { reason, by, at: command.at } }];
}

/** Triage can close a complaint before it reaches a service; every clock stops with it. */
function closeAtTriage(
  command: { readonly actor: CommandOf<'RejectAsOutOfScope'>['actor']; readonly at: string },
  state: ComplaintState,
  action: string,
  outcome: ClosureOutcome,
  fact: (by: ActedBy) => ComplaintEvent,
): ComplaintEvent[] {
  const complaint = inStatus(state, ['lodged'], action);
  const by = actingAs(command.actor, action, BUSINESS_SUPPORT);
  const at = command.at;
  return [
    fact(by),
    ...stopAllClocks(complaint, at, by),
    { type: 'ComplaintClosed', data: { outcome, by, at } },
  ];
}

export function reclassifyAsServiceRequest(
  command: CommandOf<'ReclassifyAsServiceRequest'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const reason = requireText(command.reason, 'reason');
  return closeAtTriage(
    command,
    state,
    'reclassify this complaint',
    'reclassified-as-service-request',
    (by) => ({
      type: 'ComplaintReclassified',
      data: { reason, by, at: command.at },
    }),
  );
}

export function rejectAsOutOfScope(
  command: CommandOf<'RejectAsOutOfScope'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const reason = requireText(command.reason, 'reason');
  return closeAtTriage(command, state, 'reject this complaint', 'rejected-out-of-scope', (by) => ({
    type: 'ComplaintRejected',
    data: { reason, by, at: command.at },
  }));
}

/**
 * Closes the complaint as repeating an earlier one of the same school's, which carries on: the
 * school is told which, so the one it names must exist and be the school's own.
 */
export function markAsDuplicate(
  command: CommandOf<'MarkAsDuplicate'>,
  state: ComplaintState,
  context: DecisionContext,
): ComplaintEvent[] {
  const named = requireText(command.duplicateOf, 'duplicateOf');
  return closeAtTriage(command, state, 'mark this complaint as a duplicate', 'duplicate', (by) => {
    const complaint = existing(state);
    const original = context.complaintNamed?.(named) ?? null;
    if (!original) {
      throw ruleBroken('DUPLICATE_OF_UNKNOWN', `There is no complaint ${named}`);
    }
    if (original.complaintId === complaint.complaintId) {
      throw ruleBroken('DUPLICATE_OF_ITSELF', 'A complaint cannot be a duplicate of itself');
    }
    if (original.schoolUrn !== complaint.schoolUrn) {
      throw ruleBroken(
        'DUPLICATE_OF_ANOTHER_SCHOOL',
        `${original.reference} is another school’s complaint: a duplicate repeats one of the same school’s`,
      );
    }
    // Else two complaints could each close as the other's duplicate, and the school's be lost.
    if (original.closedAs === 'duplicate') {
      throw ruleBroken(
        'DUPLICATE_OF_DUPLICATE',
        `${original.reference} is itself closed as a duplicate: name the complaint it repeats`,
      );
    }
    // A duplicate is closed because its original carries on; a closed one carries nothing on, and
    // the school writing again about the same thing has a complaint of its own.
    if (original.closedAs) {
      throw ruleBroken(
        'DUPLICATE_OF_CLOSED',
        `${original.reference} is closed, so it cannot carry this complaint on: refer this one to its service, or reject it if it is not a complaint about a service`,
      );
    }
    // Of two complaints both waiting for triage, the first lodged stands: two officers closing
    // each as the other's at the same moment cannot both pass, as the check above (which reads
    // the other before either is stored) can. One already past triage can never be closed as a
    // duplicate, so this one may repeat it whenever it was lodged.
    if (
      original.awaitingTriage !== false &&
      lodgedBefore(complaint.reference, original.reference)
    ) {
      throw ruleBroken(
        'DUPLICATE_OF_LATER',
        `${original.reference} was lodged after ${complaint.reference} and is waiting for triage too: close ${original.reference} as the duplicate of this one instead`,
      );
    }
    return {
      type: 'ComplaintMarkedDuplicate',
      data: { duplicateOf: original.reference, reason: command.reason, by, at: command.at },
    };
  });
}
