import { type Actor, notFound, type RoleGrant } from '@sg/complaints';
import {
  envelope,
  type EventMetadata,
  type CurrentRevision,
  type EventStore,
  type ExpectedRevision,
  WrongExpectedVersion,
} from '@sg/event-store';
import { deterministicUuid } from './deterministic-id';
import { addressDigest, identityDigest, schoolAddressDigest } from './people/address-digest';
import { mailTurnedOff } from './people/mail-preferences';
import { FoldedStreams } from './folded-streams';
import { actorOf, evolvePerson, normalisedAddress, type Person } from './people/person';
import { addressesReaching, foldSchool, reaches } from './people/school-addresses';
import {
  asDirectoryEvent,
  DIRECTORY_EVENT_SCHEMA_VERSION,
  type DirectoryEvent,
  directoryStreams,
  type FeeAgreementDetails,
  type ReimbursementReservation,
  type SchoolDetails,
  type ServiceDetails,
} from './directory-events';
import {
  confirmReservation,
  type FeeLedger,
  foldFeeLedger,
  releaseReservation,
  reserveReimbursement,
  type ReservationOutcome,
} from './fee-ledger';

export interface WriteContext {
  readonly actor: { readonly id: string; readonly role: string };
  readonly correlationId?: string;
  readonly causationId?: string;
}

const MAX_ATTEMPTS = 50;

type AgreementRef = Pick<FeeAgreementDetails, 'kind' | 'id'>;

/**
 * Reference data kept as event streams, so its history (who was a Board member when, what a
 * contract has paid out) is kept like everything else.
 */
export class Directory {
  private readonly personFolds: FoldedStreams<Person | null>;
  private readonly histories: FoldedStreams<readonly DirectoryEvent[]>;

  constructor(private readonly store: EventStore) {
    this.personFolds = new FoldedStreams<Person | null>(store, null, (person, events) =>
      events.reduce(evolvePerson, person),
    );
    this.histories = new FoldedStreams<readonly DirectoryEvent[]>(store, [], (kept, events) => [
      ...kept,
      ...events,
    ]);
  }

  async person(personId: string): Promise<Person | null> {
    return (await this.personFolds.fold(directoryStreams.person(personId))).state;
  }

  /** The kinds of notification the person turned off; none for someone who never chose. */
  async mailTurnedOff(personId: string): Promise<readonly string[]> {
    return mailTurnedOff(await this.read(directoryStreams.person(personId)));
  }

  /** Who acts, with every role they hold now; nobody for an unknown or disabled account. */
  async actor(personId: string): Promise<Actor | null> {
    const person = await this.person(personId);
    return person && actorOf(person);
  }

  /**
   * Each of these people as `actor` has them now, read once each, to look up by id: whether the
   * members behind a Board decision or approval still count towards its quorum.
   */
  async actorsNow(personIds: Iterable<string>): Promise<(personId: string) => Actor | null> {
    const found = new Map<string, Actor | null>();
    for (const id of new Set(personIds)) found.set(id, await this.actor(id));
    return (personId) => found.get(personId) ?? null;
  }

  /** The person whose claim on the address stands (the index is checked against their stream). */
  async personByEmail(email: string): Promise<Person | null> {
    return (await this.emailClaim(email)).holder;
  }

  /**
   * The address's claim, read once: who holds it (a claim stands while its person still has the
   * address; a crash may have left one orphaned) and the index stream's revision to claim it at.
   */
  async emailClaim(email: string): Promise<{ holder: Person | null; revision: ExpectedRevision }> {
    const { events, revision } = await this.readWithRevision(
      directoryStreams.personEmail(addressDigest(email)),
    );
    const claim = events.findLast((event) => event.type === 'PersonEmailClaimed');
    const person = claim ? await this.person(claim.data.personId) : null;
    const holds = person && normalisedAddress(person.email) === normalisedAddress(email);
    return { holder: holds ? person : null, revision };
  }

  /** The person an identity provider's subject was linked to, if any. */
  async personByIdentity(issuer: string, subject: string): Promise<Person | null> {
    const [link] = await this.read(directoryStreams.identity(identityDigest(issuer, subject)));
    return link?.type === 'IdentityProviderLinked' ? this.person(link.data.personId) : null;
  }

  /** Everyone in the directory, in the order they were added. */
  async people(): Promise<Person[]> {
    const people: Person[] = [];
    const listed = new Set<string>();
    for (const event of await this.read(directoryStreams.people())) {
      if (event.type !== 'PersonListed' || listed.has(event.data.personId)) continue;
      listed.add(event.data.personId);
      const person = await this.person(event.data.personId);
      if (person) people.push(person);
    }
    return people;
  }

  /**
   * The schools whose registered addresses include this one, or its domain. The index names the
   * candidates; each school's own stream decides.
   */
  async schoolsReachedAt(email: string): Promise<SchoolDetails[]> {
    const urns = new Set<string>();
    for (const address of addressesReaching(email)) {
      for (const event of await this.read(
        directoryStreams.schoolAddress(schoolAddressDigest(address)),
      )) {
        if (event.type === 'SchoolAddressRegistered') urns.add(event.data.urn);
      }
    }
    const schools: SchoolDetails[] = [];
    for (const urn of urns) {
      const school = await this.school(urn);
      if (school && reaches(school, email)) schools.push(school);
    }
    return schools;
  }

