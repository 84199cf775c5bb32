import { type Registry } from 'prom-client';
import { type DeadlineSources, followDeadlines } from './deadline-metrics';
import { followWorkerLease, type LeaseState, type WatchedLease } from './lease-metrics';
import { followOutbox, type OutboxSources } from './outbox-metrics';
import { type Readiness } from './readiness';

export interface WorkerSources {
  readonly lease: WatchedLease;
  /** Whether the worker's timers, reactions and dispatcher have started. */
  readonly running: () => boolean;
  readonly deadlines: Omit<DeadlineSources, 'active'>;
  readonly outbox: Omit<OutboxSources, 'active'>;
}

const LEASE_REASONS = {
  'standing-by': 'waiting for the lease',
  lost: 'lost the lease; stopping',
} as const;

/**
 * What the worker reports wherever it runs: its lease, its timers and clocks, its outbox, and, for
 * readiness, that it holds the lease and has started. Returns where it stands with the lease.
 */
export function observeWorker(
  registry: Registry | undefined,
  readiness: Readiness | undefined,
  sources: WorkerSources,
): () => LeaseState {
  const leaseState = followWorkerLease(registry, sources.lease, sources.running);
  if (registry) {
    followDeadlines(registry, { ...sources.deadlines, active: sources.running });
    followOutbox(registry, { ...sources.outbox, active: sources.running });
  }
  readiness?.require('worker lease', () => {
    const state = leaseState();
    if (state === 'standing-by')
      return `standing by: ${sources.lease.waitingBecause ?? LEASE_REASONS[state]}`;
    if (state !== 'holding') return LEASE_REASONS[state];
    return sources.running() ? null : 'holds the lease and is starting';
  });
  return leaseState;
}
