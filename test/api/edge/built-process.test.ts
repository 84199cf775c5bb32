import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuilt } from '../../support/run-built';

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
});
