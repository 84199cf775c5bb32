import { type ClockKind, type OpenComplaint } from '@sg/complaints';
import { calendarDate, formatPounds, londonDateTime } from '@sg/web';

const REIMBURSABLE =
  'If it does not, your complaint goes to the Board, which can decide to reimburse some of your fees.';

/** The date a running clock is due, in words; null while it is not running. */
function dueOf(complaint: OpenComplaint, kind: ClockKind): string | null {
  const clock = complaint.clocks[kind];
  return clock?.status === 'running' ? calendarDate(clock.timing.dueDate) : null;
}

/** Whether the council missed the running clock's deadline (its own, not the school's). */
const late = (complaint: OpenComplaint, kind: ClockKind): boolean =>
  complaint.clocks[kind]?.status === 'running' && complaint.clocks[kind]?.missed === true;

/**
 * What the school's page says happens next, and by when: what the mail it was sent says, for a
 * school that looks at its page rather than its inbox. `complaint` is the complaint as the council
 * holds it (the Board's aim to settle a sum is told to the school, its working is not); the mail
 * with a proposed resolution goes at `proposalMailGoesAt` when it is still to go.
 */
export function whatHappensNextForTheSchool(
  complaint: OpenComplaint,
  serviceName: string | null,
  proposalMailGoesAt: string | null,
): string[] {
  switch (complaint.status) {
    case 'lodged': {
      const due = dueOf(complaint, 'triage');
      if (due && late(complaint, 'triage'))
        return [
          `Business Support should have passed your complaint to the service concerned by ${due}. It is late: we have told them, and we are sorry for the delay.`,
          `The service will then have ${complaint.policy.resolutionTargetWorkingDays} working days to resolve it. ${REIMBURSABLE}`,
        ];
      return due
        ? [
            `Business Support will pass your complaint to the service concerned by ${due}.`,
            `The service then has ${complaint.policy.resolutionTargetWorkingDays} working days to resolve it. ${REIMBURSABLE}`,
          ]
        : [];
    }
    case 'with-service': {
      const due = dueOf(complaint, 'resolution');
      return due
        ? [`${serviceName ?? 'The service'} must resolve it by ${due}. ${REIMBURSABLE}`]
        : [];
    }
    case 'awaiting-school': {
      const due = dueOf(complaint, 'school-reply');
      return due
        ? [
            `The service has asked you the question below. Please answer by ${due}: use ‘Answer the service’s question’ on this page, or reply to our email.`,
            'The service’s deadline is paused until you answer. If we do not hear from you by then, the service will carry on without your answer.',
          ]
        : [];
    }
    case 'resolution-proposed': {
      const due = dueOf(complaint, 'school-confirmation');
      if (!due) return [];
      const asked =
        'The service proposes to resolve your complaint as set out below. Please tell us whether it does, on this page or by replying to our email.';
      const mailed = proposalMailGoesAt
        ? `We will email you the proposal on ${londonDateTime(proposalMailGoesAt)}. `
        : '';
      return complaint.resolutionMailed
        ? [
            asked,
            `${mailed}If we do not hear from you by ${due}, we will take it that your complaint is resolved and close it.`,
          ]
        : [asked, `Please answer by ${due}.`];
    }
    case 'escalated': {
      const due = dueOf(complaint, 'board-decision');
      const when = due
        ? late(complaint, 'board-decision')
          ? `, which should have decided on it by ${due}: it is late, and we have told the Board`
          : `, which will decide on it by ${due}`
        : '';
      return [
        `Your complaint was not resolved within the time our service guarantee promises, so it has gone to the Board${when}. We will write to you when it has decided, and tell you then whether any of your fees will be reimbursed.`,
      ];
    }
    case 'board-decided':
    case 'reimbursement-proposed': {
      // The Board's own stage, proposing or approving: the school is told only of its lateness.
      const proposing = complaint.status === 'board-decided';
      const clock = proposing ? 'reimbursement-proposal' : 'reimbursement-approval';
      const due = dueOf(complaint, clock);
      let settles = '';
      if (late(complaint, clock))
        // The approval's own date is the Board's working, which the school is not told.
        settles = proposing
          ? `. It should have settled a sum by ${due}: it is late, and we have told the Board`
          : '. It is late settling a sum, and we have told the Board';
      else if (proposing && due)
        settles = `: it aims to settle a sum by ${due}, which its members then approve`;
      return [
        `The Board will now decide whether to reimburse some of your fees${settles}. We will write to you once a reimbursement is approved, with the amount and when it will be paid, or if there is none.`,
      ];
    }
    case 'reimbursement-approved': {
      const due = dueOf(complaint, 'reimbursement-payment');
      const sum = complaint.proposal ? `${formatPounds(complaint.proposal.amountPence)} of ` : '';
      return [
        late(complaint, 'reimbursement-payment') && due
          ? `The Board has approved reimbursing ${sum}your fees. We should have paid it by ${due}: it is late, and we have told our finance team. We will email you when it has been paid.`
          : `The Board has approved reimbursing ${sum}your fees. We will pay it${due ? ` by ${due}` : ''}, and email you when it has been paid.`,
      ];
    }
    case 'closed':
      return [];
  }
}
