import { Injectable } from '@nestjs/common';
import { Directory } from '@sg/directory';

/** How long a name is reused before it is read again: a renamed school shows within a minute. */
const REMEMBERED_MS = 60_000;
const MOST_REMEMBERED = 10_000;

interface Remembered {
  readonly name: string | null;
  readonly until: number;
}

/**
 * The names a list shows beside the ids the read models keep: schools, services, people. Each is
 * read from its directory stream, and remembered for a minute, so a queue of 25 complaints does not
 * read 25 streams on every page view.
 */
@Injectable()
export class DirectoryNames {
  private readonly remembered = new Map<string, Remembered>();

  constructor(private readonly directory: Directory) {}

  school(urn: string): Promise<string | null> {
    return this.named(`school:${urn}`, async () => (await this.directory.school(urn))?.name);
  }

  service(serviceId: string): Promise<string | null> {
    return this.named(
      `service:${serviceId}`,
      async () => (await this.directory.service(serviceId))?.name,
    );
  }

  person(personId: string): Promise<string | null> {
    return this.named(
      `person:${personId}`,
      async () => (await this.directory.person(personId))?.name,
    );
  }

  /**
   * A case officer as a queue names them: one whose account is disabled (gone, or off for long)
   * is marked, for their complaints to be given to someone else.
   */
  caseOfficer(personId: string): Promise<string | null> {
    return this.named(`case-officer:${personId}`, async () => {
      const person = await this.directory.person(personId);
      if (!person) return undefined;
      return person.disabled
        ? `${person.name} (account disabled: assign to someone else)`
        : person.name;
    });
  }

  private async named(
    key: string,
    read: () => Promise<string | undefined>,
  ): Promise<string | null> {
    const now = performance.now();
    const known = this.remembered.get(key);
    if (known && known.until > now) return known.name;
    const name = (await read()) ?? null;
    if (this.remembered.size >= MOST_REMEMBERED) this.remembered.clear();
    this.remembered.set(key, { name, until: now + REMEMBERED_MS });
    return name;
  }
}
