import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryRoot } from '../support/run-built';

const built = join(repositoryRoot, 'dist/libs/observability/src/json-logger.js');

/** Standard output of a node of its own that logs `lines` lines through the built logger, then `end`. */
function logThenEnd(lines: number, end: string): string[] {
  if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      `const { JsonLogger } = require(${JSON.stringify(built)});
       const logger = new JsonLogger({ level: 'log' });
       for (let i = 0; i < ${lines}; i += 1) logger.log('line ' + i, 'Test');
       ${end}`,
    ],
    { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('JSON logs of a process that ends', () => {
  it.each([
    ['exits at once', 'process.exit(3);'],
    ['throws', "throw new Error('out');"],
    ['runs out of work', ''],
    // As Nest does once its shutdown hooks have run: the signal again, and its default action.
    ['is stopped by SIGTERM', "process.kill(process.pid, 'SIGTERM');"],
  ])('keeps every line of a process that %s', (_how, end) => {
    const written = logThenEnd(20_000, end);
    expect(written).toHaveLength(20_000);
    expect((JSON.parse(written[19_999]) as { msg: string }).msg).toBe('line 19999');
  });
});
