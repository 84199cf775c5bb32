import Database from 'better-sqlite3';
import { type CheckpointStore } from './checkpoints/checkpoint-store';
import { type EventStore, type RecordedEvent, type Subscription } from './event-store';
import { comparePositions, formatPosition, type Position } from './position';
import { eventLogFields, type Reaction, type RunnerLogger } from './reaction';
import { errorMessage } from './reactions/error-message';
import { retryRequestedEvents } from './reactions/parked-event-retries';
import { type ParkedEventStore } from './reactions/parked-event-store';
import { ProgressRecorder } from './reactions/progress-recorder';
import { type LagScan, lagOf, scanLag } from './reactions/reaction-lag';
import { type ReactionProgressStore } from './reactions/reaction-progress-store';
import { readyBatches } from './reactions/ready-batches';
import { type ReactionReport, reactionReport } from './reactions/reaction-report';
import { SqliteParkedEventStore } from './reactions/sqlite-parked-event-store';
import { SqliteReactionProgressStore } from './reactions/sqlite-reaction-progress-store';
import { isTransientFailure } from './reactions/transient-failure';

export interface CheckpointedRunnerOptions {
  readonly retryDelayMs?: { readonly first: number; readonly max: number };
  /** Failed attempts at one event after which it is parked (5 unless said). */
  readonly attemptsBeforeParking?: number;
  /** How often a running reaction looks for parked events someone asked to retry (1 s unless said). */
  readonly retryRequestPollMs?: number;
  /** The most events handed to a reaction's `handleBatch` at once (500 unless said). */
  readonly maxBatch?: number;
  /** Where parked events and progress are written; a database in memory when not given (tests). */
  readonly parkedEvents?: ParkedEventStore;
  readonly progress?: ReactionProgressStore;
  readonly logger?: RunnerLogger;
  readonly now?: () => Date;
}

export interface RunningReaction {
  /** The position of the last event the reaction finished (or parked), in this run or an earlier one. */
  readonly position: Position | null;
  /** Resolves once the reaction has finished (or parked) the event at `position` or a later one. */
  reached(position: Position): Promise<void>;
  stop(): Promise<void>;
}

/** Events read per report and reaction, to keep /health quick; a longer lag is "at least". */
const LAG_READ_LIMIT = 2_000;

/**
 * Feeds a reaction the events after its checkpoint, then follows new ones live: one at a time, or,
 * to a reaction with `handleBatch`, every event the subscription has ready at once (so a batch
 * costs one commit, not one per event). A batch that fails is handed over again one event at a
 * time, and what follows holds for those events one by one. If the reaction fails, the runner
 * waits (doubling the pause up to a maximum) and starts again from the last checkpoint, so the
 * failed event is retried rather than skipped. After a few failed attempts at the same event it
 * parks the event (records it, with its error) and goes on past it, so one bad event cannot stall
 * every later one; a failure that says something is down parks nothing. A parked event is handed
 * to the reaction again only when someone asks.
 */
export class CheckpointedRunner {
  private readonly retry: { first: number; max: number };
  private readonly attemptsBeforeParking: number;
  private readonly retryRequestPollMs: number;
  private readonly maxBatch: number;
  private readonly parked: ParkedEventStore;
  private readonly progress: ReactionProgressStore;
  private readonly logger: RunnerLogger;
  private readonly now: () => Date;
  private readonly running = new Map<
    string,
    { readonly progress: ProgressRecorder; lagScan: LagScan | null }
  >();

  constructor(
    private readonly store: EventStore,
    private readonly checkpointStore: CheckpointStore,
    options: CheckpointedRunnerOptions = {},
  ) {
    this.retry = { first: 100, max: 30_000, ...options.retryDelayMs };
    this.attemptsBeforeParking = Math.max(1, options.attemptsBeforeParking ?? 5);
    this.retryRequestPollMs = options.retryRequestPollMs ?? 1000;
    this.maxBatch = Math.max(1, options.maxBatch ?? 500);
    const memory = options.parkedEvents && options.progress ? null : new Database(':memory:');
    this.parked = options.parkedEvents ?? new SqliteParkedEventStore(memory!);
    this.progress = options.progress ?? new SqliteReactionProgressStore(memory!);
    this.logger = options.logger ?? { error: (message) => process.stderr.write(`${message}\n`) };
    this.now = options.now ?? (() => new Date());
  }

