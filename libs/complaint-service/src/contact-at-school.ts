import { ruleBroken } from '@sg/complaints';
import { isAddressAtSchool, type SchoolDetails } from '@sg/directory';

/**
 * A school's contact, named by someone acting for the school, must have an address at the school:
 * the council writes to it about the complaint, and the school's staff sign in with theirs.
 * Officers may name whom the school asked them to.
 */
export function requireContactAtSchool(school: SchoolDetails, email: string): void {
  if (isAddressAtSchool(school, email)) return;
  throw ruleBroken(
    'CONTACT_NOT_AT_SCHOOL',
    `contact.email must be an address at the school, one the council has registered for it (${[...school.domains.map((domain) => `…@${domain}`), ...school.emails].join(', ')})`,
  );
}
