import type Database from 'better-sqlite3';
import { type Position, type RecordedEvent } from '@sg/event-store';
import { ProjectionCheckpoint } from './projection-checkpoint';
import { type ReadModelProjection } from './projection-reaction';

/**
 * A projection of one stream prefix whose every event is applied on its own (`write`), needing
 * nothing folded from the events before it: a batch and the checkpoint after it commit in one
 * transaction, and an event handed over late is written the same way, alone.
 */
export abstract class EventByEventProjection implements ReadModelProjection {
  abstract readonly name: string;
  readonly streamPrefixes: readonly string[];

  private readonly checkpoint: ProjectionCheckpoint;
  private readonly applyBatch;
  private readonly writeLate;

  constructor(
    db: Database.Database,
    private readonly streamPrefix: string,
    checkpointTable: ConstructorParameters<typeof ProjectionCheckpoint>[1],
  ) {
    this.streamPrefixes = [streamPrefix];
    this.checkpoint = new ProjectionCheckpoint(db, checkpointTable);
    this.applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) this.write(event);
      this.checkpoint.write(events[events.length - 1].position);
    });
    this.writeLate = db.transaction((event: RecordedEvent) => this.write(event));
  }

  /** Writes what one event of the prefix's streams says, if anything. */
  protected abstract write(event: RecordedEvent): void;

  apply(events: readonly RecordedEvent[]): Promise<void> {
    const mine = events.filter((event) => event.stream.startsWith(this.streamPrefix));
    if (mine.length > 0) this.applyBatch(mine);
    return Promise.resolve();
  }

  position(): Position | null {
    return this.checkpoint.read();
  }

  skip(event: RecordedEvent): void {
    this.checkpoint.write(event.position);
  }

  applyLate(event: RecordedEvent): Promise<void> {
    this.writeLate(event);
    return Promise.resolve();
  }
}
