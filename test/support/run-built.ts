import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const repositoryRoot = join(__dirname, '../..');

/** The compiled entry point of an app; `npm test` builds before it runs the tests. */
export function builtEntry(app: 'api' | 'worker' | 'cli'): string {
  const entry = join(repositoryRoot, 'dist/apps', app, 'src/main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  return entry;
}

export function runBuilt(
  app: 'api' | 'worker' | 'cli',
  args: string[],
  env: NodeJS.ProcessEnv = {},
) {
  const result = spawnSync(process.execPath, [builtEntry(app), ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartedProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  output(): string;
  /** Sends a signal and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/**
 * How long a start may take before it is a failure: a few seconds on a quiet machine, but a
 * machine running the browser tests and other suites beside it has been seen to take over 20 s,
 * which says nothing about what the tests check.
 */
const START_WITHIN_MS = 60_000;

/** Starts a long-running app and waits for the line that gives its URL. */
export function startBuilt(
  app: 'api' | 'worker',
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<StartedProcess> {
  const child = spawn(process.execPath, [builtEntry(app)], {
    cwd: repositoryRoot,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return untilReady(child, ready, app, START_WITHIN_MS);
}

/**
 * Waits for a started process to write a line matching `ready` (its first group, if any, is the
 * URL it serves); kills it and rejects if it has not within `withinMs`, or if it ends first.
 */
export function untilReady(
  child: ChildProcessWithoutNullStreams,
  ready: RegExp,
  name: string,
  withinMs: number,
): Promise<StartedProcess> {
  let output = '';
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not become ready within ${withinMs / 1000} s:\n${output}`));
    }, withinMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1] ?? '',
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code ?? signal} before it was ready:\n${output}`));
    });
  });
}
