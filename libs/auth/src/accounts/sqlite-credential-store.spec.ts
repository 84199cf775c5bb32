import { openSqliteDatabase } from '@sg/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CredentialStore } from './credential-store';
import { SqliteCredentialStore } from './sqlite-credential-store';
import { credentialStoreConformance } from './testing/credential-store.conformance';

const folder = mkdtempSync(join(tmpdir(), 'sg-credentials-'));
const stores: CredentialStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  rmSync(folder, { recursive: true, force: true });
});

// One file, opened by as many stores as a test asks for: as the CLI and the API share it.
credentialStoreConformance('SQLite file', () => {
  const store = new SqliteCredentialStore(
    openSqliteDatabase(join(folder, 'credentials.sqlite')).db,
  );
  stores.push(store);
  return Promise.resolve(store);
});
