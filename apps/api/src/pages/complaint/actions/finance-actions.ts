import { paymentRefusal } from '@sg/complaints';
import {
  boxesIn,
  dateBoxes,
  dayIn,
  emptyBoxes,
  nothingIn,
  shortYear,
  wrongBoxes,
} from '../../core/date-boxes';
import { textField } from '../../core/page-form';
import { refusalText } from '../../core/refusal-wording';
import { type PageAction } from '../page-action';

/**
 * GOV.UK's date input (day, month and year boxes) as the API's YYYY-MM-DD. Blank boxes are no date;
 * what is not a day that exists is joined as typed, so the API's DTO refuses it (31 February is
 * not a day) and the page says what to enter.
 */
export function calendarDateField(form: Record<string, unknown>, name: string): string {
  const boxes = dateBoxes(form, {
    day: `${name}-day`,
    month: `${name}-month`,
    year: `${name}-year`,
  });
  if (nothingIn(boxes)) return '';
  const day = dayIn(boxes, 'utc');
  // A missing box leaves a part that is no number, so the DTO refuses the date as a whole.
  return day?.toISODate() ?? `${boxes.year || '?'}-${boxes.month || '?'}-${boxes.day || '?'}`;
}

/** Finance records an approved reimbursement as paid, by payment or credit note. */
export const FINANCE_ACTIONS: readonly PageAction[] = [
  {
    name: 'paid',
    label: 'Record the payment',
    title: 'Record the payment',
    view: 'paid.njk',
    offeredIn: ['reimbursement-approved'],
    notOfferedBecause: (complaint, actor) =>
      refusalText(complaint.proposal && paymentRefusal(complaint, complaint.proposal, actor)),
    toBody: (form, complaint) => ({
      proposalId: complaint.proposal?.proposalId ?? '',
      method: textField(form, 'method'),
      paymentReference: textField(form, 'paymentReference'),
      paidOn: calendarDateField(form, 'paidOn'),
      ...(textField(form, 'sameReferenceConfirmed') === 'yes'
        ? { sameReferenceConfirmed: true }
        : {}),
    }),
    messages: {
      method: { empty: 'Select whether the school was paid or given a credit note' },
      paymentReference: {
        empty: 'Enter the payment or credit note reference',
        invalid: 'The reference must be 100 characters or fewer',
      },
      paidOn: {
        empty: 'Enter the date it was paid',
        invalid: 'Date paid must be a real date, such as 27 3 2025',
        // GOV.UK's pattern: a part left out is named ("must include a month and year").
        invalidAs: (given) => {
          if (typeof given !== 'string') return null;
          const boxes = boxesIn(given, '?');
          const missing = emptyBoxes(boxes);
          if (missing.length > 0) return `Date paid must include a ${missing.join(' and ')}`;
          return shortYear(boxes);
        },
        wrongParts: (given) => (typeof given === 'string' ? wrongBoxes(boxesIn(given, '?')) : null),
      },
    },
    done: 'Payment recorded',
  },
];
