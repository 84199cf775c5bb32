import { EventStoreDbEventStore } from '@sg/event-store';
import { describeEventStoreConformance } from './event-store-conformance';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString) {
  jest.setTimeout(60_000);
  describeEventStoreConformance(`EventStoreDB at ${connectionString}`, () =>
    Promise.resolve(new EventStoreDbEventStore({ connectionString })),
  );
} else {
  // Conditional skip: no EventStoreDB server can run here. `docker compose up -d eventstore` and
  // EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false run the suite (see README).
  describe('EventStoreDB: event store conformance', () => {
    it.skip('SKIPPED: EVENTSTORE_CONNECTION_STRING is not set, so no EventStoreDB server to test against', () => {});
  });
  process.stdout.write(
    'EventStoreDB conformance suite SKIPPED: set EVENTSTORE_CONNECTION_STRING (docker compose up -d eventstore) to run it.\n',
  );
}
