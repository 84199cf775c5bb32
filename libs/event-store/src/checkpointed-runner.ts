import { type CheckpointStore } from './checkpoints/checkpoint-store';
import { type EventStore, type RecordedEvent, type SubscriptionFilter } from './event-store';
import { comparePositions, formatPosition, type Position } from './position';

/**
 * Something that must see every event once it is stored (a projection, the deadline reactor, a
 * mailer). Delivery is at least once: after a crash the last event may come again, so handlers
 * are idempotent.
 */
export interface Reaction {
  /** Stable: the checkpoint is stored under it. */
  readonly name: string;
  readonly filter?: SubscriptionFilter;
  /**
   * `runner`: the runner stores the checkpoint in its CheckpointStore after each event.
   * `self`: the reaction stores it itself, in the same transaction as its own writes (a read
   * model), and says where it got to through `loadCheckpoint`.
   */
  readonly checkpoints: 'runner' | { loadCheckpoint(): Promise<Position | null> };
  handle(event: RecordedEvent): Promise<void>;
}

export interface RunnerLogger {
  error(message: string): void;
}

export interface CheckpointedRunnerOptions {
  readonly retryDelayMs?: { readonly first: number; readonly max: number };
  readonly logger?: RunnerLogger;
}

export interface RunningReaction {
  /** The position of the last event the reaction finished, in this run or an earlier one. */
  readonly position: Position | null;
  /** Resolves once the reaction has finished the event at `position` or a later one. */
  reached(position: Position): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Feeds a reaction the events after its checkpoint, one at a time, then follows new ones live.
 * If the reaction fails, the runner waits (doubling the pause up to a maximum) and starts again
 * from the last checkpoint, so the failed event is retried rather than skipped.
 */
export class CheckpointedRunner {
  private readonly retry: { first: number; max: number };
  private readonly logger: RunnerLogger;

  constructor(
    private readonly store: EventStore,
    private readonly checkpointStore: CheckpointStore,
    options: CheckpointedRunnerOptions = {},
  ) {
    this.retry = { first: 100, max: 30_000, ...options.retryDelayMs };
    this.logger = options.logger ?? { error: (message) => process.stderr.write(`${message}\n`) };
  }

  start(reaction: Reaction): RunningReaction {
    const controller = new AbortController();
    let position: Position | null = null;
    let current: { stop(): Promise<void> } | undefined;
    const waiters = new Set<{ target: Position; resolve: () => void }>();
    const advance = (to: Position) => {
      position = to;
      for (const waiter of [...waiters]) {
        if (comparePositions(to, waiter.target) >= 0) {
          waiters.delete(waiter);
          waiter.resolve();
        }
      }
    };

    const loadCheckpoint = () =>
      reaction.checkpoints === 'runner'
        ? this.checkpointStore.load(reaction.name)
        : reaction.checkpoints.loadCheckpoint();

    const run = async () => {
      let delay = this.retry.first;
      while (!controller.signal.aborted) {
        try {
          const from = await loadCheckpoint();
          if (from) advance(from);
          const subscription = this.store.subscribeToAll({
            fromPosition: from ?? 'start',
            filter: reaction.filter,
          });
          current = subscription;
          if (controller.signal.aborted) await subscription.stop();
          for await (const event of subscription) {
            await reaction.handle(event);
            if (reaction.checkpoints === 'runner')
              await this.checkpointStore.save(reaction.name, event.position);
            advance(event.position);
            delay = this.retry.first;
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          await current?.stop();
          this.logger.error(
            `${reaction.name} failed after ${position ? formatPosition(position) : 'the start'}; retrying in ${delay} ms: ${
              error instanceof Error ? error.message : String(error)
            }`,
          );
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {
              once: true,
            });
          });
          delay = Math.min(delay * 2, this.retry.max);
        }
      }
    };
    const finished = run();

    return {
      get position() {
        return position;
      },
      reached(target) {
        if (position && comparePositions(position, target) >= 0) return Promise.resolve();
        return new Promise((resolve) => waiters.add({ target, resolve }));
      },
      async stop() {
        controller.abort();
        await current?.stop();
        await finished;
      },
    };
  }
}
