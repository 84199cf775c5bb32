import {
  type Actor,
  forbidden,
  hasRole,
  isSchoolStaffOf,
  managesService,
  notFound,
  type ComplaintState,
  type OpenComplaint,
} from '@sg/complaints';

/** Who may read a complaint: the school's own staff, and council staff with a part in it. */
export function readableBy(actor: Actor, state: ComplaintState): OpenComplaint {
  if (!state.exists) throw notFound('COMPLAINT_NOT_FOUND', 'There is no such complaint');
  const allowed =
    isSchoolStaffOf(actor, state.schoolUrn) ||
    managesService(actor, state.serviceId) ||
    ['business-support', 'board-member', 'finance', 'admin'].some((role) =>
      hasRole(actor, role as never),
    );
  if (!allowed) throw forbidden(`${actor.name} may not see this complaint`);
  return state;
}

/** Anyone but the school's own staff reads as the council (sees internal notes). */
export const readsAsCouncil = (actor: Actor, complaint: OpenComplaint) =>
  !isSchoolStaffOf(actor, complaint.schoolUrn) ||
  actor.roles.some((grant) => grant.role !== 'school-staff');

export function complaintView(complaint: OpenComplaint, version: bigint) {
  return {
    id: complaint.complaintId,
    reference: complaint.reference,
    status: complaint.status,
    channel: complaint.channel,
    schoolUrn: complaint.schoolUrn,
    serviceId: complaint.serviceId,
    summary: complaint.summary,
    standards: complaint.standards,
    contact: complaint.contact,
    relatedContractId: complaint.relatedContractId,
    relatedBookingId: complaint.relatedBookingId,
    policyVersion: complaint.policy.version,
    lodgedAt: complaint.lodgedAt,
    referredAt: complaint.referredAt,
    firstContactAt: complaint.firstContactAt,
    clocks: Object.fromEntries(
      Object.values(complaint.clocks).map((clock) => [
        clock.kind,
        {
          status: clock.status,
          dueDate: clock.status === 'paused' ? null : clock.timing.dueDate,
          deadline: clock.status === 'paused' ? null : clock.timing.deadline,
          warningAt: clock.status === 'paused' ? null : clock.timing.warningAt,
          remainingWorkingDays: clock.remainingWorkingDays,
          extendedBy: clock.extendedBy,
          warned: clock.warned,
          missed: clock.missed,
          metDeadline: clock.metDeadline,
          revision: clock.timing.revision,
        },
      ]),
    ),
    board: complaint.board,
    reimbursement: complaint.proposal,
    reimbursedPence: complaint.reimbursedPence,
    closure: complaint.closure,
    version: Number(version),
  };
}

export type ComplaintView = ReturnType<typeof complaintView>;
