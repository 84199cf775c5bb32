import { formatReference } from '@sg/complaints';
import { type EventStore, timeOrderedUuid, WrongExpectedVersion } from '@sg/event-store';
import { londonYearOf } from '@sg/working-days';

interface Waiting {
  readonly correlationId: string;
  readonly resolve: (reference: string) => void;
  readonly reject: (error: Error) => void;
}

/** The longest pause between two tries when other processes keep winning the counter. */
const MAX_PAUSE_MS = 50;

/**
 * Hands out SG-<year>-<number> references from a counter stream per year: the event at revision r
 * allocates number r + 1, so no two complaints share one. In this process, everyone who asks while
 * an allocation is being written waits for the next one, which takes their numbers together in a
 * single append; so only other processes contend for the counter, and losing to them is retried
 * until it succeeds rather than refused. A number allocated to a complaint whose append then fails
 * (a crash, a lost connection) is skipped.
 */
export class ReferenceAllocator {
  private readonly waiting = new Map<number, Waiting[]>();
  private readonly writing = new Set<number>();

  constructor(private readonly store: EventStore) {}

  allocate(at: Date, correlationId: string): Promise<string> {
    const year = londonYearOf(at);
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(year) ?? [];
      queue.push({ correlationId, resolve, reject });
      this.waiting.set(year, queue);
      if (!this.writing.has(year)) void this.writeAllocations(year);
    });
  }

  private async writeAllocations(year: number): Promise<void> {
    this.writing.add(year);
    try {
      for (;;) {
        const batch = this.waiting.get(year) ?? [];
        this.waiting.delete(year);
        if (batch.length === 0) return;
        try {
          const first = await this.appendNumbers(year, batch);
          batch.forEach((waiting, i) => waiting.resolve(formatReference(year, first + i)));
        } catch (error) {
          for (const waiting of batch) waiting.reject(error as Error);
        }
      }
    } finally {
      this.writing.delete(year);
    }
  }

  /** Appends one allocation per waiting request; the first number allocated. */
  private async appendNumbers(year: number, batch: readonly Waiting[]): Promise<number> {
    const stream = `reference-counter-${year}`;
    for (let attempt = 1; ; attempt += 1) {
      let last: bigint | null = null;
      for await (const event of this.store.readStream(stream, {
        direction: 'backwards',
        maxCount: 1,
      })) {
        last = event.revision;
      }
      const first = last === null ? 1 : Number(last) + 2;
      try {
        await this.store.appendToStream(
          stream,
          batch.map((waiting, i) => ({
            id: timeOrderedUuid(),
            type: 'ReferenceAllocated',
            data: { reference: formatReference(year, first + i), number: first + i },
            metadata: { schemaVersion: 1, correlationId: waiting.correlationId },
          })),
          { expectedRevision: last ?? 'no_stream' },
        );
        return first;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion)) throw error;
        // Another process took the next numbers; a random pause keeps two from colliding in step.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * Math.min(MAX_PAUSE_MS, attempt)),
        );
      }
    }
  }
}
