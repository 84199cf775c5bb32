import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtEntry, repositoryRoot } from '../support/run-built';

/** The built CLI with its output read by nothing: as under `| head`, once head has had its lines. */
function runWithOutputClosed(args: string[], env: NodeJS.ProcessEnv, closed: 'stdout' | 'both') {
  return new Promise<{ status: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [builtEntry('cli'), ...args], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
    });
    child.stdout.destroy();
    let stderr = '';
    if (closed === 'both') child.stderr.destroy();
    else child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

describe('cli with its output piped to a reader that has gone', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'sg-closed-output-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each([[['--help']], [['due-date', '--from', '2025-04-17T10:00:00+01:00']], [['reactions']]])(
    '%j stops writing quietly and exits with its own status',
    async (args) => {
      expect(await runWithOutputClosed(args, { DATA_DIR: dataDir }, 'stdout')).toEqual({
        status: 0,
        stderr: '',
      });
    },
  );

  it('exits with the command line error status when stderr has gone too', async () => {
    const result = await runWithOutputClosed(['due-date'], { DATA_DIR: dataDir }, 'both');
    expect(result.status).toBe(2);
  });
});
