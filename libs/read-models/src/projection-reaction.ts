import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';

/** What the runner needs of a projection that keeps its checkpoint in the read-model file. */
export interface ReadModelProjection {
  readonly name: string;
  readonly streamPrefixes: readonly string[];
  apply(events: readonly RecordedEvent[]): Promise<void>;
  position(): Position | null;
  skip(event: RecordedEvent): void;
  applyLate(event: RecordedEvent): Promise<void>;
}

/**
 * Runs a projection live from the checkpointed runner, which it tells where it got to. An event
 * the runner parks moves the projection's checkpoint past it (`skip`), in the read-model file
 * like any other; a retry applies it late.
 */
export class ProjectionReaction implements Reaction {
  readonly name: string;
  readonly filter: { readonly streamPrefixes: readonly string[] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.projection.position()),
  };

  constructor(private readonly projection: ReadModelProjection) {
    this.name = projection.name;
    this.filter = { streamPrefixes: projection.streamPrefixes };
  }

  handle(event: RecordedEvent): Promise<void> {
    return this.projection.apply([event]);
  }

  /** Every event the runner has ready, with the checkpoint after the last, in one transaction. */
  handleBatch(events: readonly RecordedEvent[]): Promise<void> {
    return this.projection.apply(events);
  }

  skip(event: RecordedEvent): Promise<void> {
    this.projection.skip(event);
    return Promise.resolve();
  }

  retry(event: RecordedEvent): Promise<void> {
    return this.projection.applyLate(event);
  }
}
