import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/run-built';

const built = join(repositoryRoot, 'dist/libs/config/src/bounded-shutdown.js');

/** Runs `script` in a node of its own with the built helper as `shutdown`; how it ended. */
function run(script: string) {
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  const result = spawnSync(
    process.execPath,
    ['-e', `const shutdown = require(${JSON.stringify(built)});\n${script}`],
    { encoding: 'utf8', timeout: 20_000 },
  );
  return { status: result.status, stderr: result.stderr };
}

/** A connection that never lets go, as ioredis retrying a Redis that is gone. */
const HELD_OPEN = 'setInterval(() => undefined, 1_000);';

describe('a stop that cannot hang', () => {
  it('exits with the code asked for once the grace is over, though closing never finishes', () => {
    const ended = run(
      `${HELD_OPEN}
       shutdown.closeThenExit({ close: () => new Promise(() => undefined) }, 1, (m) => console.error(m), 300);`,
    );
    expect(ended.status).toBe(1);
    expect(ended.stderr).toContain('shutdown did not finish within 0.3 s; exiting');
  });

  it('exits as soon as closing has finished', () => {
    const ended = run(
      `${HELD_OPEN}
       shutdown.closeThenExit({ close: () => Promise.resolve() }, 1, (m) => console.error(m), 15_000);`,
    );
    expect(ended.status).toBe(1);
    expect(ended.stderr).toBe('');
  });

  it('ends a process on SIGTERM whose shutdown hooks wait for ever', () => {
    const ended = run(
      `${HELD_OPEN}
       // A shutdown hook that waits for a server that never answers, as Nest's would.
       process.on('SIGTERM', () => undefined);
       shutdown.boundShutdownOnSignals((m) => console.error(m), 300);
       setTimeout(() => process.kill(process.pid, 'SIGTERM'), 50);`,
    );
    expect(ended.status).toBe(1);
    expect(ended.stderr).toContain('shutdown did not finish within 0.3 s; exiting');
  });
});
