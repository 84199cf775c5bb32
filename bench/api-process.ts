import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ApiProcess {
  readonly port: number;
  readonly process: ChildProcess;
  /** What the process wrote at level warn or above (or that it exited), for the report. */
  readonly complaints: string[];
  stop(): Promise<void>;
}

export interface ApiProcessOptions {
  /** Set on top of the shared environment: how the worker runs, limits a benchmark lifts. */
  readonly env?: NodeJS.ProcessEnv;
  /** Node's own flags, before the script (a CPU profile, a preload). */
  readonly nodeArgs?: readonly string[];
  /** How long opening the data directory may take before the API listens. */
  readonly startTimeoutMs: number;
}

/**
 * The built API (dist/apps/api/src/main.js) in a process of its own on a free loopback port, over
 * `dataDir`'s SQLite store and read model, with the development header on, which both the API and
 * the pages take as the caller's identity, logging JSON lines. Settings the shell may have (Redis, SMTP, a policy
 * file, a time scale) are dropped, so a benchmark measures the same set-up wherever it runs.
 */
export async function startApiProcess(
  dataDir: string,
  options: ApiProcessOptions,
): Promise<ApiProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO_DATA: 'off',
    DEV_IDENTITY_HEADER: 'enabled',
    EVENT_STORE: 'sqlite',
    LOG_LEVEL: 'log',
    // As a council runs it: a JSON line per request (production's default), not the text a
    // developer reads.
    LOG_FORMAT: 'json',
    ...options.env,
  };
  for (const name of ['REDIS_URL', 'SMTP_URL', 'POLICY_FILE', 'TIME_SCALE', 'COUNCIL_CLOSURE_DAYS'])
    delete env[name];
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(__dirname, '..', 'apps', 'api', 'src', 'main.js')],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const complaints: string[] = [];
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`the API did not start within ${options.startTimeoutMs / 1000} s:\n${output}`),
      );
    }, options.startTimeoutMs);
    const onLine = (line: string) => {
      const listening = /listening on \S+:(\d+)/.exec(line);
      if (listening) {
        clearTimeout(timeout);
        resolve(Number(listening[1]));
      } else if (/"level":"(?:warn|error|fatal)"/.test(line)) complaints.push(line);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        if (output.length < 20_000) output += chunk;
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      reject(new Error(`the API exited (${code ?? signal}):\n${output}`));
    });
  });
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) complaints.push(`the API exited during the run (${code ?? signal})`);
  });
  return {
    port,
    process: child,
    complaints,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killed = setTimeout(() => {
        complaints.push('the API had not stopped 15 s after SIGTERM: killed');
        child.kill('SIGKILL');
      }, 15_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

/** The report's row for what the API complained of, none when it said nothing above info. */
export function complaintRows(complaints: readonly string[]): [string, string][] {
  return complaints.length > 0
    ? [['API warnings and errors', `${complaints.length}: ${complaints[0]}`]]
    : [];
}
