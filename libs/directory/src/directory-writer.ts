import { type Directory, type WriteContext } from './directory';
import {
  directoryStreams,
  type FeeAgreementDetails,
  type SchoolAddress,
  type SchoolDetails,
  type ServiceDetails,
} from './directory-events';
import { foldFeeLedger } from './fee-ledger';
import { type ImportedFeeAgreements } from './importers/contracts';
import { ImportRefused } from './importers/csv-rows';
import { schoolAddressDigest } from './people/address-digest';
import { type NewPerson, PeopleRecords } from './people/people-records';
import { importedSchool, sameAddress } from './people/school-addresses';

export interface ImportCounts {
  readonly added: number;
  readonly changed: number;
  readonly unchanged: number;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Writes reference data into the directory's streams, idempotently: running it twice changes nothing. */
export class DirectoryWriter {
  constructor(
    private readonly directory: Directory,
    private readonly context: WriteContext,
  ) {}

  async services(services: readonly ServiceDetails[]): Promise<ImportCounts> {
    let added = 0;
    for (const service of services) {
      if (await this.directory.service(service.serviceId)) continue;
      await this.directory.append(
        directoryStreams.service(service.serviceId),
        [{ type: 'ServiceRegistered', data: service }],
        'no_stream',
        this.context,
      );
      added += 1;
    }
    return { added, changed: 0, unchanged: services.length - added };
  }

  async schools(schools: readonly SchoolDetails[]): Promise<ImportCounts> {
    const counts = { added: 0, changed: 0, unchanged: 0 };
    const changed: { before: SchoolDetails; after: SchoolDetails }[] = [];
    await inGroups(schools, async (school) => {
      const stream = directoryStreams.school(school.urn);
      const { events, revision } = await this.directory.readWithRevision(stream);
      const current = importedSchool(events);
      if (current && same(current, school)) {
        counts.unchanged += 1;
        return;
      }
      const type = current ? 'SchoolDetailsChanged' : 'SchoolRegistered';
      await this.directory.append(stream, [{ type, data: school }], revision, this.context, [
        String(revision),
      ]);
      await this.indexAddresses(school, String(revision));
      if (current) changed.push({ before: current, after: school });
      counts[current ? 'changed' : 'added'] += 1;
    });
    // One school at a time: schools that shared a domain share the people it reached.
    for (const { before, after } of changed) await this.revokeWhatTheImportDropped(before, after);
    return counts;
  }

  /** What an import no longer lists no longer gives access: see revokeWhatAddressesGave. */
  private async revokeWhatTheImportDropped(before: SchoolDetails, after: SchoolDetails) {
    const dropped = (kind: SchoolAddress['kind'], was: readonly string[], is: readonly string[]) =>
      was
        .map((value): SchoolAddress => ({ kind, value }))
        .filter((address) => !is.some((value) => sameAddress(address, { kind, value })));
    await new PeopleRecords(this.directory).revokeWhatAddressesGave(
      after.urn,
      [
        ...dropped('email', before.emails, after.emails),
        ...dropped('domain', before.domains, after.domains),
      ],
      this.context,
    );
  }

  /** Contracts and bookings are recorded once; a different record under a known id is refused, before anything is written. */
  async feeAgreements(
    agreements: readonly FeeAgreementDetails[],
    lines: ImportedFeeAgreements['lines'] = agreements.map((_, i) => i + 1),
  ): Promise<ImportCounts> {
    const toAdd: FeeAgreementDetails[] = [];
    const problems = [];
    for (const [i, agreement] of agreements.entries()) {
      const { events } = await this.directory.readWithRevision(
        directoryStreams.feeAgreement(agreement.kind, agreement.id),
      );
      const existing = foldFeeLedger(events);
      if (!existing) toAdd.push(agreement);
      else if (!same(existing.agreement, agreement)) {
        problems.push({
          line: lines[i],
          problem: `${agreement.kind} ${agreement.id} is already recorded with different details`,
        });
      }
    }
    if (problems.length > 0) throw new ImportRefused('contracts file', problems);
    await inGroups(toAdd, (agreement) =>
      this.directory.append(
        directoryStreams.feeAgreement(agreement.kind, agreement.id),
        [{ type: 'FeeAgreementRecorded', data: agreement }],
        'no_stream',
        this.context,
      ),
    );
    return { added: toAdd.length, changed: 0, unchanged: agreements.length - toAdd.length };
  }

  async person(person: NewPerson): Promise<boolean> {
    return new PeopleRecords(this.directory).add(person, this.context);
  }

  /** People not yet in the directory are added; how many were. */
  async people(people: readonly NewPerson[]): Promise<number> {
    let added = 0;
    await inGroups(people, async (person) => {
      if (await this.person(person)) added += 1;
    });
    return added;
  }

  /** Imported addresses join the index by address, as registered ones do (lookups check the school). */
  private async indexAddresses(school: SchoolDetails, seed: string) {
    const addresses = [
      ...school.emails.map((value) => ({ kind: 'email' as const, value })),
      ...school.domains.map((value) => ({ kind: 'domain' as const, value })),
    ];
    await inGroups(addresses, (address) =>
      this.directory.append(
        directoryStreams.schoolAddress(schoolAddressDigest(address)),
        [{ type: 'SchoolAddressRegistered', data: { urn: school.urn, address } }],
        'any',
        this.context,
        [school.urn, seed],
      ),
    );
  }
}

/**
 * Works through `items` a group at a time, the group's writes in flight together: the store
 * commits the appends of one moment in one transaction, so a group costs one wait for the disk.
 */
async function inGroups<T>(
  items: readonly T[],
  work: (item: T) => Promise<unknown>,
  size = 64,
): Promise<void> {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(work));
}
