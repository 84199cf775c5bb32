import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { runBuilt, startBuilt } from '../../support/run-built';

/** Every file and folder under `root`, with its permission bits. */
function modesUnder(root: string): { path: string; kind: 'file' | 'folder'; mode: number }[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).map((relative) => {
    const stat = statSync(join(root, relative));
    return {
      path: relative,
      kind: stat.isDirectory() ? 'folder' : 'file',
      mode: stat.mode & 0o777,
    };
  });
}

/**
 * The process stopped with status 1, its last lines a refusal naming one problem, and no stack:
 * what to change, not where the code was.
 */
function refusedWith(run: { status: number | null; stderr: string }, problem: string): void {
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split('\n').slice(-2)).toEqual([
    'Invalid configuration:',
    `  - ${problem}`,
  ]);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe('the built API process', () => {
  it('listens on LISTEN_ADDRESS, and keeps what it writes private to its account', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-edge-'));
    const api = await startBuilt(
      'api',
      { PORT: '0', LISTEN_ADDRESS: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off' },
      /listening on (http:\/\/\S+)/,
    );
    try {
      expect(new URL(api.url).hostname).toBe('127.0.0.1');
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
      const written = modesUnder(dataDir);
      expect(written.filter((entry) => entry.kind === 'file').length).toBeGreaterThan(0);
      expect(written).toEqual(
        written.map((entry) => ({ ...entry, mode: entry.kind === 'file' ? 0o600 : 0o700 })),
      );
    } finally {
      await api.stop('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);

  it('says in one line that its port is taken, naming PORT, and exits 1', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-edge-'));
    try {
      const run = runBuilt('api', [], {
        PORT: String(port),
        LISTEN_ADDRESS: '127.0.0.1',
        DATA_DIR: dataDir,
        DEMO_DATA: 'off',
      });
      refusedWith(
        run,
        `PORT: 127.0.0.1 port ${port} is already in use; stop what is listening there, or set PORT to another port`,
      );
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  it.each(['api', 'worker'] as const)(
    'as the %s in production, refuses a DATA_DIR that is not there, and makes none: a volume not mounted would start an empty county',
    (app) => {
      const root = mkdtempSync(join(tmpdir(), 'sg-edge-'));
      const missing = join(root, 'not', 'mounted');
      try {
        const run = runBuilt(app, [], {
          NODE_ENV: 'production',
          PORT: '0',
          WORKER_HTTP_PORT: '0',
          LISTEN_ADDRESS: '127.0.0.1',
          DATA_DIR: missing,
          WORKER_MODE: 'separate',
        });
        refusedWith(
          run,
          `DATA_DIR ${missing} does not exist: set DATA_DIR to the folder the node keeps its files in (on a new installation, make the folder first).`,
        );
        expect(readdirSync(root)).toEqual([]);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    30_000,
  );

  it('names the mail listener’s own settings when it cannot start, not the web server’s', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    const dataDir = mkdtempSync(join(tmpdir(), 'sg-edge-'));
    const base = { PORT: '0', LISTEN_ADDRESS: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'off' };
    try {
      const portTaken = runBuilt('api', [], {
        ...base,
        INBOUND_SMTP_PORT: String(port),
        INBOUND_SMTP_HOST: '127.0.0.1',
      });
      refusedWith(
        portTaken,
        `INBOUND_SMTP_PORT: 127.0.0.1 port ${port} is already in use; stop what is listening there, or set INBOUND_SMTP_PORT to another port`,
      );

      const missing = join(dataDir, 'no-such-cert.pem');
      const noCertificate = runBuilt('api', [], {
        ...base,
        INBOUND_SMTP_PORT: '0',
        INBOUND_SMTP_HOST: '127.0.0.1',
        INBOUND_SMTP_TLS_CERT: missing,
        INBOUND_SMTP_TLS_KEY: join(dataDir, 'no-such-key.pem'),
      });
      refusedWith(
        noCertificate,
        `INBOUND_SMTP_TLS_CERT: cannot read ${missing} (ENOENT); give the path of a PEM file this account may read`,
      );
    } finally {
      taken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);
});
