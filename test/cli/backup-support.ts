import { ReferenceAllocator } from '@sg/complaint-service';
import { complaintStream, type ComplaintEvent, schemaVersionOf } from '@sg/complaints';
import { type EventStore, envelope, type NewEvent, type RecordedEvent } from '@sg/event-store';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { COMPLAINT_HISTORY } from '../support/complaint-history';
import { builtEntry, repositoryRoot } from '../support/run-built';

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built CLI in a child process of its own, awaited without blocking this one: the store this
 * process holds open goes on appending meanwhile, as the engine would.
 */
export const cli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  new Promise<CliResult>((resolve) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

/** The fixture complaint's life (lodged, noted, referred, closed, noted) as another complaint's. */
export function complaintEvents(complaintId: string, reference: string): NewEvent[] {
  return COMPLAINT_HISTORY.map((event) => {
    const own: ComplaintEvent =
      event.type === 'ComplaintLodged'
        ? { ...event, data: { ...event.data, complaintId, reference } }
        : event;
    return envelope(own, { schemaVersion: schemaVersionOf(own.type) });
  });
}

/** The events a complaint adds to the store: its reference's allocation and its life. */
export const EVENTS_A_COMPLAINT = COMPLAINT_HISTORY.length + 1;

/** Lodges `count` complaints, each with its whole history in one append; returns their streams. */
export async function recordComplaints(store: EventStore, count: number): Promise<string[]> {
  const streams: string[] = [];
  const references = new ReferenceAllocator(store);
  const lodgedAt = new Date(COMPLAINT_HISTORY[0].data.at);
  for (let i = 0; i < count; i += 1) {
    const complaintId = randomUUID();
    // As the engine lodges: the reference first, from its year's counter.
    const reference = await references.allocate(lodgedAt, complaintId);
    await store.appendToStream(
      complaintStream(complaintId),
      complaintEvents(complaintId, reference),
      { expectedRevision: 'no_stream' },
    );
    streams.push(complaintStream(complaintId));
  }
  return streams;
}

export interface Appender {
  /** Events appended so far. */
  appended(): number;
  /** Stops after the append in flight; resolves with the events appended in all. */
  stop(): Promise<number>;
}

/** Appends complaint after complaint, as a busy engine would, until stopped. */
export function keepAppending(store: EventStore): Appender {
  let stopped = false;
  let appended = 0;
  const running = (async () => {
    while (!stopped) {
      await recordComplaints(store, 1);
      appended += EVENTS_A_COMPLAINT;
    }
  })();
  return {
    appended: () => appended,
    stop: async () => {
      stopped = true;
      await running;
      return appended;
    },
  };
}

/** Waits until the appender has appended `events` more than it had. */
export async function appendedMore(appender: Appender, events: number): Promise<void> {
  const from = appender.appended();
  while (appender.appended() < from + events) await new Promise((r) => setTimeout(r, 5));
}

export async function everyEvent(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

/** What a restore must keep of an event: everything but the time it was read back. */
export const asStored = (event: RecordedEvent) => ({
  id: event.id,
  stream: event.stream,
  revision: event.revision,
  position: event.position,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt.toISOString(),
});
