import { type EventStore } from '@sg/event-store';
import { asDirectoryEvent, directoryStreams } from '../directory-events';
import { evolvePerson, type Person } from './person';

interface Folded {
  readonly person: Person | null;
  /** The last revision of the person's stream the fold took in. */
  readonly revision: bigint;
}

/** People whose folds a process keeps: every account of a county, many times over. */
const KEPT = 20_000;

/**
 * People as their streams say now. Every request that acts for someone reads its person, so the
 * fold of each is kept and a read asks the store only for what was appended after it: nearly
 * always nothing. The store is still asked every time, so a revoked role or a disabled account
 * counts at once, whichever node recorded it.
 */
export class FoldedPeople {
  private readonly kept = new Map<string, Folded>();

  constructor(private readonly store: EventStore) {}

  async person(personId: string): Promise<Person | null> {
    const kept = this.kept.get(personId);
    let { person, revision } = kept ?? { person: null, revision: -1n };
    for await (const recorded of this.store.readStream(directoryStreams.person(personId), {
      fromRevision: revision + 1n,
    })) {
      person = evolvePerson(person, asDirectoryEvent(recorded));
      revision = recorded.revision;
    }
    // A slower read of the same person may finish after a newer one: it keeps nothing older.
    if (revision >= 0n && (!kept || revision > kept.revision))
      this.keep(personId, { person, revision });
    return person;
  }

  private keep(personId: string, folded: Folded): void {
    this.kept.delete(personId);
    this.kept.set(personId, folded);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
  }
}
