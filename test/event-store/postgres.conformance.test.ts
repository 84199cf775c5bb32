import { PostgresEventStore } from '@sg/event-store';
import { describeEventStoreConformance } from './event-store-conformance';
import {
  dropSchema,
  postgresTestUrl,
  requirePostgres,
  throwawaySchema,
} from './postgres-test-database';

jest.setTimeout(60_000);

const schema = throwawaySchema();
beforeAll(() => requirePostgres());
afterAll(() => dropSchema(schema));

describeEventStoreConformance(`PostgreSQL at ${postgresTestUrl}`, () =>
  Promise.resolve(new PostgresEventStore({ connectionString: postgresTestUrl, schema })),
);
