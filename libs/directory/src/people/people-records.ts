import { conflict, notFound, requireLine, type RoleGrant, ruleBroken } from '@sg/complaints';
import { WrongExpectedVersion } from '@sg/event-store';
import { type Directory, type WriteContext } from '../directory';
import {
  type DirectoryEvent,
  directoryStreams,
  type SchoolAddress,
  type SchoolDetails,
  type SignInMethod,
} from '../directory-events';
import { addressDigest, identityDigest, schoolAddressDigest } from './address-digest';
import { requireGrantableRoles } from './grantable-roles';
import { mailTurnedOff } from './mail-preferences';
import { foldPerson, grantKey, normalisedAddress, type Person, sameGrant } from './person';
import { addressesReaching, hasAddress, reaches, sameAddress } from './school-addresses';
import { requireSchoolDomain } from './school-domain-rule';
import { madeFromTheirAddress } from './school-user-id';

export interface NewPerson {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly RoleGrant[];
  /** Absent: registered (imported, demo); present: invited by an administrator. */
  readonly signIn?: SignInMethod;
}

/** How often a change to a person is decided again after another writer got there first. */
const CHANGE_ATTEMPTS = 5;

/** A link proves only that someone reads mail at an address: never enough for a council role. */
function requireSignInFitsRoles(signIn: SignInMethod | null, roles: readonly RoleGrant[]): void {
  if (signIn === 'email-link' && roles.some((grant) => grant.role !== 'school-staff'))
    throw ruleBroken(
      'SIGN_IN_NOT_FOR_ROLES',
      'roles: someone who signs in by an email link may only be school staff; council staff sign in with a password and a second factor, or the council’s identity provider',
    );
}

const holdsSchool = (person: Person, urn: string) =>
  person.roles.some((grant) => grant.role === 'school-staff' && grant.schoolUrn === urn);

/**
 * Every change to people, their accounts and schools' addresses, as directory events: who could do
 * what, and when, is part of the audit trail.
 */
export class PeopleRecords {
  constructor(private readonly directory: Directory) {}

  /**
   * Adds a person, claiming their address first so no two people sign in as one address; false
   * when the person is already there (an import run again).
   */
  async add(added: NewPerson, context: WriteContext): Promise<boolean> {
    // A name shows in queues, timelines and mail: one that reverses the text around it is not one.
    const person = { ...added, name: requireLine(added.name, 'name') };
    requireSignInFitsRoles(person.signIn ?? null, person.roles);
    if (await this.directory.person(person.personId)) return false;
    await this.claimEmail(person.personId, person.email, context);
    const registered: DirectoryEvent = person.signIn
      ? {
          type: 'PersonInvited',
          data: {
            personId: person.personId,
            name: person.name,
            email: person.email,
            signIn: person.signIn,
          },
        }
      : {
          type: 'PersonRegistered',
          data: { personId: person.personId, name: person.name, email: person.email },
        };
    await this.directory.append(
      directoryStreams.person(person.personId),
      [
        registered,
        ...person.roles.map((grant) => ({
          type: 'RoleGranted' as const,
          data: { personId: person.personId, grant },
        })),
      ],
      'no_stream',
      context,
    );
    await this.directory.append(
      directoryStreams.people(),
      [{ type: 'PersonListed', data: { personId: person.personId } }],
      'any',
      context,
    );
    return true;
  }