  start(reaction: Reaction): RunningReaction {
    const controller = new AbortController();
    const progress = new ProgressRecorder(
      this.progress,
      reaction.name,
      reaction.filter,
      this.now,
      (message) => this.logger.error(message),
    );
    const entry = { progress, lagScan: null };
    this.running.set(reaction.name, entry);
    // Listed from the start, before it has an event or a failure to report.
    void progress.record();
    let position: Position | null = null;
    let current: Subscription | undefined;
    const waiters = new Set<{ target: Position; resolve: () => void }>();
    const advance = (to: Position) => {
      // Never back: a reaction without `skip` reloads a checkpoint from before an event parked.
      if (position && comparePositions(to, position) <= 0) return;
      position = to;
      progress.advanced(to);
      for (const waiter of [...waiters]) {
        if (comparePositions(to, waiter.target) >= 0) {
          waiters.delete(waiter);
          waiter.resolve();
        }
      }
    };

    // Live events and requested retries take turns: a reaction never handles two at once.
    let turn: Promise<unknown> = Promise.resolve();
    const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
      const result = turn.then(work);
      turn = result.catch(() => undefined);
      return result;
    };

    const loadCheckpoint = () =>
      reaction.checkpoints === 'runner'
        ? this.checkpointStore.load(reaction.name)
        : reaction.checkpoints.loadCheckpoint();

    const goPast = async (event: RecordedEvent) => {
      if (reaction.checkpoints === 'runner')
        await this.checkpointStore.save(reaction.name, event.position);
      else await reaction.skip?.(event);
      advance(event.position);
    };

    const park = async (event: RecordedEvent, error: string, attempts: number) => {
      const parked = await this.parked.park({
        reaction: reaction.name,
        position: event.position,
        stream: event.stream,
        revision: event.revision,
        eventId: event.id,
        type: event.type,
        error,
        attempts,
        parkedAt: this.now(),
      });
      await goPast(event);
      this.logger.error(
        `${reaction.name} parked ${event.type} ${event.id} (${event.stream} at ${formatPosition(event.position)}) as parked event ${parked.id} after ${attempts} attempts, and goes on: ${error}`,
        eventLogFields(event),
      );
    };

    const isTransient = (error: unknown) =>
      reaction.isTransient?.(error) === true || isTransientFailure(error);

