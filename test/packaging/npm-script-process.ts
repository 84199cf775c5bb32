import { spawn } from 'node:child_process';
import { type Exit, type StartedProcess } from '../support/run-built';

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
  let output = '';
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run ${script} was not ready within ${readyWithinMs} ms:\n${output}`));
    }, readyWithinMs);
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
      reject(
        new Error(`npm run ${script} ended with ${code ?? signal} before it was ready:\n${output}`),
      );
    });
  });
}