  private async claimEmail(personId: string, email: string, context: WriteContext) {
    const { holder, revision } = await this.directory.emailClaim(email);
    if (holder && holder.personId !== personId) {
      throw conflict('EMAIL_IN_USE', 'Someone in the directory already has that email address');
    }
    const stream = directoryStreams.personEmail(addressDigest(email));
    try {
      await this.directory.append(
        stream,
        [{ type: 'PersonEmailClaimed', data: { personId, email: normalisedAddress(email) } }],
        revision,
        context,
        [personId],
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      throw conflict('EMAIL_IN_USE', 'Someone in the directory already has that email address');
    }
  }

  /**
   * Grants and revokes so the person holds exactly `roles`: one event per change, none for a
   * grant they already hold. An administrator keeps their own administration (another must take
   * it away, so the council is never left with no one to manage people) and gives themselves no
   * role (another must, so no one alone can decide, approve and pay a reimbursement).
   */
  async setRoles(personId: string, roles: readonly RoleGrant[], context: WriteContext) {
    await requireGrantableRoles(this.directory, personId, roles);
    await this.change(personId, context, (person) => {
      requireSignInFitsRoles(person.signIn, roles);
      if (personId === context.actor.id) {
        const isAdmin = (grant: RoleGrant) => grant.role === 'admin';
        if (person.roles.some(isAdmin) && !roles.some(isAdmin))
          throw ruleBroken(
            'OWN_ADMINISTRATION',
            'You cannot take away your own administrator role: ask another administrator',
          );
        if (roles.some((wanted) => !person.roles.some((held) => sameGrant(held, wanted))))
          throw ruleBroken(
            'OWN_ROLES',
            'You cannot give yourself a role: ask another administrator',
          );
      }
      const revoked: DirectoryEvent[] = person.roles
        .filter((held) => !roles.some((wanted) => grantKey(held) === grantKey(wanted)))
        .map((held) => ({
          type: 'RoleRevoked',
          data: {
            personId,
            role: held.role,
            ...(held.role === 'school-staff' ? { schoolUrn: held.schoolUrn } : {}),
          },
        }));
      const granted: DirectoryEvent[] = roles
        .filter((wanted) => !person.roles.some((held) => sameGrant(held, wanted)))
        .map((grant) => ({ type: 'RoleGranted', data: { personId, grant } }));
      return [...revoked, ...granted];
    });
  }

  /** Never one's own account: an administrator who did so could not undo it. */
  async disable(personId: string, reason: string, context: WriteContext) {
    if (personId === context.actor.id) {
      throw ruleBroken(
        'OWN_ACCOUNT',
        'You cannot disable your own account: ask another administrator',
      );
    }
    return this.change(personId, context, (person) =>
      person.disabled ? [] : [{ type: 'AccountDisabled', data: { personId, reason } }],
    );
  }

  /**
   * How the person signs in from now on; nothing when it already is. Never one's own (an
   * administrator who moved themselves to a way they cannot use could not undo it), and an email
   * link for school staff alone, as when they were added. Whether it recorded a change: decided
   * against the person as they are when it is written, so of two administrators moving someone at
   * once, each hears what their own did.
   */
  async changeSignIn(
    personId: string,
    signIn: SignInMethod,
    context: WriteContext,
  ): Promise<boolean> {
    if (personId === context.actor.id) {
      throw ruleBroken(
        'OWN_ACCOUNT',
        'You cannot change how you sign in yourself: ask another administrator',
      );
    }
    const appended = await this.change(personId, context, (person) => {
      requireSignInFitsRoles(signIn, person.roles);
      return person.signIn === signIn
        ? []
        : [{ type: 'SignInMethodChanged', data: { personId, from: person.signIn, signIn } }];
    });
    return appended.length > 0;
  }

  enable(personId: string, context: WriteContext) {
    return this.change(personId, context, (person) =>
      person.disabled ? [{ type: 'AccountEnabled', data: { personId } }] : [],
    );
  }

  passwordSet(personId: string, context: WriteContext) {
    return this.change(personId, context, () => [{ type: 'PasswordSet', data: { personId } }]);
  }

  secondFactorEnrolled(personId: string, context: WriteContext) {
    return this.change(personId, context, () => [
      { type: 'SecondFactorEnrolled', data: { personId } },
    ]);
  }

  secondFactorReset(personId: string, context: WriteContext) {
    return this.change(personId, context, (person) =>
      person.secondFactorEnrolled ? [{ type: 'SecondFactorReset', data: { personId } }] : [],
    );
  }

  recoveryCodeUsed(personId: string, remaining: number, context: WriteContext) {
    return this.change(personId, context, () => [
      { type: 'RecoveryCodeUsed', data: { personId, remaining } },
    ]);
  }

  /**
   * Records which kinds of notification the person no longer wants, all of them at once; nothing
   * when that is what they already chose.
   */
  async setMailPreferences(
    personId: string,
    turnedOff: readonly string[],
    at: string,
    context: WriteContext,
  ): Promise<void> {
    const stream = directoryStreams.person(personId);
    const { events, revision } = await this.directory.readWithRevision(stream);
    if (!foldPerson(events)) throw notFound('PERSON_NOT_FOUND', `There is no person ${personId}`);
    const wanted = [...new Set(turnedOff)].sort();
    if (JSON.stringify(wanted) === JSON.stringify([...mailTurnedOff(events)].sort())) return;
    await this.directory.append(
      stream,
      [
        {
          type: 'MailPreferencesChanged',
          data: { personId, turnedOff: wanted, by: context.actor.id, at },
        },
      ],
      revision,
      context,
      [String(revision)],
    );
  }

  /** Links an identity provider's subject to the person; a subject is linked once, for good. */
  async linkIdentity(personId: string, issuer: string, subject: string, context: WriteContext) {
    const linked: DirectoryEvent = {
      type: 'IdentityProviderLinked',
      data: { personId, issuer, subject },
    };
    try {
      await this.directory.append(
        directoryStreams.identity(identityDigest(issuer, subject)),
        [linked],
        'no_stream',
        context,
      );
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw error;
      const holder = await this.directory.personByIdentity(issuer, subject);
      if (holder?.personId !== personId)
        throw conflict('IDENTITY_IN_USE', 'That sign-in is linked to someone else');
      return;
    }
    await this.change(personId, context, () => [linked]);
  }

  /** A sign-in, sign-out, failure or lock-out, kept apart from the person's own stream. */
  async logSignIn(
    event: DirectoryEvent & { data: { personId: string | null; at: string } },
    context: WriteContext,
  ) {
    const stream = event.data.personId
      ? directoryStreams.signInLog(event.data.personId)
      : directoryStreams.signInFailures(event.data.at.slice(0, 10));
    await this.directory.append(stream, [event], 'any', context, [event.data.at]);
  }

  /**
   * Registers the address or domain for the school, and says which other schools mail from it
   * reaches too (a federation's shared domain), whose new mail then waits for Business Support
   * to choose the school unless it names its complaint.
   */
  async registerSchoolAddress(
    urn: string,
    address: SchoolAddress,
    context: WriteContext,
  ): Promise<{ readonly alsoReaches: readonly SchoolDetails[] }> {
    await this.changeSchoolAddress(urn, address, true, context);
    const value = normalisedAddress(address.value);
    const someoneThere = address.kind === 'domain' ? `someone@${value}` : value;
    const reached = await this.directory.schoolsReachedAt(someoneThere);
    return { alsoReaches: reached.filter((school) => school.urn !== urn) };
  }

  async removeSchoolAddress(urn: string, address: SchoolAddress, context: WriteContext) {
    await this.changeSchoolAddress(urn, address, false, context);
  }

  /**
   * The school's stream decides; the index by address is written after it, and a lookup checks
   * what the index names against the school, so a crash between the two misleads nobody.
   */
  private async changeSchoolAddress(
    urn: string,
    address: SchoolAddress,
    present: boolean,
    context: WriteContext,
  ) {
    const stream = directoryStreams.school(urn);
    const { revision } = await this.directory.readWithRevision(stream);
    const school = await this.directory.school(urn);
    if (!school) throw notFound('SCHOOL_NOT_FOUND', `There is no school with URN ${urn}`);
    const value = normalisedAddress(address.value);
    if (present && address.kind === 'domain')
      requireSchoolDomain(value, await this.directory.people());
    const event: DirectoryEvent = present
      ? { type: 'SchoolAddressRegistered', data: { urn, address: { kind: address.kind, value } } }
      : { type: 'SchoolAddressRemoved', data: { urn, address: { kind: address.kind, value } } };
    if (!present && !hasAddress(school, address) && !(await this.indexStillNames(urn, address)))
      throw notFound(
        'SCHOOL_ADDRESS_NOT_FOUND',
        `${value} is not registered for the school with URN ${urn}`,
      );
    if (hasAddress(school, address) !== present)
      await this.directory.append(stream, [event], revision, context, [String(revision)]);
    await this.directory.append(
      directoryStreams.schoolAddress(schoolAddressDigest(address)),
      [event],
      'any',
      context,
      [String(revision)],
    );
    if (!present) await this.revokeWhatAddressesGave(urn, [address], context);
  }

  /**
   * Whether the index by address still names the school for it: a removal that stopped after the
   * school's stream, before the index, is finished when sent again, rather than refused.
   */
  private async indexStillNames(urn: string, address: SchoolAddress): Promise<boolean> {
    const { events } = await this.directory.readWithRevision(
      directoryStreams.schoolAddress(schoolAddressDigest(address)),
    );
    const last = events.findLast(
      (event) =>
        (event.type === 'SchoolAddressRegistered' || event.type === 'SchoolAddressRemoved') &&
        event.data.urn === urn,
    );
    return last?.type === 'SchoolAddressRegistered';
  }

  /**
   * For a person their address made: staff of each school the address reaches now (a domain
   * registered again, a second school of a federation), as at their first link.
   */
  async grantSchoolsTheAddressReaches(
    personId: string,
    urns: readonly string[],
    context: WriteContext,
  ): Promise<void> {
    if (!madeFromTheirAddress(personId)) return;
    await this.change(personId, context, (person) =>
      urns
        .filter((urn) => !holdsSchool(person, urn))
        .map((urn) => ({
          type: 'RoleGranted',
          data: { personId, grant: { role: 'school-staff', schoolUrn: urn } },
        })),
    );
  }

  /**
   * School staff whose account their address made (their first email link) hold a school only
   * while its addresses reach them: once an address or domain that reached them is removed (by an
   * administrator, or by an import that no longer lists it) and none left reaches them, so is their
   * access, at once (each request reads their roles). Whom an administrator made school staff, and
   * whom the removed addresses never reached, keep what they hold.
   */
  async revokeWhatAddressesGave(
    urn: string,
    removed: readonly SchoolAddress[],
    context: WriteContext,
  ): Promise<void> {
    if (removed.length === 0) return;
    const school = await this.directory.school(urn);
    if (!school) return;
    const reachedByRemoved = (email: string) =>
      addressesReaching(email).some((address) =>
        removed.some((gone) => sameAddress(gone, address)),
      );
    for (const person of await this.directory.people()) {
      if (
        !madeFromTheirAddress(person.personId) ||
        !holdsSchool(person, urn) ||
        !reachedByRemoved(person.email) ||
        reaches(school, person.email)
      )
        continue;
      await this.change(person.personId, context, (now) =>
        holdsSchool(now, urn)
          ? [
              {
                type: 'RoleRevoked',
                data: { personId: person.personId, role: 'school-staff', schoolUrn: urn },
              },
            ]
          : [],
      );
    }
  }

  /**
   * Decides a change on the person as their stream stands and appends it at that revision; when
   * another writer got there first (a sign-in, an import revoking for another school), decides
   * again on what they wrote.
   */
  /** Decides against the person as they are, again when another writer got there first; what it appended. */
  private async change(
    personId: string,
    context: WriteContext,
    decide: (person: Person) => DirectoryEvent[],
  ): Promise<readonly DirectoryEvent[]> {
    const stream = directoryStreams.person(personId);
    for (let attempt = 1; ; attempt += 1) {
      const { events, revision } = await this.directory.readWithRevision(stream);
      const person = foldPerson(events);
      if (!person) throw notFound('PERSON_NOT_FOUND', `There is no person ${personId}`);
      const changes = decide(person);
      if (changes.length === 0) return [];
      try {
        await this.directory.append(stream, changes, revision, context, [String(revision)]);
        return changes;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= CHANGE_ATTEMPTS) throw error;
      }
    }
  }
}
