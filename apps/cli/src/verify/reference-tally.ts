import { formatPosition, type RecordedEvent } from '@sg/event-store';
import { type Problems } from './problem';

/**
 * Each complaint's reference against the counters that hand them out: a reference is lodged once,
 * and only after its year's counter allocated it. A counter that lost events, or was written
 * around, would let the engine give a reference out again; the counter alone cannot tell.
 */
export class ReferenceTally {
  private readonly allocated = new Set<string>();
  private readonly lodged = new Map<string, { stream: string; event: RecordedEvent }[]>();

  countersEvents(events: readonly RecordedEvent[]): void {
    for (const event of events) {
      const { reference } = event.data as { reference?: unknown };
      if (event.type === 'ReferenceAllocated' && typeof reference === 'string')
        this.allocated.add(reference);
    }
  }

  complaintsEvents(stream: string, events: readonly RecordedEvent[]): void {
    const lodge = events.find((event) => event.type === 'ComplaintLodged');
    const { reference } = (lodge?.data ?? {}) as { reference?: unknown };
    if (!lodge || typeof reference !== 'string') return;
    this.lodged.set(reference, [...(this.lodged.get(reference) ?? []), { stream, event: lodge }]);
  }

  report(problems: Problems): void {
    for (const [reference, lodges] of this.lodged) {
      lodges.forEach(({ stream, event }, i) => {
        const problem = (message: string) =>
          problems.add(`reference:${stream}:${message}`, {
            stream,
            revision: event.revision,
            position: formatPosition(event.position),
            message,
          });
        if (i > 0) problem(`${reference} is also the reference of ${lodges[0].stream}`);
        if (!this.allocated.has(reference))
          problem(`${reference} was never allocated by its year's reference counter`);
      });
    }
  }
}
