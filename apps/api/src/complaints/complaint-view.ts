import {
  complaintEventFrom,
  eventsGivenTo,
  isBoardWorkingClock,
  statusAsTheSchoolReadsIt,
  type Actor,
  FAILURE_LEVELS,
  type FailureLevel,
  type OpenComplaint,
  type Pence,
  percentOf,
  readsAsCouncil,
} from '@sg/complaints';
import { type Directory, type FeeLedger } from '@sg/directory';
import { type RecordedEvent } from '@sg/event-store';
import { type ComplaintQueries, type ProposalAwaitingApproval } from '@sg/read-models';

/**
 * The complaint as its school reads it. The Board's reimbursement working (a proposal, who
 * proposed and approved it, the Board's own clocks for it, a declined or lapsed one) is the
 * Board's: the school reads that the Board decided, then the reimbursement once it is approved,
 * as it is then told by mail.
 */
export function asTheSchoolReadsIt(complaint: OpenComplaint): OpenComplaint {
  const proposal = complaint.proposal;
  return {
    ...complaint,
    status: statusAsTheSchoolReadsIt(complaint.status),
    clocks: Object.fromEntries(
      Object.entries(complaint.clocks).filter(([kind]) => !isBoardWorkingClock(kind)),
    ),
    proposal:
      proposal && (proposal.status === 'approved' || proposal.status === 'paid')
        ? { ...proposal, proposedBy: '', approvals: [], approvedBy: [] }
        : null,
    pendingDecision: null,
    pendingWaiver: null,
    recused: [],
    rerouteAsked: null,
  };
}

/** What the school is shown of a reimbursement: its sum and standing, once approved. */
function reimbursementForTheSchool(proposal: OpenComplaint['proposal']) {
  if (!proposal) return null;
  const { status, amountPence, approvedAt } = proposal;
  return { status, amountPence, approvedAt };
}

/**
 * The version of a complaint `reader` is given, as its ETag and on its pages' forms (see
 * `eventsGivenTo`). Only a school's reading looks into what the events say, as upcast: the
 * council's counts them as stored.
 */
export const versionFor = (
  reader: Actor,
  complaint: OpenComplaint,
  history: readonly RecordedEvent[],
): bigint => {
  const asStored: readonly Pick<RecordedEvent, 'type' | 'data' | 'revision'>[] = history;
  const events = readsAsCouncil(reader, complaint.schoolUrn)
    ? asStored
    : history.map((recorded) => ({ ...complaintEventFrom(recorded), revision: recorded.revision }));
  return eventsGivenTo(reader, complaint, events).at(-1)?.revision ?? -1n;
};

/** The complaint as `reader` may see it. */
export function complaintView(whole: OpenComplaint, version: bigint, reader: Actor) {
  const council = readsAsCouncil(reader, whole.schoolUrn);
  const complaint = council ? whole : asTheSchoolReadsIt(whole);
  return {
    id: complaint.complaintId,
    reference: complaint.reference,
    status: complaint.status,
    channel: complaint.channel,
    schoolUrn: complaint.schoolUrn,
    serviceId: complaint.serviceId,
    summary: complaint.summary,
    desiredOutcome: complaint.desiredOutcome,
    standards: complaint.standards,
    contact: complaint.contact,
    relatedContractId: complaint.relatedContractId,
    relatedBookingId: complaint.relatedBookingId,
    policyVersion: complaint.policy.version,
    lodgedAt: complaint.lodgedAt,
    loggedAt: complaint.loggedAt,
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
    // What the Board has put and not yet settled, and who backs it, as its page shows the council.
    pendingDecision: council ? complaint.pendingDecision : null,
    pendingWaiver: council ? complaint.pendingWaiver : null,
    reimbursement: council ? complaint.proposal : reimbursementForTheSchool(complaint.proposal),
    reimbursedPence: complaint.reimbursedPence,
    closure: complaint.closure,
    attachments: complaint.attachments.map((attachment) => ({
      id: attachment.attachmentId,
      name: attachment.name,
      sizeBytes: attachment.sizeBytes,
      mediaType: attachment.mediaType,
      addedBy: attachment.addedBy,
      addedAt: attachment.addedAt,
      href: `/api/complaints/${complaint.complaintId}/attachments/${encodeURIComponent(attachment.attachmentId)}`,
    })),
    version: Number(version),
  };
}

export type ComplaintView = ReturnType<typeof complaintView>;

