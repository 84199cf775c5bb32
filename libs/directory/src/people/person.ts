import { type Actor, type RoleGrant } from '@sg/complaints';
import { type DirectoryEvent, type SignInMethod } from '../directory-events';

export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly RoleGrant[];
  /** How an administrator said they sign in; null for people imported before sign-in existed. */
  readonly signIn: SignInMethod | null;
  readonly disabled: boolean;
  readonly passwordSet: boolean;
  readonly secondFactorEnrolled: boolean;
  /** Whether an identity provider's subject is linked to them (then only that subject signs in). */
  readonly identityLinked: boolean;
}

/** What a grant replaces: the same role, or for school staff the same role at the same school. */
/** Who acts as this person, with every role they hold now; nobody for a disabled account. */
export const actorOf = (person: Person): Actor | null =>
  person.disabled ? null : { id: person.personId, name: person.name, roles: person.roles };

export const grantKey = (grant: RoleGrant): string =>
  grant.role === 'school-staff' ? `school-staff:${grant.schoolUrn}` : grant.role;

/**
 * Whether two grants give the same: the same role over the same school, services (in any order)
 * or chair, however their fields were written.
 */
export function sameGrant(a: RoleGrant, b: RoleGrant): boolean {
  if (grantKey(a) !== grantKey(b)) return false;
  if (a.role === 'service-manager' && b.role === 'service-manager') {
    const services = new Set(a.serviceIds);
    return (
      services.size === new Set(b.serviceIds).size && b.serviceIds.every((id) => services.has(id))
    );
  }
  if (a.role === 'board-member' && b.role === 'board-member') return a.chair === b.chair;
  return true;
}

const revokes = (
  grant: RoleGrant,
  revoked: { readonly role: RoleGrant['role']; readonly schoolUrn?: string },
) =>
  grant.role === revoked.role &&
  (revoked.schoolUrn === undefined ||
    (grant.role === 'school-staff' && grant.schoolUrn === revoked.schoolUrn));

/** The person after one more event of their stream; null before they are registered. */
export function evolvePerson(person: Person | null, event: DirectoryEvent): Person | null {
  if (event.type === 'PersonRegistered' || event.type === 'PersonInvited')
    return {
      personId: event.data.personId,
      name: event.data.name,
      email: event.data.email,
      roles: person?.roles ?? [],
      signIn: event.type === 'PersonInvited' ? event.data.signIn : (person?.signIn ?? null),
      disabled: person?.disabled ?? false,
      passwordSet: person?.passwordSet ?? false,
      secondFactorEnrolled: person?.secondFactorEnrolled ?? false,
      identityLinked: person?.identityLinked ?? false,
    };
  if (!person) return null;
  switch (event.type) {
    case 'RoleGranted': {
      const key = grantKey(event.data.grant);
      return {
        ...person,
        roles: [...person.roles.filter((grant) => grantKey(grant) !== key), event.data.grant],
      };
    }
    case 'RoleRevoked': {
      const revoked = event.data;
      return { ...person, roles: person.roles.filter((grant) => !revokes(grant, revoked)) };
    }
    case 'AccountDisabled':
      return { ...person, disabled: true };
    case 'AccountEnabled':
      return { ...person, disabled: false };
    case 'SignInMethodChanged':
      return event.data.signIn === 'password'
        ? { ...person, signIn: 'password' }
        : { ...person, signIn: event.data.signIn, passwordSet: false, secondFactorEnrolled: false };
    case 'PasswordSet':
      return { ...person, passwordSet: true };
    case 'SecondFactorEnrolled':
      return { ...person, secondFactorEnrolled: true };
    case 'SecondFactorReset':
      return { ...person, secondFactorEnrolled: false };
    case 'IdentityProviderLinked':
      return { ...person, identityLinked: true };
    default:
      return person;
  }
}

/**
 * A link proves only that someone reads mail at an address a school registered: enough for school
 * staff, never for a council role (Business Support, a service, the Board, finance, administration),
 * which signs in with its password and second factor or the council's identity provider.
 */
export const schoolStaffOnly = (person: Person): boolean =>
  person.roles.every((grant) => grant.role === 'school-staff');

/**
 * Whether the person may sign in by `method` now: the way an administrator said, or any way for
 * someone registered before sign-in methods (null); a password only once they have chosen one, and
 * a link only while they are school staff alone (a session begun by one ends when they are given a
 * council role). That the link's address is at their school is EmailLinkSignIn's to judge besides.
 */
export function signsInBy(person: Person, method: SignInMethod): boolean {
  if (person.signIn !== null && person.signIn !== method) return false;
  if (method === 'email-link') return schoolStaffOnly(person);
  return method !== 'password' || person.passwordSet;
}

/** The person as their stream says now, or null before they are registered. */
export const foldPerson = (events: readonly DirectoryEvent[]): Person | null =>
  events.reduce(evolvePerson, null);

/** Addresses compare without case or surrounding space. */
export const normalisedAddress = (address: string) => address.trim().toLowerCase();

/** The domain of an address, or null when it is not one. */
export function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? normalisedAddress(email.slice(at + 1)) : null;
}
