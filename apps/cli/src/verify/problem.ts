/** Something wrong with one event (or with the store as a whole, when `stream` is null). */
export interface Problem {
  readonly stream: string | null;
  readonly revision: bigint | null;
  /** As `formatPosition` writes it; null when the event's place in the store is not known. */
  readonly position: string | null;
  readonly message: string;
}

/**
 * The problems found so far, each once: reading every event and then each stream on its own come
 * upon the same missing revision, and it is one problem. `key` says which problem it is.
 */
export class Problems {
  private readonly found = new Map<string, Problem>();

  add(key: string, problem: Problem): void {
    if (!this.found.has(key)) this.found.set(key, problem);
  }

  all(): Problem[] {
    return [...this.found.values()];
  }
}
