import { type EventStore, formatPosition, type RecordedEvent } from '@sg/event-store';
import { type StreamTally } from './all-events-pass';
import { checkComplaintStream } from './complaint-stream-check';
import { checkDirectoryStream } from './directory-stream-check';
import { checkInboundMailStream } from './inbound-mail-stream-check';
import { checkNotificationStream } from './notification-stream-check';
import { type Problems } from './problem';
import { checkReferenceCounter } from './reference-counter-check';
import { ReferenceTally } from './reference-tally';
import { followRevision } from './revision-sequence';
import { categoryOf, type StreamCategory } from './stream-category';
import { type StreamCheck } from './stream-check';

const CHECKS: Partial<Record<StreamCategory, StreamCheck>> = {
  complaint: checkComplaintStream,
  'inbound-mail': checkInboundMailStream,
  notification: checkNotificationStream,
  directory: checkDirectoryStream,
  'reference-counter': checkReferenceCounter,
};

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Reads each stream on its own, as commands do before they decide, as far as reading every event
 * went in it: its revisions must run from 0 without a gap, it must hold the events reading every
 * event found in it, and a stream the engine writes must be readable by the current code (its
 * category's check). One stream is held at a time.
 */
export async function checkEachStream(
  store: EventStore,
  streams: ReadonlyMap<string, StreamTally>,
  problems: Problems,
): Promise<void> {
  const references = new ReferenceTally();
  for (const [stream, tally] of streams) {
    const events: RecordedEvent[] = [];
    let expected = 0n;
    let failure: unknown = null;
    try {
      for await (const event of store.readStream(stream)) {
        // Appended since every event was read (the engine runs on): left for the next check.
        if (event.revision >= tally.nextRevision) break;
        expected = followRevision(problems, stream, expected, event);
        events.push(event);
      }
    } catch (error) {
      failure = error;
    }
    if (failure !== null) {
      if (!tally.unreadable)
        problems.add(`stream:${stream}`, {
          stream,
          revision: expected,
          position: null,
          message: `reading the stream stops after ${events.length} events: ${message(failure)}`,
        });
    } else if (events.length !== tally.events) {
      problems.add(`count:${stream}`, {
        stream,
        revision: null,
        position: null,
        message: `reading the stream gives ${events.length} events; reading every event gave ${tally.events}`,
      });
    }
    const category = categoryOf(stream);
    if (category === 'complaint') references.complaintsEvents(stream, events);
    if (category === 'reference-counter') references.countersEvents(events);
    CHECKS[category]?.(stream, events, (event, why) =>
      problems.add(`event:${stream}:${event.revision}:${why}`, {
        stream,
        revision: event.revision,
        position: formatPosition(event.position),
        message: why,
      }),
    );
  }
  references.report(problems);
}
