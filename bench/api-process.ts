import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface ApiProcess {
  readonly port: number;
  readonly process: ChildProcess;
  /**
   * What the process wrote at level warn or above (read when it has stopped), or that it exited,
   * for the report.
   */
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
  // The API's lines go to a file, as a council's log collector takes them, not through a pipe
  // this process must drain: here autocannon shares this process's event loop, and a pipe it had
  // not read yet held the API up in its synchronous writes while the hello world, logging nothing,
  // answered on.
  const logFile = join(dirname(dataDir), `${basename(dataDir)}-api.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), join(__dirname, '..', 'apps', 'api', 'src', 'main.js')],
    { env, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const complaints: string[] = [];
  const written = () => readFileSync(logFile, 'utf8');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const timeout = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(
        new Error(`the API did not start within ${options.startTimeoutMs / 1000} s:\n${written()}`),
      );
    }, options.startTimeoutMs);
    const poll = setInterval(() => {
      const listening = /listening on \S+:(\d+)/.exec(written());
      if (!listening) return;
      clearTimeout(timeout);
      clearInterval(poll);
      resolve(Number(listening[1]));
    }, 50);
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      clearInterval(poll);
      reject(new Error(`the API exited (${code ?? signal}):\n${written().slice(0, 20_000)}`));
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
      if (stopping) return;
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killed = setTimeout(() => {
          complaints.push('the API had not stopped 15 s after SIGTERM: killed');
          child.kill('SIGKILL');
        }, 15_000);
        await exited;
        clearTimeout(killed);
      }
      complaints.push(
        ...written()
          .split('\n')
          .filter((line) => /"level":"(?:warn|error|fatal)"/.test(line)),
      );
      rmSync(logFile, { force: true });
    },
  };
}

/** The report's row for what the API complained of, none when it said nothing above info. */
export function complaintRows(complaints: readonly string[]): [string, string][] {
  return complaints.length > 0
    ? [['API warnings and errors', `${complaints.length}: ${complaints[0]}`]]
    : [];
}
