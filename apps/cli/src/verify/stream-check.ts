import { type RecordedEvent } from '@sg/event-store';

/**
 * Reads one stream's events as the engine's current code does (upcasters, folds) and reports each
 * event that code cannot read, with why.
 */
export type StreamCheck = (
  stream: string,
  events: readonly RecordedEvent[],
  report: (event: RecordedEvent, message: string) => void,
) => void;

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `step`, reporting what it throws against `event`; false when it threw. */
export function readsWithout(
  event: RecordedEvent,
  report: (event: RecordedEvent, message: string) => void,
  what: string,
  step: () => void,
): boolean {
  try {
    step();
    return true;
  } catch (error) {
    report(event, `${what}: ${reason(error)}`);
    return false;
  }
}

/** An event at a schema version this release does not read yet: a newer release wrote it. */
export function newerThanThisRelease(event: RecordedEvent, current: number): string | null {
  const version = event.metadata.schemaVersion;
  return version > current
    ? `${event.type} is at schema version ${version}; this release reads up to ${current} (a newer release wrote it)`
    : null;
}
