import { DomainError } from '@sg/complaints';
import { WrongExpectedVersion } from '@sg/event-store';
import { type PageError } from '../core/page-renderer';
import { refusalAsPageError } from '../core/refusal-wording';

/** Where the email's page says where the email stands, for refusals no field can put right. */
export const STATUS_ANCHOR = '#mail-status';

/** The intake's refusals, as the matching page words them and the field each concerns. */
const WORDING: Readonly<Record<string, PageError>> = {
  MAIL_NOT_AWAITING_MATCH: {
    text: 'Someone has already dealt with this email. Check where it stands below',
    href: STATUS_ANCHOR,
  },
  MAIL_NOT_SET_ASIDE: {
    text: 'Someone has already put this email back or dealt with it. Check where it stands below',
    href: STATUS_ANCHOR,
  },
  UNKNOWN_SCHOOL: { text: 'Enter the URN of a school the council serves', href: '#schoolUrn' },
  SCHOOL_CONTACT_NEEDED: {
    text: 'This email is not from the school itself. Enter the name of the person at the school who complained',
    href: '#contactName',
  },
  CONTACT_NOT_AT_SCHOOL: {
    text: 'The school’s emails about the complaint must go to an address at the school. Enter the name of the person who complained and their school email address',
    href: '#contactEmail',
  },
  COMPLAINT_NOT_FOUND: {
    text: 'There is no complaint with that reference. Check it and enter it again, like SG-2026-000123',
    href: '#reference',
  },
};

const ACTED_ON_MEANWHILE: PageError = {
  text: 'Someone else acted on this email after you opened the page. Check where it stands below',
  href: STATUS_ANCHOR,
};

/**
 * A refusal of a matching action the person can act on, worded for the page: the intake's own
 * beside their field, the complaint's (closed, say) beside the posted form's `field`. Anything
 * else is not theirs to fix: null, and the caller throws it on.
 */
export function matchingRefusal(error: unknown, field: string): PageError | null {
  if (error instanceof WrongExpectedVersion) return ACTED_ON_MEANWHILE;
  if (!(error instanceof DomainError)) return null;
  const worded = WORDING[error.code];
  if (worded) return worded;
  if (error.kind !== 'rule' && error.kind !== 'conflict') return null;
  return { text: refusalAsPageError(error).text, href: `#${field}` };
}
