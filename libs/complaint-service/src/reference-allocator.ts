import { formatReference } from '@sg/complaints';
import { type EventStore, WrongExpectedVersion } from '@sg/event-store';
import { LONDON } from '@sg/working-days';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';

const MAX_ATTEMPTS = 20;

/**
 * Hands out SG-<year>-<number> references from a counter stream per year. Each number is one
 * event appended at an expected revision, so no two complaints share one; a number allocated to
 * a complaint that then fails to lodge is simply skipped.
 */
export class ReferenceAllocator {
  constructor(private readonly store: EventStore) {}

  async allocate(at: Date, correlationId: string): Promise<string> {
    const year = DateTime.fromJSDate(at, { zone: LONDON }).year;
    const stream = `reference-counter-${year}`;
    for (let attempt = 1; ; attempt += 1) {
      let last: bigint | null = null;
      for await (const event of this.store.readStream(stream, {
        direction: 'backwards',
        maxCount: 1,
      })) {
        last = event.revision;
      }
      const number = last === null ? 1 : Number(last) + 2;
      try {
        await this.store.appendToStream(
          stream,
          [
            {
              id: randomUUID(),
              type: 'ReferenceAllocated',
              data: { reference: formatReference(year, number), number },
              metadata: { schemaVersion: 1, correlationId },
            },
          ],
          { expectedRevision: last ?? 'no_stream' },
        );
        return formatReference(year, number);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersion) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
