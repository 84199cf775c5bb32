import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import { type ComplaintProjection, READ_MODELS } from './complaint-projection';

/**
 * Runs the projection live from the checkpointed runner, which it tells where it got to. An event
 * the runner parks moves the projection's checkpoint past it (`skip`), in the read-model file
 * like any other; a retry applies it late.
 */
export class ProjectionReaction implements Reaction {
  readonly name = READ_MODELS;
  readonly filter = { streamPrefixes: ['complaint-'] };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.projection.position()),
  };

  constructor(private readonly projection: ComplaintProjection) {}

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
