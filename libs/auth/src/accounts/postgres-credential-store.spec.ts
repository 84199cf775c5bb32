import {
  dropSchema,
  postgresTestUrl,
  requirePostgres,
  throwawaySchema,
} from '../../../../test/event-store/postgres-test-database';
import { PostgresCredentialStore } from './postgres-credential-store';
import { credentialStoreConformance } from './testing/credential-store.conformance';

const schema = throwawaySchema();
const fresh = throwawaySchema();
const stores: PostgresCredentialStore[] = [];
const opened = (schemaName: string) => {
  const store = new PostgresCredentialStore({
    connectionString: postgresTestUrl,
    schema: schemaName,
  });
  stores.push(store);
  return store;
};
beforeAll(() => requirePostgres());
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await dropSchema(schema);
  await dropSchema(fresh);
});

credentialStoreConformance('PostgreSQL', () => Promise.resolve(opened(schema)));

describe('PostgresCredentialStore', () => {
  it('several nodes starting at once on an empty database all create, or find, the tables', async () => {
    const nodes = Array.from({ length: 4 }, () => opened(fresh));
    await Promise.all(
      nodes.map((node, index) =>
        node.setPasswordHash(`person-${index}`, `$hash-${index}`, new Date()),
      ),
    );
    expect(
      await Promise.all(nodes.map((node, index) => node.passwordHash(`person-${index}`))),
    ).toEqual(['$hash-0', '$hash-1', '$hash-2', '$hash-3']);
  });

  it('refuses a schema name it would have to quote', () => {
    expect(
      () => new PostgresCredentialStore({ connectionString: postgresTestUrl, schema: 'x"; DROP' }),
    ).toThrow('Not a schema name');
  });
});
