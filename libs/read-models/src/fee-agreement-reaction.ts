import { type Position, type Reaction, type RecordedEvent } from '@sg/event-store';
import {
  FEE_AGREEMENT_STREAM_PREFIXES,
  FEE_AGREEMENTS,
  type FeeAgreementProjection,
} from './fee-agreement-projection';

/**
 * Runs the fee-agreement index live from the checkpointed runner, on the contract and booking
 * streams only. Like the complaint projection, it keeps its checkpoint in the read-model file;
 * an event the runner parks moves the checkpoint past it, and a retry applies it late.
 */
export class FeeAgreementReaction implements Reaction {
  readonly name = FEE_AGREEMENTS;
  readonly filter = { streamPrefixes: FEE_AGREEMENT_STREAM_PREFIXES };
  readonly checkpoints = {
    loadCheckpoint: (): Promise<Position | null> => Promise.resolve(this.projection.position()),
  };

  constructor(private readonly projection: FeeAgreementProjection) {}

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
