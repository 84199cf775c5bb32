import type { EventStore, ReactionReport } from '@sg/event-store';

/** Null when the store gives up its first event (or has none), otherwise why it did not. */
export async function storeAnswers(store: Pick<EventStore, 'readAll'>): Promise<string | null> {
  for await (const event of store.readAll({ maxCount: 1 })) void event;
  return null;
}

/**
 * Null when every reaction is at most `maxLagEvents` behind, otherwise which are further, and
 * which, failing, cannot read the store past their position at all: an event there that cannot be
 * read stops them for good, however few events are behind it.
 */
export async function reactionsKeepUp(
  reports: () => Promise<ReactionReport[]>,
  maxLagEvents: number,
): Promise<string | null> {
  const reasons = (await reports()).flatMap((report) => {
    if (report.lag === null)
      return report.lastError
        ? [`${report.name} cannot read the store past its position (${report.lastError.message})`]
        : [];
    return report.lag.events > maxLagEvents
      ? [
          `${report.name} is ${report.lag.atLeast ? 'at least ' : ''}${report.lag.events} events behind (more than ${maxLagEvents})`,
        ]
      : [];
  });
  return reasons.length === 0 ? null : reasons.join('; ');
}