  /**
   * The people who hold `role` now. The directory keeps no index of people by role, so this
   * reads every person's events: for start-up checks, not for requests.
   */
  async holdersOf(role: RoleGrant['role']): Promise<string[]> {
    const holders = new Set<string>();
    for await (const recorded of this.store.readAll()) {
      if (!recorded.stream.startsWith('person-')) continue;
      const event = asDirectoryEvent(recorded);
      if (event.type === 'RoleGranted' && event.data.grant.role === role)
        holders.add(event.data.personId);
      else if (event.type === 'RoleRevoked' && event.data.role === role)
        holders.delete(event.data.personId);
    }
    return [...holders];
  }

  /**
   * Every school's latest name, by URN. The directory keeps no index of its schools, so this reads
   * the whole store: for an administrator's search or an import, not for ordinary requests.
   */
  /** Every school's name by URN, with its town where the directory has it. */
  async schoolNames(): Promise<
    Map<string, { readonly name: string; readonly town: string | null }>
  > {
    const names = new Map<string, { readonly name: string; readonly town: string | null }>();
    for await (const recorded of this.store.readAll()) {
      if (!recorded.stream.startsWith('school-')) continue;
      const event = asDirectoryEvent(recorded);
      if (event.type === 'SchoolRegistered' || event.type === 'SchoolDetailsChanged')
        names.set(event.data.urn, { name: event.data.name, town: event.data.town ?? null });
    }
    return names;
  }

  async school(urn: string): Promise<SchoolDetails | null> {
    return foldSchool(await this.read(directoryStreams.school(urn)));
  }

  async service(serviceId: string): Promise<ServiceDetails | null> {
    const [registered] = await this.read(directoryStreams.service(serviceId));
    return registered?.type === 'ServiceRegistered' ? registered.data : null;
  }

  async feeLedger(kind: 'contract' | 'booking', id: string): Promise<FeeLedger | null> {
    return foldFeeLedger(await this.read(directoryStreams.feeAgreement(kind, id)));
  }

  /**
   * Reserves fees on the contract's or booking's ledger for one approval attempt; refuses
   * (REIMBURSEMENT_EXCEEDS_FEES) when the fees are spent. Says, rather than throws, when another
   * attempt already holds the proposal's fees.
   */
  reserveReimbursement(
    agreement: AgreementRef,
    reservation: ReimbursementReservation,
    context: WriteContext,
  ): Promise<ReservationOutcome> {
    return this.changeLedger(
      agreement,
      (ledger) => reserveReimbursement(ledger, reservation),
      context,
      ['reserve', reservation.proposalId, reservation.holder],
    );
  }

  async confirmReservation(
    agreement: AgreementRef,
    proposalId: string,
    holder: string,
    context: WriteContext,
  ): Promise<void> {
    await this.changeLedger(
      agreement,
      (ledger) => ({ events: confirmReservation(ledger, proposalId, holder) }),
      context,
      ['confirm', proposalId, holder],
    );
  }

  async releaseReservation(
    agreement: AgreementRef,
    proposalId: string,
    holder: string,
    reason: string,
    context: WriteContext,
  ): Promise<void> {
    await this.changeLedger(
      agreement,
      (ledger) => ({ events: releaseReservation(ledger, proposalId, holder, reason) }),
      context,
      ['release', proposalId, holder],
    );
  }

  /**
   * Decides a ledger change on the ledger as it stands and appends it at that revision; when
   * another writer got there first, decides again on the new ledger.
   */
  private async changeLedger<Outcome extends { events: DirectoryEvent[] }>(
    agreement: AgreementRef,
    change: (ledger: FeeLedger) => Outcome,
    context: WriteContext,
    seed: readonly string[],
  ): Promise<Outcome> {
    const stream = directoryStreams.feeAgreement(agreement.kind, agreement.id);
    for (let attempt = 1; ; attempt += 1) {
      const history = await this.readWithRevision(stream);
      const ledger = foldFeeLedger(history.events);
      if (!ledger)
        throw notFound('FEE_AGREEMENT_NOT_FOUND', `There is no ${agreement.kind} ${agreement.id}`);
      const outcome = change(ledger);
      if (outcome.events.length === 0) return outcome;
      try {
        await this.append(stream, outcome.events, history.revision, context, [
          ...seed,
          String(history.revision),
        ]);
        return outcome;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
        // Writers in other processes retry too; a random pause keeps them from colliding in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 20)));
      }
    }
  }

  /**
   * Appends directory events. Ids derive from the stream, the seed and each event's content, so
   * writing the same facts again (a re-run import) stores nothing twice.
   */
  async append(
    stream: string,
    events: readonly DirectoryEvent[],
    expectedRevision: ExpectedRevision,
    context: WriteContext,
    seed: readonly string[] = [],
  ): Promise<void> {
    const metadata: EventMetadata = {
      schemaVersion: DIRECTORY_EVENT_SCHEMA_VERSION,
      actor: context.actor,
      ...(context.correlationId ? { correlationId: context.correlationId } : {}),
      ...(context.causationId ? { causationId: context.causationId } : {}),
    };
    await this.store.appendToStream(
      stream,
      events.map((event, i) =>
        envelope(
          event,
          metadata,
          deterministicUuid(stream, ...seed, String(i), event.type, JSON.stringify(event.data)),
        ),
      ),
      { expectedRevision },
    );
  }

  async readWithRevision(
    stream: string,
  ): Promise<{ events: readonly DirectoryEvent[]; revision: CurrentRevision }> {
    const { state, revision } = await this.histories.fold(stream);
    return { events: state, revision };
  }

  private async read(stream: string): Promise<readonly DirectoryEvent[]> {
    return (await this.readWithRevision(stream)).events;
  }
}
