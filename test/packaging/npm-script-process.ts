import { spawn } from 'node:child_process';
import { type Exit, type StartedProcess, untilReady } from '../support/run-built';

/**
 * The environment an operator's shell would give npm: this process's, without what npm and Jest
 * put in it (npm_config_local_prefix would point the install at this checkout; NODE_ENV=test).
 */
export function operatorEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'NODE_ENV',
    ),
  );
}

/** Runs `npm run <script>` in a folder to its end, without blocking this process meanwhile. */
export function runNpmScript(
  folder: string,
  script: string,
  withinMs: number,
): Promise<{ exit: Exit; output: string }> {
  const child = spawn('npm', ['run', script], { cwd: folder, env: operatorEnvironment() });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), withinMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ exit: { code, signal }, output });
    }),
  );
}

/** Runs `npm run <script>` in a folder and waits for the line that gives the URL it serves. */
export function startNpmScript(
  folder: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  readyWithinMs: number,
): Promise<StartedProcess> {
  const child = spawn('npm', ['run', script], {
    cwd: folder,
    env: { ...operatorEnvironment(), NO_COLOR: '1', ...env },
  });
  return untilReady(child, ready, `npm run ${script}`, readyWithinMs);
}
