import {
  dropSchema,
  postgresTestUrl,
  requirePostgres,
  throwawaySchema,
} from '../../../test/event-store/postgres-test-database';
import { PostgresAttachmentStore } from './postgres-attachment-store';
import { attachmentStoreConformance } from './testing/attachment-store.conformance';

const schema = throwawaySchema();
const stores: PostgresAttachmentStore[] = [];
beforeAll(() => requirePostgres());
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dropSchema(schema);
});

attachmentStoreConformance('PostgreSQL', () => {
  const store = new PostgresAttachmentStore({ connectionString: postgresTestUrl, schema });
  stores.push(store);
  return Promise.resolve(store);
});
