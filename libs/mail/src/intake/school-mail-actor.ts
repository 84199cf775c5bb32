import { type Actor, DomainError, ROLES_THAT_LOG_FOR_SCHOOLS } from '@sg/complaints';
import { schoolUserId } from '@sg/directory';
import { type MailAddress } from '../outgoing-mail';
import { type SenderFacts } from './mail-route';

/**
 * Who at the school complained, as Business Support gives it when the email cannot say: it came
 * from a council officer passing the complaint on, from someone who is not the school's, or from
 * no address at all.
 */
export interface SchoolContactGiven {
  readonly name: string;
  readonly email: string | null;
}

/**
 * What the directory makes of a sender whose email is filed for `schoolUrn`: the school's own (an
 * address the directory holds for no one, a person with no roles, or staff of that very school);
 * a council officer who may log a complaint a school told them of, who acts with their own roles;
 * or neither (a disabled account, staff of other schools alone, a role that logs nothing), whose
 * words are not the school's.
 */
export function standingOf(
  person: SenderFacts['person'],
  schoolUrn: string,
): 'school' | 'officer' | 'neither' {
  if (!person) return 'school';
  if (person.disabled) return 'neither';
  const { roles } = person;
  if (roles.length === 0) return 'school';
  if (roles.some((grant) => grant.role === 'school-staff' && grant.schoolUrn === schoolUrn))
    return 'school';
  if (roles.some((grant) => ROLES_THAT_LOG_FOR_SCHOOLS.includes(grant.role))) return 'officer';
  return 'neither';
}

export const NOT_THE_SCHOOLS_WORDS = (senderEmail: string | null = 'given') =>
  new DomainError(
    'NOT_THE_SCHOOLS_WORDS',
    'rule',
    senderEmail
      ? 'This email is not from the school’s own staff, so it cannot be added as the school’s message. Lodge it for the school, or set it aside'
      : 'This email does not say who sent it, so it cannot be added as the school’s message. Lodge it for the school with the name of the person who complained, or set it aside',
  );

/**
 * Whether the council can tell a sender is the school's: the complaint's contact, an address or
 * domain it holds for the school, or a person it knows as the school's staff. Business Support
 * may file anyone else's email on the complaint, as the school's message, but not as its answer.
 */
export function sentByTheSchool(
  senderEmail: string | null,
  sender: SenderFacts,
  schoolUrn: string,
  contactEmail: string | null,
): boolean {
  if (!senderEmail) return false;
  if (contactEmail && senderEmail.toLowerCase() === contactEmail.toLowerCase()) return true;
  if (sender.schoolsReached.includes(schoolUrn)) return true;
  return (sender.person?.roles ?? []).some(
    (grant) => grant.role === 'school-staff' && grant.schoolUrn === schoolUrn,
  );
}

/**
 * Refuses to add an email to a complaint as the school's words unless it names a sender who
 * writes for that school: one with no sender address speaks for no one.
 */
export function requireTheSchoolsWords(
  senderEmail: string | null,
  person: SenderFacts['person'],
  schoolUrn: string,
): void {
  if (!senderEmail || standingOf(person, schoolUrn) !== 'school')
    throw NOT_THE_SCHOOLS_WORDS(senderEmail);
}

/**
 * The sender of a message filed for a school, as the complaint's events record them: the person
 * the directory has for the address, or the id a first sign-in by emailed link would give them,
 * acting as staff of that one school.
 */
export function schoolMailActor(
  from: MailAddress | null,
  email: string | null,
  person: SenderFacts['person'],
  schoolUrn: string,
): Actor {
  const address = email ?? '';
  return {
    id: person?.personId ?? schoolUserId(address),
    name: from?.name?.trim() || address,
    roles: [{ role: 'school-staff', schoolUrn }],
  };
}

/**
 * Who lodges an email Business Support matched, and whom the school's mail goes to: the sender,
 * as the school's; a council officer passing the complaint on, logged as theirs with their own
 * roles; anyone else, or no sender at all, as the school's contact Business Support names. A
 * contact Business Support names is always the one written to; one is needed whenever the sender
 * is not the school's own.
 */
export function whoLodges(
  from: MailAddress | null,
  person: SenderFacts['person'],
  schoolUrn: string,
  given: SchoolContactGiven | null,
  mailId: string,
): { actor: Actor; contact: { name: string; email?: string } } {
  const standing = standingOf(person, schoolUrn);
  const senderEmail = from?.email ?? null;
  const contactOf = (named: SchoolContactGiven) => ({
    name: named.name,
    ...(named.email ? { email: named.email } : {}),
  });
  if (standing === 'school' && senderEmail) {
    const actor = schoolMailActor(from, senderEmail, person, schoolUrn);
    return { actor, contact: given ? contactOf(given) : { name: actor.name, email: senderEmail } };
  }
  if (!given)
    throw new DomainError(
      'SCHOOL_CONTACT_NEEDED',
      'rule',
      standing === 'officer'
        ? 'This email is from a council officer, not the school. Enter the name of the person at the school who complained'
        : senderEmail
          ? 'This email is not from the school’s own staff. Enter the name of the person at the school who complained'
          : 'This email does not say who sent it. Enter the name of the person at the school who complained',
    );
  const actor: Actor =
    standing === 'officer' && person
      ? { id: person.personId, name: from?.name?.trim() || senderEmail!, roles: person.roles }
      : {
          id: schoolUserId(given.email ?? `mail-${mailId}`),
          name: given.name,
          roles: [{ role: 'school-staff', schoolUrn }],
        };
  return { actor, contact: contactOf(given) };
}
