import { textField } from '../../core/page-form';
import { type PageAction } from '../page-action';

const DAY = /^\d{1,2}$/;

/**
 * GOV.UK's date input (day, month, year boxes) as the API's YYYY-MM-DD. Blank boxes are no date;
 * anything else is joined as typed, so the API's DTO decides whether it is a date that exists
 * (31 February is not) and the page says what to enter.
 */
export function calendarDateField(form: Record<string, unknown>, name: string): string {
  const [day, month, year] = ['day', 'month', 'year'].map((part) =>
    textField(form, `${name}-${part}`).trim(),
  );
  if (!day && !month && !year) return '';
  const two = (part: string) => (DAY.test(part) ? part.padStart(2, '0') : part);
  // A missing box leaves a part that is no number, so the DTO refuses the date as a whole.
  return `${year || '?'}-${two(month) || '?'}-${two(day) || '?'}`;
}

/** Finance records an approved reimbursement as paid, by payment or credit note. */
export const FINANCE_ACTIONS: readonly PageAction[] = [
  {
    name: 'paid',
    label: 'Record the payment',
    title: 'Record the payment',
    view: 'paid.njk',
    offeredIn: ['reimbursement-approved'],
    toBody: (form, complaint) => ({
      proposalId: complaint.proposal?.proposalId ?? '',
      method: textField(form, 'method'),
      paymentReference: textField(form, 'paymentReference'),
      paidOn: calendarDateField(form, 'paidOn'),
    }),
    messages: {
      method: { empty: 'Select whether the school was paid or given a credit note' },
      paymentReference: { empty: 'Enter the payment or credit note reference' },
      paidOn: { empty: 'Enter the date it was paid', invalid: 'Enter a real date' },
    },
    done: 'Payment recorded',
  },
];
