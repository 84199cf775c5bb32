import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuilt, type StartedProcess } from '../support/run-built';

jest.setTimeout(60_000);

/** A loopback port nothing listens on: taken, then let go. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * The built API (openid-client loads only there) configured with an identity provider that does
 * not answer: it starts and serves everyone else, and sign-in with the provider says it is away.
 */
describe('signing in while the identity provider cannot be reached', () => {
  let dataDir: string;
  let api: StartedProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sg-idp-away-'));
    api = await startBuilt(
      'api',
      {
        NODE_ENV: 'development',
        DATA_DIR: dataDir,
        EVENT_STORE: 'sqlite',
        DEMO_DATA: 'off',
        WORKER_MODE: 'in-process',
        PORT: '0',
        LISTEN_ADDRESS: '127.0.0.1',
        REDIS_URL: '',
        SMTP_URL: '',
        OIDC_ISSUER_URL: `http://127.0.0.1:${await closedPort()}/issuer`,
        OIDC_CLIENT_ID: 'service-guarantee',
        OIDC_CLIENT_SECRET: 'not-used-here',
      },
      /listening on (http:\/\/[^\s"]+)/,
    );
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 saying so, twice (it tries again each time), and the engine stays up', async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const answer = await fetch(`${api.url}/auth/identity-provider`, {
        headers: { accept: 'application/json' },
        redirect: 'manual',
      });
      expect(answer.status).toBe(503);
      expect(await answer.json()).toMatchObject({
        code: 'IDENTITY_PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('sign in with an email link') as string,
      });
    }
    expect((await fetch(`${api.url}/health/live`)).status).toBe(200);
  });
});
