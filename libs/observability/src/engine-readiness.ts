import type { EventStore, ReactionReport } from '@sg/event-store';

/** Null when the store gives up its first event (or has none), otherwise why it did not. */
export async function storeAnswers(store: Pick<EventStore, 'readAll'>): Promise<string | null> {
  for await (const event of store.readAll({ maxCount: 1 })) void event;
  return null;
}

/** Null when every reaction is at most `maxLagEvents` behind, otherwise which are further. */
export async function reactionsKeepUp(
  reports: () => Promise<ReactionReport[]>,
  maxLagEvents: number,
): Promise<string | null> {
  const behind = (await reports()).filter(
    (report) => report.lag !== null && report.lag.events > maxLagEvents,
  );
  if (behind.length === 0) return null;
  return behind
    .map(
      (report) =>
        `${report.name} is ${report.lag!.atLeast ? 'at least ' : ''}${report.lag!.events} events behind (more than ${maxLagEvents})`,
    )
    .join('; ');
}
