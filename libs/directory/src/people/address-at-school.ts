import { type SchoolDetails } from '../directory-events';
import { domainOf, normalisedAddress } from './person';
import { sharedDomainProblem } from './school-domain-rule';
import { reaches } from './school-addresses';

/**
 * Whether the school may name `email` as the address the council writes to about its complaint:
 * one its registered addresses or domains reach, or one at the domain of an address registered
 * for it (the deputy at the head's school domain), unless that domain is everyone's (a mail
 * provider, a public suffix). A school with no address registered names whom it likes.
 */
export function isAddressAtSchool(school: SchoolDetails, email: string): boolean {
  if (school.emails.length + school.domains.length === 0) return true;
  if (reaches(school, email)) return true;
  const domain = domainOf(normalisedAddress(email));
  return (
    domain !== null &&
    !sharedDomainProblem(domain) &&
    school.emails.some((registered) => domainOf(normalisedAddress(registered)) === domain)
  );
}
