import type { DeadlineScheduler, RunningClock } from '@sg/deadlines';
import { Gauge, type Registry } from 'prom-client';
import { oncePerScrape } from './once-per-scrape';
import { registered } from './registered';

export interface DeadlineSources {
  readonly scheduler: Pick<DeadlineScheduler, 'pending' | 'stuck'>;
  readonly clocks: { all(): readonly RunningClock[] };
  /** The engine's time (faster than real time in a demonstration). */
  readonly now: () => Date;
  /** Whether this worker runs the timers: a standby's would be another's, or stale. */
  readonly active: () => boolean;
}

/**
 * `sg_deadline_timers{state}` (pending, stuck: given up on, waiting for the reconciler),
 * `sg_clocks{status}` (running, paused), and `sg_clocks_overdue{timer}` with
 * `sg_clocks_overdue_seconds{timer}`: running clocks whose deadline (or warning) has passed with no
 * timer having recorded it, and how long the oldest of them has been overdue.
 */
export function followDeadlines(registry: Registry, sources: DeadlineSources): void {
  const clocks = oncePerScrape(
    () =>
      // Read inside the promise, so a file that cannot be read rejects it rather than throws.
      new Promise<readonly RunningClock[]>((resolve) =>
        resolve(sources.active() ? sources.clocks.all() : []),
      ),
  );
  const gauge = (
    name: string,
    help: string,
    labelName: string,
    values: () => Promise<Record<string, number>>,
  ) =>
    registered(
      registry,
      name,
      () =>
        new Gauge({
          name,
          help,
          labelNames: [labelName],
          registers: [registry],
          async collect() {
            this.reset();
            if (!sources.active()) return;
            // A source that cannot be read now (Redis away) leaves no series, not a failed scrape.
            const measured = await values().catch(() => ({}));
            for (const [label, value] of Object.entries(measured))
              this.set({ [labelName]: label }, value);
          },
        }),
    );

  gauge('sg_deadline_timers', 'Deadline timers, by state: pending, stuck', 'state', async () => ({
    pending: (await sources.scheduler.pending()).length,
    stuck: (await sources.scheduler.stuck()).length,
  }));
  gauge('sg_clocks', 'Complaint clocks, by status: running, paused', 'status', async () => {
    const all = await clocks();
    return {
      running: all.filter((clock) => clock.status === 'running').length,
      paused: all.filter((clock) => clock.status === 'paused').length,
    };
  });
  const overdue = async () => {
    const now = sources.now().getTime();
    const running = (await clocks()).filter((clock) => clock.status === 'running');
    const passed = (instants: (string | null)[]) =>
      instants
        .filter((instant): instant is string => instant !== null)
        .map((instant) => now - Date.parse(instant))
        .filter((late) => late >= 0);
    return {
      deadline: passed(running.filter((c) => !c.missed).map((c) => c.deadline)),
      warning: passed(running.filter((c) => !c.warned).map((c) => c.warningAt)),
    };
  };
  gauge(
    'sg_clocks_overdue',
    'Running clocks whose deadline or warning has passed and is not yet recorded, by timer',
    'timer',
    async () => {
      const late = await overdue();
      return { deadline: late.deadline.length, warning: late.warning.length };
    },
  );
  gauge(
    'sg_clocks_overdue_seconds',
    'How long the most overdue running clock has been past its deadline or warning, by timer',
    'timer',
    async () => {
      const late = await overdue();
      const longest = (ms: number[]) => (ms.length === 0 ? 0 : Math.max(...ms) / 1000);
      return { deadline: longest(late.deadline), warning: longest(late.warning) };
    },
  );
}
