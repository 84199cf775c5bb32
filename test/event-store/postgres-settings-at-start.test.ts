import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBuilt } from '../support/run-built';
import { postgresTestUrl, requirePostgres } from './postgres-test-database';

jest.setTimeout(60_000);

describe('the API on a PostgreSQL store its settings name wrongly', () => {
  let dataDir: string;
  beforeAll(async () => {
    await requirePostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'sg-pg-settings-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops at start-up naming DATABASE_URL and why, and logs which server it tried', () => {
    const database = `sg_missing_${randomBytes(6).toString('hex')}`;
    const url = new URL(postgresTestUrl);
    url.pathname = `/${database}`;
    const started = runBuilt('api', [], {
      NODE_ENV: 'development',
      EVENT_STORE: 'postgres',
      DATABASE_URL: url.toString(),
      DATA_DIR: dataDir,
      DEMO_DATA: 'off',
      PORT: '0',
      LISTEN_ADDRESS: '127.0.0.1',
      REDIS_URL: '',
      LOG_FORMAT: 'text',
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain(`DATABASE_URL: database "${database}" does not exist (3D000)`);
    expect(started.stdout + started.stderr).toContain(
      `PostgreSQL store at postgres://${url.host}/${database}`,
    );
    expect(started.stdout).not.toMatch(/listening on/);
  });
});
