import { Gauge, type Registry } from 'prom-client';
import { registered } from './registered';

/** What the metrics need of the worker's lease. */
export interface WatchedLease {
  /** It holds the lease, or there is no Redis and so no lease to share. */
  readonly leading: boolean;
  /** Why it stands by, when it does: another holds the lease, or Redis or its store is unreachable. */
  readonly waitingBecause?: string | null;
  onLost(listener: (why: string) => void): void;
}

export type LeaseState = 'holding' | 'standing-by' | 'lost';

/** Where the worker stands: acting, waiting for another to let go, or stopping after losing it. */
export function leaseStateOf(lease: WatchedLease, lost: boolean): LeaseState {
  if (lost) return 'lost';
  return lease.leading ? 'holding' : 'standing-by';
}

/**
 * `sg_worker_lease{state}`, 1 for the state the worker is in (holding, standing-by, lost) and 0 for
 * the others, and `sg_worker_running` (1 once its timers, reactions and dispatcher have started).
 * Returns the lease's state, for readiness.
 */
export function followWorkerLease(
  registry: Registry | undefined,
  lease: WatchedLease,
  running: () => boolean,
): () => LeaseState {
  let lost = false;
  lease.onLost(() => (lost = true));
  const state = () => leaseStateOf(lease, lost);
  if (!registry) return state;
  registered(
    registry,
    'sg_worker_lease',
    (name) =>
      new Gauge({
        name,
        help: 'The worker lease: 1 for the state this worker is in (holding, standing-by, lost)',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          const now = state();
          for (const each of ['holding', 'standing-by', 'lost'] as const)
            this.set({ state: each }, each === now ? 1 : 0);
        },
      }),
  );
  registered(
    registry,
    'sg_worker_running',
    (name) =>
      new Gauge({
        name,
        help: 'Whether this process’s worker has started its timers, reactions and dispatcher',
        registers: [registry],
        collect() {
          this.set(running() ? 1 : 0);
        },
      }),
  );
  return state;
}
