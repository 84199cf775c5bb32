import { type RecordedEvent } from '@sg/event-store';
import {
  DIRECTORY_EVENT_SCHEMA_VERSION,
  type DirectoryEvent,
  directoryStreams,
  foldFeeLedger,
  foldPerson,
  foldSchool,
} from '@sg/directory';
import { isDirectoryEventType } from './directory-event-types';
import { newerThanThisRelease, type StreamCheck } from './stream-check';

type Fold = (events: readonly DirectoryEvent[]) => unknown;

/** The fold `Directory` reads a stream with, where it has one: people, schools, fee ledgers. */
function foldFor(stream: string): Fold | null {
  if (stream.startsWith(directoryStreams.personEmail(''))) return null;
  if (stream.startsWith(directoryStreams.schoolAddress(''))) return null;
  if (stream.startsWith(directoryStreams.person(''))) return foldPerson;
  if (stream.startsWith(directoryStreams.school(''))) return foldSchool;
  if (
    stream.startsWith(directoryStreams.feeAgreement('contract', '')) ||
    stream.startsWith(directoryStreams.feeAgreement('booking', ''))
  )
    return foldFeeLedger;
  return null;
}

const folds = (fold: Fold, events: readonly DirectoryEvent[]) => {
  try {
    fold(events);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/**
 * A directory stream as `Directory` reads it: known event types at a schema version this release
 * reads, folded (for people, schools and fee ledgers) by the directory's own folds. Those take a
 * whole history, so when one fails the shortest history that fails names the event.
 */
export const checkDirectoryStream: StreamCheck = (stream, events, report) => {
  const readable: { event: RecordedEvent; directory: DirectoryEvent }[] = [];
  for (const event of events) {
    if (!isDirectoryEventType(event.type)) {
      report(event, `${event.type} is not a directory event this release knows`);
      continue;
    }
    const newer = newerThanThisRelease(event, DIRECTORY_EVENT_SCHEMA_VERSION);
    if (newer) report(event, newer);
    else
      readable.push({ event, directory: { type: event.type, data: event.data } as DirectoryEvent });
  }
  const fold = foldFor(stream);
  if (!fold) return;
  const history = readable.map((r) => r.directory);
  if (folds(fold, history) === null) return;
  for (let length = 1; length <= history.length; length += 1) {
    const failure = folds(fold, history.slice(0, length));
    if (failure !== null) {
      report(readable[length - 1].event, `cannot be folded: ${failure}`);
      return;
    }
  }
};
