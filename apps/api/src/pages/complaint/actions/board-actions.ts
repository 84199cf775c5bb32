import {
  type ComplaintEvent,
  type ComplaintEventType,
  type ComplaintStatus,
  FAILURE_LEVELS,
  type Actor,
  approvalRefusal,
  waiverRefusal,
  type DomainError,
  declineRefusal,
  type OpenComplaint,
  type ReimbursementProposal,
} from '@sg/complaints';
import { refusalText } from '../../core/refusal-wording';
import { basisOf } from '../../../complaints/complaint-view';
import { optionalTextField, textField } from '../../core/page-form';
import { type ActionLookups, type PageAction } from '../page-action';

/** The decider's refusal of `actor` acting on the proposal awaiting approval, as the page words it. */
function refusalOf(
  refusal: (proposal: ReimbursementProposal, member: Actor) => DomainError | null,
  complaint: OpenComplaint,
  actor: Actor,
): string | null {
  return refusalText(complaint.proposal && refusal(complaint.proposal, actor));
}

/**
 * What a member is told of what they put under a quorum of more than one: `done` once it is
 * settled; until then, that they put it first, or that their support awaits more members.
 */
const underQuorum =
  (words: {
    readonly settled: ComplaintEventType;
    readonly put: ComplaintEventType;
    readonly putSays: string;
    readonly supportSays: string;
  }) =>
  (recorded: readonly ComplaintEvent[]): string | null =>
    recorded.some((event) => event.type === words.settled)
      ? null
      : recorded.some((event) => event.type === words.put)
        ? words.putSays
        : words.supportSays;

/** While the Board has the complaint, a member may stand aside from it (governance.ts). */
const WITH_THE_BOARD: readonly ComplaintStatus[] = [
  'escalated',
  'board-decided',
  'reimbursement-proposed',
  'reimbursement-approved',
];

/** Up to a billion pounds in pence: within a JavaScript number's whole numbers. */
const POUNDS = /^£?(\d{1,3}(?:,\d{3}){1,3}|\d{1,12})(?:\.(\d{1,2}))?$/;

/**
 * A sum typed in pounds, "£1,234.56", "1234.5" (£1,234.50) or "1234", as whole pence, as GOV.UK
 * asks a money field to take it. What is not a sum in pounds and pence passes through as typed,
 * so the API's DTO refuses it as it would any body whose amountPence is not a whole number, and
 * the page says what to enter.
 */