    const run = async () => {
      let delay = this.retry.first;
      let failing: { readonly eventId: string; readonly attempts: number } | null = null;
      // After a batch failed: its events, up to here, go one at a time (retries included), so the
      // one that fails is found, counted and parked alone.
      let singlyThrough: Position | null = null;
      let handling: RecordedEvent | null = null;

      const handled = (to: Position) => {
        handling = null;
        advance(to);
        failing = null;
        delay = this.retry.first;
      };

      const handleOneByOne = async (events: readonly RecordedEvent[]) => {
        for (const event of events) {
          handling = event;
          await inTurn(() => reaction.handle(event));
          if (reaction.checkpoints === 'runner')
            await this.checkpointStore.save(reaction.name, event.position);
          handled(event.position);
          if (singlyThrough && comparePositions(event.position, singlyThrough) >= 0)
            singlyThrough = null;
        }
      };

      const handleEvents = async (events: readonly RecordedEvent[]) => {
        if (events.length === 0) return;
        const last = events[events.length - 1];
        if (singlyThrough && comparePositions(events[0].position, singlyThrough) > 0)
          singlyThrough = null;
        if (!reaction.handleBatch || events.length === 1 || singlyThrough)
          return handleOneByOne(events);
        try {
          await inTurn(() => reaction.handleBatch!(events));
        } catch (error) {
          if (controller.signal.aborted) throw error;
          singlyThrough = last.position;
          this.logger.log?.(
            `${reaction.name}: a batch of ${events.length} events failed (${errorMessage(error)}); handling them one at a time`,
          );
          return handleOneByOne(events);
        }
        if (reaction.checkpoints === 'runner')
          await this.checkpointStore.save(reaction.name, last.position);
        handled(last.position);
      };

      while (!controller.signal.aborted) {
        handling = null;
        try {
          const from = await loadCheckpoint();
          if (from) advance(from);
          const passOver = await this.parked.eventIdsAfter(reaction.name, from);
          const subscription = this.store.subscribeToAll({
            fromPosition: from ?? 'start',
            filter: reaction.filter,
          });
          current = subscription;
          if (controller.signal.aborted) await subscription.stop();
          for await (const ready of readyBatches(subscription, this.maxBatch)) {
            let batch: RecordedEvent[] = [];
            for (const event of ready) {
              if (!passOver.has(event.id)) {
                batch.push(event);
                continue;
              }
              await handleEvents(batch);
              batch = [];
              await inTurn(() => goPast(event));
            }
            await handleEvents(batch);
          }
        } catch (error) {
          if (controller.signal.aborted) return;
          await current?.stop();
          const message = errorMessage(error);
          // Set by the handlers above, which the compiler does not follow into.
          const event = handling as RecordedEvent | null;
          const attempts: number = event
            ? (failing?.eventId === event.id ? failing.attempts : 0) + 1
            : 0;
          if (event) failing = { eventId: event.id, attempts };
          progress.failed({ message, at: this.now(), eventId: event?.id ?? null, attempts });
          const transient = isTransient(error);
          if (event && !transient && attempts >= this.attemptsBeforeParking) {
            try {
              await inTurn(() => park(event, message, attempts));
              failing = null;
              delay = this.retry.first;
              continue;
            } catch (parkError) {
              this.logger.error(
                `${reaction.name} cannot park ${event.id}: ${errorMessage(parkError)}`,
                eventLogFields(event),
              );
            }
          }
          const attempt = !event
            ? ''
            : transient
              ? ` (attempt ${attempts} at ${event.id}; something is down, so it is not parked)`
              : ` (attempt ${attempts} of ${this.attemptsBeforeParking} at ${event.id})`;
          this.logger.error(
            `${reaction.name} failed after ${position ? formatPosition(position) : 'the start'}; retrying in ${delay} ms: ${message}${attempt}`,
            event ? eventLogFields(event) : undefined,
          );
          await new Promise<void>((resolve) => {
            const stopped = () => (clearTimeout(timer), resolve());
            const timer = setTimeout(() => {
              controller.signal.removeEventListener('abort', stopped);
              resolve();
            }, delay);
            controller.signal.addEventListener('abort', stopped, { once: true });
          });
          delay = Math.min(delay * 2, this.retry.max);
        }
      }
    };
    const finished = run();

    let retrying = false;
    const retries = setInterval(() => {
      if (retrying) return;
      retrying = true;
      void inTurn(() =>
        retryRequestedEvents(reaction, {
          store: this.store,
          parked: this.parked,
          now: this.now,
          logger: this.logger,
        }),
      )
        .catch((error) =>
          this.logger.error(`${reaction.name} cannot retry parked events: ${errorMessage(error)}`),
        )
        .finally(() => (retrying = false));
    }, this.retryRequestPollMs);
    retries.unref();

    return {
      get position() {
        return position;
      },
      reached(target) {
        if (position && comparePositions(position, target) >= 0) return Promise.resolve();
        return new Promise((resolve) => waiters.add({ target, resolve }));
      },
      stop: async () => {
        controller.abort();
        clearInterval(retries);
        await current?.stop();
        await finished;
        await turn;
        await progress.record();
        if (this.running.get(reaction.name) === entry) this.running.delete(reaction.name);
      },
    };
  }

  /** How each reaction this runner is running is doing: how far, how far behind, how it failed. */
  async reports(): Promise<ReactionReport[]> {
    const now = this.now();
    const reports = await Promise.all(
      [...this.running.values()].map(async (entry) => {
        const progress = entry.progress.current;
        // A store that cannot be read past the reaction leaves its lag unknown, not the report.
        entry.lagScan = await scanLag(this.store, progress.position, progress.filter, {
          readLimit: LAG_READ_LIMIT,
          previous: entry.lagScan,
        }).catch(() => null);
        const parked = await this.parked.waiting(progress.reaction);
        return reactionReport(progress, entry.lagScan && lagOf(entry.lagScan, now), parked.length);
      }),
    );
    return reports.sort((a, b) => a.name.localeCompare(b.name));
  }
}
