import type { ReactionReport } from '@sg/event-store';
import { Gauge, type Registry } from 'prom-client';
import { oncePerScrape } from './once-per-scrape';
import { registered } from './registered';

/**
 * For each reaction the process runs, from its report (as `/health` shows it):
 * `sg_reaction_lag_events`, `sg_reaction_lag_seconds` (how long the oldest event it has still to
 * handle has waited), `sg_reaction_parked_events` and `sg_reaction_last_error_timestamp_seconds`
 * (when it last failed, if it has). A reaction whose lag cannot be read has no lag series, and
 * `sg_reaction_lag_readable` 0 says so.
 */
export function followReactions(
  registry: Registry,
  reports: () => Promise<ReactionReport[]>,
): void {
  const read = oncePerScrape(reports);
  const gauge = (
    name: string,
    help: string,
    value: (report: ReactionReport) => number | null,
  ): void => {
    registered(
      registry,
      name,
      () =>
        new Gauge({
          name,
          help,
          labelNames: ['reaction'],
          registers: [registry],
          async collect() {
            const all = await read().catch(() => []);
            this.reset();
            for (const report of all) {
              const measured = value(report);
              if (measured !== null) this.set({ reaction: report.name }, measured);
            }
          },
        }),
    );
  };
  gauge(
    'sg_reaction_lag_events',
    'Events in the store after the reaction’s position that it takes and has not handled (counting stops at a limit per look)',
    (report) => report.lag?.events ?? null,
  );
  gauge(
    'sg_reaction_lag_seconds',
    'How long the oldest event the reaction has still to handle has waited (0 when none waits)',
    (report) => (report.lag ? (report.lag.oldestWaitingSeconds ?? 0) : null),
  );
  gauge(
    'sg_reaction_lag_readable',
    'Whether the store could be read past the reaction’s position to count its lag (0: an event there cannot be read, or the store did not answer)',
    (report) => (report.lag ? 1 : 0),
  );
  gauge(
    'sg_reaction_parked_events',
    'Events the reaction parked and no retry has handled yet',
    (report) => report.parked,
  );
  gauge(
    'sg_reaction_last_error_timestamp_seconds',
    'When the reaction last failed at an event (Unix time); no series if it never has',
    (report) => (report.lastError ? Date.parse(report.lastError.at) / 1000 : null),
  );
}
