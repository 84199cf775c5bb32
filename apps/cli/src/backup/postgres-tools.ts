import { spawn, spawnSync } from 'node:child_process';
import { CommandRefused } from '../command-refused';

export type PostgresTool = 'pg_dump' | 'pg_restore';

/** Refuses, naming the package to install, unless the tool is on PATH. */
export function requirePostgresTool(tool: PostgresTool): void {
  const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0)
    throw new CommandRefused(
      `${tool} is not installed (or not on PATH): install Debian’s postgresql-client package ` +
        `(apt-get install postgresql-client), of the server’s major version or later.`,
    );
}

/**
 * DATABASE_URL as libpq takes it, with the password moved to PGPASSWORD: on the command line it
 * would be visible to every user of the machine.
 */
function libpqConnection(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return {
    dbname: url.toString(),
    env: password ? { ...process.env, PGPASSWORD: password } : process.env,
  };
}

/** Runs pg_dump or pg_restore against DATABASE_URL; refuses with its own message if it fails. */
export function runPostgresTool(
  tool: PostgresTool,
  databaseUrl: string,
  args: readonly string[],
): Promise<void> {
  const { dbname, env } = libpqConnection(databaseUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${dbname}`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new CommandRefused(
            `${tool} failed (${code ?? signal}): ${stderr.trim() || 'no message'}`,
          ),
        );
    });
  });
}
