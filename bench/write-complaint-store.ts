import { complaintStream, schemaVersionOf } from '@sg/complaints';
import { runMain } from '@sg/config';
import { envelope, SqliteEventStore } from '@sg/event-store';
import { WorkingDayCalendar } from '@sg/working-days';
import { complaintHistories } from './complaint-histories';

const CHUNK = 500;

/**
 * Writes `complaints` complaint histories, made by the domain's own commands, into a SQLite event
 * store at `file`, and prints how many events that was. It runs as a process of its own so that
 * the benchmark that measures the store afterwards starts, as the CLI does, with nothing of the
 * making left in its heap.
 */
export async function writeComplaintStore(file: string, complaints: number): Promise<number> {
  const store = new SqliteEventStore({ file });
  try {
    let events = 0;
    let chunk: Promise<unknown>[] = [];
    for (const { complaintId, events: history } of complaintHistories(
      complaints,
      new WorkingDayCalendar(),
    )) {
      events += history.length;
      chunk.push(
        store.appendToStream(
          complaintStream(complaintId),
          history.map((event) => envelope(event, { schemaVersion: schemaVersionOf(event.type) })),
          { expectedRevision: 'no_stream' },
        ),
      );
      if (chunk.length >= CHUNK) {
        await Promise.all(chunk);
        chunk = [];
      }
    }
    await Promise.all(chunk);
    return events;
  } finally {
    await store.close();
  }
}

if (require.main === module)
  runMain(async () => {
    const [file, complaints] = process.argv.slice(2);
    process.stdout.write(`${await writeComplaintStore(file, Number(complaints))}\n`);
    return 0;
  });
