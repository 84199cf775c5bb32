import { type DomainError } from '@sg/complaints';
import { calendarDate, formatPounds, londonDateTime } from '@sg/web';
import { fieldId } from './page-form';
import { type PageError } from './page-renderer';

/**
 * A domain refusal as a page says it: what to do, GOV.UK style, linked to the field it concerns.
 * The domain's own messages are written for the API's readers ("overrideReason is required"); the
 * rule is still the domain's, only its wording is the page's. Unlisted codes keep the domain's text.
 */
/** Words for a refusal, or words made of its facts (the date it turns on, the sum left). */
type Wording = string | ((facts: DomainError['facts']) => string);

const WORDING: Readonly<
  Record<
    string,
    {
      readonly text?: Wording;
      readonly field?: string;
      /** What to say on a page without the field (approving, not proposing, a sum). */
      readonly elsewhere?: Wording;
    }
  >
> = {
  COMPLAINT_CLOSED: { text: 'This complaint is closed, so it cannot be changed' },
  // The domain's own words name the services by their ids, and the API's "reroute".
  AGREEMENT_OF_ANOTHER_SERVICE: {
    text: 'The school named a contract or booking with another service. Choose that service, or move the complaint to this one first',
    field: 'serviceId',
  },
  CONTACT_NOT_AT_SCHOOL: {
    text: 'Enter an email address at the school, not a personal one: the council writes to it about the complaint',
    field: 'contact.email',
  },
  // The domain's own words name the contact; the name is the field to change.
  CONTACT_UNCHANGED: { field: 'contact.name' },
  IDEMPOTENCY_KEY_REUSED: {
    text: 'You sent this form already, and what it said then was saved. What you changed since has not been sent: check it, then send it again to save it too.',
  },
  INVALID_TRANSITION: {
    text: 'This cannot be done at the complaint’s current stage. Check the complaint for what has happened.',
  },
  // The domain's own words give the limit and how much of it is used.
  EXTENSION_OVER_CAP: { field: 'extraWorkingDays' },
  INVALID_EXTENSION: {
    text: 'Enter the number of extra working days, like 5',
    field: 'extraWorkingDays',
  },
  EXTENSION_NEEDS_CONSENT: {
    text: 'Enter who at the school agreed to the extension, and when',
    field: 'consent.givenBy',
  },
  CONSENT_REQUIRED: {
    text: 'Enter who at the school agreed, and when',
    field: 'consent.givenBy',
  },
  CONSENT_IN_FUTURE: {
    text: 'The date and time the school agreed must be now or in the past',
    field: 'consent.givenAt',
  },
  CONSENT_BEFORE_LODGED: {
    text: ({ since }) =>
      typeof since === 'string'
        ? `The date and time the school agreed must be after the complaint was received, ${londonDateTime(since)}`
        : 'The date the school agreed must be after the complaint was received',
    field: 'consent.givenAt',
  },
  CONSENT_BEFORE_PROPOSAL: {
    text: ({ since }) =>
      typeof since === 'string'
        ? `The date and time the school agreed must be after the resolution was proposed, ${londonDateTime(since)}`
        : 'The date the school agreed must be after the resolution was proposed',
    field: 'consent.givenAt',
  },
  CONTACT_IN_FUTURE: {
    text: 'The date and time you contacted the school must be now or in the past',
    field: 'contactedAt',
  },
  MESSAGE_ALREADY_SENT: {
    text: ({ sentAt }) =>
      typeof sentAt === 'string'
        ? `You sent this same message at ${londonDateTime(sentAt)}: it has not been sent again`
        : 'You sent this same message moments ago: it has not been sent again',
    field: 'text',
  },
  CONTACT_BEFORE_LODGED: {
    text: ({ receivedAt }) =>
      typeof receivedAt === 'string'
        ? `The date and time you contacted the school must be after the complaint was received, ${londonDateTime(receivedAt)}`
        : 'The date you contacted the school must be after the complaint was received',
    field: 'contactedAt',
  },
  ANSWER_IN_FUTURE: {
    text: 'The date and time the school answered must be now or in the past',
    field: 'receivedAt',
  },
  ANSWER_BEFORE_QUESTION: {
    text: 'The date and time the school answered must be after the service asked its question',
    field: 'receivedAt',
  },
  ANSWER_AFTER_WINDOW: {
    text: 'Enter when the school answered: it must be before its time to answer ended. Send a later answer to the service as a message',
    field: 'receivedAt',
  },
  PAYMENT_IN_FUTURE: { text: 'The date paid must be today or in the past', field: 'paidOn' },
  PAYMENT_REFERENCE_USED: {
    text: ({ alsoOn }) =>
      `This reference is already recorded for the payment on ${typeof alsoOn === 'string' ? alsoOn : 'another complaint'}. Check it, or confirm that this payment has the same reference`,
    field: 'paymentReference',
  },
  PAYMENT_BEFORE_APPROVAL: {
    text: ({ approvedOn }) =>
      typeof approvedOn === 'string'
        ? `The date paid must be on or after ${calendarDate(approvedOn)}, the day the Board approved the reimbursement`
        : 'The date paid must be on or after the day the Board approved the reimbursement',
    field: 'paidOn',
  },
  DEADLINE_PASSED: {
    text: 'A deadline for this has passed, so the complaint has moved on: see where it stands now',
  },
  FAILURE_LEVEL_REQUIRED: {
    text: 'Select how badly the service failed',
    field: 'failureLevel',
  },
  FAILURE_LEVEL_NOT_APPLICABLE: {
    text: 'A complaint the Board does not uphold has no failure level',
    field: 'failureLevel',
  },
  OVERRIDE_REASON_REQUIRED: {
    text: 'Enter why the amount differs from the suggested sum',
    field: 'overrideReason',
  },
  REIMBURSEMENT_EXCEEDS_FEES: {
    text: ({ leftPence }) =>
      typeof leftPence !== 'number'
        ? 'The amount is more than is left of the fees paid. Enter a smaller amount, or, if nothing is left, close the complaint without a reimbursement'
        : leftPence > 0
          ? `The amount is more than the ${formatPounds(leftPence)} left of the fees paid. Enter ${formatPounds(leftPence)} or less`
          : 'Nothing is left of the fees paid. Close the complaint without a reimbursement instead',
    field: 'amountPence',
    elsewhere: ({ leftPence }) =>
      typeof leftPence === 'number' && leftPence <= 0
        ? 'Nothing is now left of the fees paid (another reimbursement was approved against them since): decline this one, and close the complaint without a reimbursement'
        : `The reimbursement is more than ${typeof leftPence === 'number' ? `the ${formatPounds(leftPence)}` : 'is'} now left of the fees paid (another was approved against them since): decline it, and propose a smaller one, or, if nothing is left, close the complaint without a reimbursement`,
  },
  INVALID_AMOUNT: { text: 'Enter an amount in pounds, like £250.00', field: 'amountPence' },
  BASIS_MISMATCH: {
    text: 'Select a contract or booking for the service the complaint is now with',
    field: 'basisId',
  },
  PROPOSER_CANNOT_APPROVE: {
    text: 'You proposed this reimbursement, so another Board member must approve it',
  },
  PROPOSER_CANNOT_DECLINE: {
    text: 'You proposed this reimbursement, so another Board member must decline it',
  },
  ALREADY_APPROVED: { text: 'You have already approved this reimbursement' },
  ALREADY_SUPPORTED: { text: 'You already support this decision' },
  ALREADY_SUPPORTS_CLOSING: {
    text: 'You already support closing this complaint without a reimbursement',
  },
  ALREADY_DECLARED: { text: 'You have already stood aside from this complaint' },
  CONFLICT_OF_INTEREST: {
    text: 'You cannot act on this complaint for the Board because of your part in it',
  },
  SAME_SERVICE: {
    text: 'Select a different service from the one it is with',
    field: 'toServiceId',
  },
  SERVICE_REQUIRED: { text: 'Select the service to pass the complaint to', field: 'serviceId' },
  DUPLICATE_OF_UNKNOWN: {
    text: 'There is no complaint with that reference. Enter the reference of the complaint this one repeats, like SG-2025-000123',
    field: 'duplicateOf',
  },
  DUPLICATE_OF_ANOTHER_SCHOOL: {
    text: 'That complaint is from another school. Enter the reference of the complaint from this school that this one repeats',
    field: 'duplicateOf',
  },
  DUPLICATE_OF_DUPLICATE: {
    text: 'That complaint is itself closed as a duplicate. Enter the reference of the complaint it repeats',
    field: 'duplicateOf',
  },
  DUPLICATE_OF_LATER: {
    text: 'That complaint was made after this one. Close that one as the duplicate of this one instead',
    field: 'duplicateOf',
  },
  DUPLICATE_OF_ITSELF: {
    text: 'Select a different complaint: a complaint cannot duplicate itself',
    field: 'duplicateOf',
  },
  UNKNOWN_SERVICE: { text: 'Select a service from the list', field: 'serviceId' },
  UNKNOWN_FEE_AGREEMENT: {
    text: 'Select a contract or booking the school has with that service, or none',
    field: 'related',
  },
  APPROVAL_IN_PROGRESS: {
    text: 'Another approval of this reimbursement is being recorded. Wait a moment and try again',
  },
};

/**
 * `fields`: those the page's form sent, when known; a refusal about a field the page does not
 * have is linked to the page itself, in words for that page.
 */
export function refusalAsPageError(error: DomainError, fields?: readonly string[]): PageError {
  const worded = WORDING[error.code];
  // Only a refusal worded for elsewhere is asked whether its field was sent: a nested or optional
  // field (consent) may be on the page though the form sent none of it.
  const elsewhere = Boolean(worded?.elsewhere && fields && !fields.includes(worded.field ?? ''));
  const onThePage = worded?.field !== undefined && !elsewhere;
  const said = (wording: Wording | undefined) =>
    typeof wording === 'function' ? wording(error.facts) : wording;
  return {
    text: (!onThePage && said(worded?.elsewhere)) || said(worded?.text) || error.message,
    href: onThePage ? `#${fieldId(worded.field)}` : '#main-content',
  };
}

/** The domain's refusal as the page words it, if there is one: why an action is not offered. */
export const refusalText = (refused: DomainError | null): string | null =>
  refused ? refusalAsPageError(refused).text : null;
