import {
  COMPLAINT_STATUSES,
  type ComplaintEvent,
  type ComplaintStatus,
  type EventOf,
} from '@sg/complaints';
import { calendarDate } from '@sg/web';
import { textField } from '../../core/page-form';
import { type PageAction } from '../page-action';
import { CONSENT_MESSAGES, consentLookups, consentOf } from './consent-fields';

/**
 * Until the Board has approved a payment the school may withdraw: after it, the council owes the
 * money and the complaint runs to payment (libs/complaints/src/decisions/school.ts).
 */
const WITHDRAWABLE: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter(
  (status) => status !== 'closed' && status !== 'reimbursement-approved',
);

/**
 * Where a dispute sent the complaint, as recorded: back to the service while its deadline stood,
 * else to the Board. Whoever disputed is told which, and by when the next answer is due.
 */
function whereTheDisputeWent(recorded: readonly ComplaintEvent[]): string | null {
  const started = recorded.find(
    (event): event is EventOf<'ClockStarted'> => event.type === 'ClockStarted',
  );
  if (!started) return null;
  const due = calendarDate(started.data.timing.dueDate);
  return started.data.clock === 'board-decision'
    ? `The service’s deadline had passed, so the complaint has gone to the Board, to decide by ${due}`
    : `The service has been told the resolution did not work, and must resolve the complaint by ${due}`;
}

/**
 * The school's answers on its own complaint: the resolution the service proposed, confirmed or
 * disputed, and withdrawing the complaint. Business Support may confirm or withdraw for the school
 * with its consent: their forms ask how the school agreed (the school's own forms do not), and
 * name the action as done for the school.
 */
export const SCHOOL_ACTIONS: readonly PageAction[] = [
  {
    name: 'confirm',
    label: 'Confirm the resolution for the school',
    title: 'Confirm the resolution for the school',
    forTheSchool: { label: 'Confirm the resolution', title: 'Confirm the resolution' },
    view: 'confirm.njk',
    offeredIn: ['resolution-proposed'],
    doneForTheSchool: 'ConfirmResolution',
    toBody: (form) => consentOf(form),
    messages: CONSENT_MESSAGES,
    done: 'Resolution confirmed. The complaint is closed.',
    lookups: consentLookups,
  },
  {
    name: 'dispute',
    label: 'Record that the resolution did not work for the school',
    title: 'Record that the resolution did not work for the school',
    forTheSchool: {
      label: 'Tell us the resolution did not work',
      title: 'Tell us the resolution did not work',
    },
    view: 'dispute.njk',
    offeredIn: ['resolution-proposed'],
    toBody: (form) => ({ reason: textField(form, 'reason') }),
    messages: {
      reason: {
        empty: 'Enter why the resolution did not work',
        invalid: 'Why the resolution did not work must be 2,000 characters or fewer',
      },
    },
    done: 'The service has been told the resolution did not work',
    doneAs: whereTheDisputeWent,
  },
  {
    name: 'withdraw',
    label: 'Withdraw the complaint for the school',
    title: 'Withdraw the complaint for the school',
    forTheSchool: { label: 'Withdraw the complaint', title: 'Withdraw your complaint' },
    view: 'withdraw.njk',
    offeredIn: WITHDRAWABLE,
    doneForTheSchool: 'WithdrawComplaint',
    toBody: (form) => ({ reason: textField(form, 'reason'), ...consentOf(form) }),
    messages: {
      reason: {
        empty: 'Enter why the complaint is being withdrawn',
        invalid: 'Why the complaint is being withdrawn must be 2,000 characters or fewer',
      },
      ...CONSENT_MESSAGES,
    },
    done: 'Complaint withdrawn',
    lookups: consentLookups,
  },
];