export function penceFromPounds(typed: string): number | string {
  const match = POUNDS.exec(typed.trim());
  if (!match) return typed.trim();
  return Number(match[1].replace(/,/g, '')) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

/** The radio answering which contract or booking: "contract:C202526-119300-schools-hr". */
function basisFields(choice: string): { basisKind: string; basisId: string } {
  const at = choice.indexOf(':');
  // Unanswered: the one radio is both fields, so one error, on basisKind, says what to do.
  if (at < 0) return { basisKind: '', basisId: 'unanswered' };
  return { basisKind: choice.slice(0, at), basisId: choice.slice(at + 1) };
}

/** The basis the complaint page shows, for the forms that weigh a sum against it. */
const withBasis = async (complaint: OpenComplaint, lookups: ActionLookups) => ({
  basis: await basisOf(complaint, lookups.directory, lookups.complaints),
  failureLevels: FAILURE_LEVELS,
});

const proposalIdOf = (complaint: OpenComplaint) => complaint.proposal?.proposalId ?? '';

/**
 * The Board's actions on an escalated complaint: decide, then propose a reimbursement (or close
 * without one), which other members approve or decline; and standing aside. The statuses follow
 * where board.ts and governance.ts allow each; the domain still decides, member by member.
 */
export const BOARD_ACTIONS: readonly PageAction[] = [
  {
    name: 'decide',
    label: 'Record the Board’s decision',
    title: 'Record the Board’s decision',
    view: 'decide.njk',
    offeredIn: ['escalated'],
    toBody: (form) => {
      const outcome = textField(form, 'outcome');
      return {
        outcome,
        // A radio once chosen cannot be cleared: the level is the upheld answers' question only.
        failureLevel:
          outcome === 'not-upheld' ? undefined : optionalTextField(form, 'failureLevel'),
        rationale: textField(form, 'rationale'),
      };
    },
    messages: {
      outcome: { empty: 'Select whether the Board upholds the complaint' },
      failureLevel: { empty: 'Select how serious the failure was' },
      rationale: {
        empty: 'Enter the Board’s reasons for its decision',
        invalid: 'The Board’s reasons must be 10,000 characters or fewer',
      },
    },
    done: 'Your decision has been recorded',
    doneAs: underQuorum({
      settled: 'BoardDecisionRecorded',
      put: 'BoardDecisionProposed',
      putSays:
        'Your decision has been put to the Board: it is recorded once enough members support it',
      supportSays: 'Your support has been recorded: the decision needs the support of more members',
    }),
    lookups: withBasis,
    // A decision awaiting support is offered as it stands, so the next member can support it.
    initial: (complaint) =>
      complaint.pendingDecision
        ? {
            outcome: complaint.pendingDecision.outcome,
            failureLevel: complaint.pendingDecision.failureLevel ?? undefined,
            rationale: complaint.pendingDecision.rationale,
          }
        : {},
  },
  {
    name: 'proposeReimbursement',
    label: 'Propose a reimbursement',
    title: 'Propose a reimbursement',
    view: 'propose-reimbursement.njk',
    offeredIn: ['board-decided'],
    toBody: (form) => ({
      ...basisFields(textField(form, 'basis')),
      amountPence: penceFromPounds(textField(form, 'amountPence')),
      overrideReason: optionalTextField(form, 'overrideReason'),
    }),
    messages: {
      basisKind: { empty: 'Select the contract or booking the reimbursement is against' },
      amountPence: {
        empty: 'Enter the amount to reimburse',
        invalid: 'Enter the amount in pounds and pence, like £1,234.56, more than £0',
      },
      overrideReason: {
        empty: 'Enter why the amount differs from the suggested sum',
        invalid: 'Why the amount differs must be 2,000 characters or fewer',
      },
    },
    done: 'Reimbursement proposed',
    lookups: withBasis,
  },
  {
    name: 'closeWithoutReimbursement',
    label: 'Close without a reimbursement',
    title: 'Close without a reimbursement',
    view: 'close-without-reimbursement.njk',
    offeredIn: ['board-decided'],
    notOfferedBecause: (complaint, actor) => refusalText(waiverRefusal(complaint, actor)),
    toBody: (form) => ({ reason: textField(form, 'reason') }),
    messages: {
      reason: {
        empty: 'Enter why the school is not reimbursed',
        invalid: 'Why the school is not reimbursed must be 2,000 characters or fewer',
      },
    },
    done: 'Complaint closed without a reimbursement',
    // Closing it is a decision too, which members support.
    doneAs: underQuorum({
      settled: 'ReimbursementWaived',
      put: 'ReimbursementWaiverProposed',
      putSays:
        'You have proposed closing it without a reimbursement: it is closed once enough members support it',
      supportSays:
        'Your support has been recorded: closing it without a reimbursement needs the support of more members',
    }),
  },
  {
    name: 'approve',
    label: 'Approve the reimbursement',
    title: 'Approve the reimbursement',
    view: 'approve.njk',
    offeredIn: ['reimbursement-proposed'],
    notOfferedBecause: (complaint, actor) => refusalOf(approvalRefusal, complaint, actor),
    // The proposal the member read: one declined and proposed again since is not theirs to approve.
    standsWhateverChanged: true,
    toBody: (form) => ({ proposalId: textField(form, 'proposalId') }),
    // What is left of the fees it is set against, so a member sees before approving what the
    // ledger would refuse.
    lookups: async (complaint, lookups) => {
      const proposal = complaint.proposal;
      const { basis } = await withBasis(complaint, lookups);
      const agreement = proposal
        ? basis.agreements.find(
            (each) => each.kind === proposal.basis.kind && each.id === proposal.basis.id,
          )
        : undefined;
      return {
        setAgainst: agreement
          ? {
              ...agreement,
              leftForThisPence: agreement.feesPaidPence - agreement.committedOnOtherComplaintsPence,
            }
          : null,
      };
    },
    done: 'Your approval has been recorded',
  },
  {
    name: 'decline',
    label: 'Decline the reimbursement',
    title: 'Decline the reimbursement',
    view: 'decline.njk',
    offeredIn: ['reimbursement-proposed'],
    notOfferedBecause: (complaint, actor) => refusalOf(declineRefusal, complaint, actor),
    toBody: (form, complaint) => ({
      proposalId: proposalIdOf(complaint),
      reason: textField(form, 'reason'),
    }),
    messages: {
      reason: {
        empty: 'Enter why you decline the reimbursement',
        invalid: 'Why you decline must be 2,000 characters or fewer',
      },
    },
    done: 'Reimbursement declined',
  },
  {
    name: 'declareConflict',
    label: 'Declare a conflict of interest',
    title: 'Declare a conflict of interest',
    view: 'declare-conflict.njk',
    offeredIn: WITH_THE_BOARD,
    toBody: (form) => ({ reason: textField(form, 'reason') }),
    messages: {
      reason: {
        empty: 'Enter why you stand aside from this complaint',
        invalid: 'Why you stand aside must be 2,000 characters or fewer',
      },
    },
    done: 'You have stood aside from this complaint',
  },
];
