import { type Actor, notFound, type RoleGrant } from '@sg/complaints';
import {
  envelope,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type RecordedEvent,
  WrongExpectedVersion,
} from '@sg/event-store';
import { deterministicUuid } from './deterministic-id';
import {
  DIRECTORY_EVENT_SCHEMA_VERSION,
  type DirectoryEvent,
  directoryStreams,
  type FeeAgreementDetails,
  type SchoolDetails,
  type ServiceDetails,
} from './directory-events';
import { commitReimbursement, type FeeLedger, foldFeeLedger } from './fee-ledger';

export interface Person {
  readonly personId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly RoleGrant[];
}

export interface WriteContext {
  readonly actor: { readonly id: string; readonly role: string };
  readonly correlationId?: string;
  readonly causationId?: string;
}

const MAX_ATTEMPTS = 10;

/**
 * Reference data kept as event streams, so its history (who was a Board member when, what a
 * contract has paid out) is kept like everything else.
 */
export class Directory {
  constructor(private readonly store: EventStore) {}

  async person(personId: string): Promise<Person | null> {
    let person: { personId: string; name: string; email: string; roles: RoleGrant[] } | null = null;
    for (const event of await this.read(directoryStreams.person(personId))) {
      if (event.type === 'PersonRegistered') person = { ...event.data, roles: [] };
      else if (person && event.type === 'RoleGranted') {
        person.roles = [
          ...person.roles.filter((grant) => grant.role !== event.data.grant.role),
          event.data.grant,
        ];
      } else if (person && event.type === 'RoleRevoked') {
        person.roles = person.roles.filter((grant) => grant.role !== event.data.role);
      }
    }
    return person;
  }

  async actor(personId: string): Promise<Actor | null> {
    const person = await this.person(personId);
    return person ? { id: person.personId, name: person.name, roles: person.roles } : null;
  }

  async school(urn: string): Promise<SchoolDetails | null> {
    let school: SchoolDetails | null = null;
    for (const event of await this.read(directoryStreams.school(urn))) {
      if (event.type === 'SchoolRegistered' || event.type === 'SchoolDetailsChanged')
        school = event.data;
    }
    return school;
  }

  async service(serviceId: string): Promise<ServiceDetails | null> {
    const [registered] = await this.read(directoryStreams.service(serviceId));
    return registered?.type === 'ServiceRegistered' ? registered.data : null;
  }

  async feeLedger(kind: 'contract' | 'booking', id: string): Promise<FeeLedger | null> {
    return foldFeeLedger(await this.read(directoryStreams.feeAgreement(kind, id)));
  }

  /**
   * Commits fees to a reimbursement on the contract's or booking's ledger, retrying when another
   * commitment got there first; refuses (REIMBURSEMENT_EXCEEDS_FEES) when the fees are spent.
   * Committing the same proposal again changes nothing.
   */
  async commitReimbursement(
    agreement: Pick<FeeAgreementDetails, 'kind' | 'id'>,
    commitment: { complaintId: string; proposalId: string; amountPence: number },
    context: WriteContext,
  ): Promise<void> {
    const stream = directoryStreams.feeAgreement(agreement.kind, agreement.id);
    for (let attempt = 1; ; attempt += 1) {
      const history = await this.readWithRevision(stream);
      const ledger = foldFeeLedger(history.events);
      if (!ledger)
        throw notFound('FEE_AGREEMENT_NOT_FOUND', `There is no ${agreement.kind} ${agreement.id}`);
      const events = commitReimbursement(ledger, commitment);
      if (events.length === 0) return;
      try {
        await this.append(stream, events, history.revision, context, [
          'commit',
          commitment.proposalId,
          String(history.revision),
        ]);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  async releaseReimbursement(
    agreement: Pick<FeeAgreementDetails, 'kind' | 'id'>,
    release: { complaintId: string; proposalId: string; amountPence: number; reason: string },
    context: WriteContext,
  ): Promise<void> {
    const stream = directoryStreams.feeAgreement(agreement.kind, agreement.id);
    const { revision } = await this.readWithRevision(stream);
    await this.append(
      stream,
      [{ type: 'ReimbursementCommitmentReleased', data: release }],
      revision,
      context,
      ['release', release.proposalId, String(revision)],
    );
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
  ): Promise<{ events: DirectoryEvent[]; revision: ExpectedRevision }> {
    const events: DirectoryEvent[] = [];
    let revision: ExpectedRevision = 'no_stream';
    for await (const recorded of this.store.readStream(stream)) {
      events.push(asDirectoryEvent(recorded));
      revision = recorded.revision;
    }
    return { events, revision };
  }

  private async read(stream: string): Promise<DirectoryEvent[]> {
    return (await this.readWithRevision(stream)).events;
  }
}

function asDirectoryEvent(recorded: RecordedEvent): DirectoryEvent {
  return { type: recorded.type, data: recorded.data } as DirectoryEvent;
}
