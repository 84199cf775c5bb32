import { Gauge, type Registry } from 'prom-client';
import { registered } from './registered';

export interface OutboxBacklog {
  readonly waiting: number;
  readonly due: number;
  readonly retrying: number;
  readonly failed: number;
  readonly oldestDueAt: string | null;
}

export interface OutboxSources {
  readonly backlog: (now: Date) => OutboxBacklog;
  readonly now: () => Date;
  /** Whether this worker sends the mail: a standby's outbox is not the one being sent. */
  readonly active: () => boolean;
}

/**
 * `sg_outbox_messages{state}`: waiting to go, due now (out of working hours they wait for the
 * morning), retrying after a failure, failed for good; and `sg_outbox_oldest_due_seconds`.
 */
export function followOutbox(registry: Registry, sources: OutboxSources): void {
  // A file that cannot be read now (closing at shutdown) leaves no series, not a failed scrape.
  const backlog = (now: Date): OutboxBacklog | null => {
    try {
      return sources.backlog(now);
    } catch {
      return null;
    }
  };
  registered(
    registry,
    'sg_outbox_messages',
    (name) =>
      new Gauge({
        name,
        help: 'Messages in the outbox, by state: waiting, due, retrying, failed (for good)',
        labelNames: ['state'],
        registers: [registry],
        collect() {
          this.reset();
          if (!sources.active()) return;
          const counts = backlog(sources.now());
          for (const state of ['waiting', 'due', 'retrying', 'failed'] as const)
            if (counts) this.set({ state }, counts[state]);
        },
      }),
  );
  registered(
    registry,
    'sg_outbox_oldest_due_seconds',
    (name) =>
      new Gauge({
        name,
        help: 'How long the oldest message due in the outbox has been due (0 when none is)',
        registers: [registry],
        collect() {
          this.reset();
          if (!sources.active()) return;
          const now = sources.now();
          const counts = backlog(now);
          if (!counts) return;
          const oldest = counts.oldestDueAt;
          this.set(oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0);
        },
      }),
  );
}
