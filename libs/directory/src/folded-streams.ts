import { type CurrentRevision, type EventStore } from '@sg/event-store';
import { asDirectoryEvent, type DirectoryEvent } from './directory-events';

export interface Folded<State> {
  readonly state: State;
  /** The last revision of the stream the fold took in; 'no_stream' before its first event. */
  readonly revision: CurrentRevision;
}

/** Streams whose folds a process keeps: every account and contract of a county, many times over. */
const KEPT = 20_000;

/**
 * Directory streams as they say now. Requests read the same few again and again (the caller's
 * person on every one, a complaint's contract on every look at it), so the fold of each is kept
 * and a read asks the store only for what was appended after it: nearly always nothing. The store
 * is still asked every time, so a revoked role, a disabled account or another node's reservation
 * counts at once. A fold is right only because a stream is never changed but by appending to it:
 * whatever one day rewrites a stream in place (erasure, say) must forget the folds of it too.
 */
export class FoldedStreams<State> {
  private readonly kept = new Map<string, Folded<State>>();

  constructor(
    private readonly store: EventStore,
    private readonly initial: State,
    /** Takes in the events appended since; must return a new state, never change the one given. */
    private readonly evolve: (state: State, events: readonly DirectoryEvent[]) => State,
  ) {}

  async fold(stream: string): Promise<Folded<State>> {
    const kept = this.kept.get(stream);
    const after = kept && kept.revision !== 'no_stream' ? kept.revision + 1n : 0n;
    const events: DirectoryEvent[] = [];
    let last: bigint | null = null;
    for await (const recorded of this.store.readStream(stream, { fromRevision: after })) {
      events.push(asDirectoryEvent(recorded));
      last = recorded.revision;
    }
    if (last === null) {
      if (!kept) return { state: this.initial, revision: 'no_stream' };
      // Read again and current: the last to go when the map is full (the caller's own person is
      // read on every request but rarely changes). Unless a newer fold came meanwhile.
      if (this.kept.get(stream) === kept) this.keep(stream, kept);
      return kept;
    }
    const folded = { state: this.evolve(kept?.state ?? this.initial, events), revision: last };
    // A slower read of the same stream may finish after a newer one: it keeps nothing older.
    const newest = this.kept.get(stream);
    if (!newest || newest.revision === 'no_stream' || newest.revision < last)
      this.keep(stream, folded);
    return folded;
  }

  private keep(stream: string, folded: Folded<State>): void {
    this.kept.delete(stream);
    this.kept.set(stream, folded);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
  }
}
