import { PermanentMailFailure } from './permanent-mail-failure';

/** One local part, one @, one domain: nothing a mail server could deliver to looks otherwise. */
const DELIVERABLE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+$/;

/** Refuses, for good, mail to an address that cannot be one: no resend would deliver it. */
export function assertRecipientAddress(email: string): void {
  if (!DELIVERABLE.test(email))
    throw new PermanentMailFailure(`invalid recipient address ${JSON.stringify(email)}`);
}
