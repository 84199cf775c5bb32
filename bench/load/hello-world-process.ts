import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface HelloWorldProcess {
  readonly port: number;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

/** The NestJS hello world (hello-world-app.js) in a process of its own, as the API runs. */
export async function startHelloWorld(startTimeoutMs = 30_000): Promise<HelloWorldProcess> {
  const child = spawn(process.execPath, [join(__dirname, 'hello-world-app.js')], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the hello world did not start within ${startTimeoutMs / 1000} s`));
    }, startTimeoutMs);
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        if (output.length < 20_000) output += chunk;
        const listening = /listening on \S+:(\d+)/.exec(output);
        if (listening) {
          clearTimeout(timeout);
          resolve(Number(listening[1]));
        }
      });
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      reject(new Error(`the hello world exited (${code ?? signal}):\n${output}`));
    });
  });
  return {
    port,
    process: child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