/** One contract or booking a reimbursement for the complaint could be set against, and its money. */
export interface BasisAgreementView {
  readonly kind: 'contract' | 'booking';
  readonly id: string;
  readonly serviceId: string;
  readonly description: string;
  readonly feesPaidPence: Pence;
  /** Reserved or spent for other complaints' reimbursements. */
  readonly committedOnOtherComplaintsPence: Pence;
  /** Reserved or spent for this complaint's own reimbursement. */
  readonly committedOnThisComplaintPence: Pence;
  /** What a proposal may still take: fees paid less everything committed. */
  readonly remainingPence: Pence;
  /**
   * Proposed against it on other complaints and awaiting approval: not committed until approved,
   * but the first of those approvals will take it from what remains.
   */
  readonly awaitingApprovalOnOtherComplaintsPence: Pence;
  /** Whether it is for the service the complaint is with now; null while it is with none. */
  readonly matchesService: boolean | null;
  /** The sum the complaint's own policy schedule suggests at each failure level, as a proposal works it out. */
  readonly suggestedPenceByFailureLevel: Readonly<Record<FailureLevel, Pence>>;
}

/** What a Board member needs to propose a reimbursement without guessing. */
export interface BasisView {
  /** The contract or booking the complaint names; null when it names none. */
  readonly concerns: { readonly kind: 'contract' | 'booking'; readonly id: string } | null;
  /**
   * The one it names; or, when it names none, the candidates: the school's contracts and
   * bookings for the service the complaint is with now (none while it is with no service).
   */
  readonly agreements: readonly BasisAgreementView[];
  /** More candidates than are listed here: the school's list has them all. */
  readonly moreCandidates: boolean;
  /** The failure level the Board decided, once it has. */
  readonly failureLevel: FailureLevel | null;
  /** The complaint's policy schedule: the percentage of the fees suggested at each level. */
  readonly schedulePercentByFailureLevel: Readonly<Record<FailureLevel, number>>;
}

/** Candidates shown in a complaint's view at most; realistically a school has a few per service. */
const MAX_CANDIDATES = 20;

export function basisAgreementView(
  complaint: OpenComplaint,
  ledger: FeeLedger,
  awaitingApproval: readonly ProposalAwaitingApproval[] = [],
): BasisAgreementView {
  const { agreement } = ledger;
  let thisComplaint = 0;
  for (const entry of ledger.entries.values())
    if (entry.complaintId === complaint.complaintId) thisComplaint += entry.amountPence;
  const schedule = complaint.policy.reimbursementSchedule;
  return {
    kind: agreement.kind,
    id: agreement.id,
    serviceId: agreement.serviceId,
    description: agreement.description,
    feesPaidPence: agreement.feesPaidPence,
    committedOnOtherComplaintsPence: ledger.committedPence - thisComplaint,
    committedOnThisComplaintPence: thisComplaint,
    remainingPence: agreement.feesPaidPence - ledger.committedPence,
    awaitingApprovalOnOtherComplaintsPence: awaitingApproval
      .filter(
        (proposal) =>
          proposal.complaintId !== complaint.complaintId &&
          proposal.basis.kind === agreement.kind &&
          proposal.basis.id === agreement.id,
      )
      .reduce((sum, proposal) => sum + proposal.amountPence, 0),
    matchesService:
      complaint.serviceId === null ? null : agreement.serviceId === complaint.serviceId,
    suggestedPenceByFailureLevel: Object.fromEntries(
      FAILURE_LEVELS.map((level) => [level, percentOf(agreement.feesPaidPence, schedule[level])]),
    ) as Record<FailureLevel, Pence>,
  };
}

/**
 * The complaint's basis for a reimbursement. Which contracts and bookings are candidates comes
 * from the read model's index; each one's money from its own ledger in the store, which is what a
 * proposal and an approval are checked against, so what the view says remains is what they find.
 */
export async function basisOf(
  complaint: OpenComplaint,
  directory: Directory,
  queries: Pick<ComplaintQueries, 'feeAgreements' | 'proposalsAwaitingApproval'>,
): Promise<BasisView> {
  const feeAgreements = queries.feeAgreements;
  const contractId = complaint.relatedContractId ?? null;
  const bookingId = complaint.relatedBookingId ?? null;
  const concerns =
    contractId !== null
      ? { kind: 'contract' as const, id: contractId }
      : bookingId !== null
        ? { kind: 'booking' as const, id: bookingId }
        : null;
  let refs: { kind: 'contract' | 'booking'; id: string }[] = concerns ? [concerns] : [];
  let moreCandidates = false;
  if (!concerns && complaint.serviceId !== null) {
    const candidates = feeAgreements.ofSchool(
      complaint.schoolUrn,
      { all: true },
      { serviceId: complaint.serviceId },
      { limit: MAX_CANDIDATES },
    );
    refs = candidates.items;
    moreCandidates = candidates.nextCursor !== null;
  }
  const ledgers = await Promise.all(refs.map((ref) => directory.feeLedger(ref.kind, ref.id)));
  const awaiting = refs.length > 0 ? await queries.proposalsAwaitingApproval() : [];
  return {
    concerns,
    agreements: ledgers.flatMap((ledger) =>
      ledger ? [basisAgreementView(complaint, ledger, awaiting)] : [],
    ),
    moreCandidates,
    failureLevel: complaint.board?.failureLevel ?? null,
    schedulePercentByFailureLevel: complaint.policy.reimbursementSchedule,
  };
}
