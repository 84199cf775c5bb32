import { startBuilt, type StartedProcess } from '../../support/run-built';

const READY = {
  api: /listening on (http:\/\/\S+)/,
  // A worker that waits for the lease logs that it stands by; one that has it, that it took it.
  worker: /lease \S+: (?:taken by|held by .*; standing by)/,
} as const;

/**
 * One process of the engine, as a supervisor (Docker, systemd) would run it: started, killed
 * without warning, started again with the same settings and the same data folder.
 */
export class EngineNode {
  private started: StartedProcess | null = null;
  private logs = '';
  kills = 0;
  /** When this worker took the lease (Date.now()), each time it did. */
  readonly leaseTakenAt: number[] = [];

  constructor(
    readonly name: string,
    readonly app: 'api' | 'worker',
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** The API's address while it runs; null for a worker, or while it is down. */
  get url(): string | null {
    return this.app === 'api' && this.running ? this.started!.url : null;
  }

  get running(): boolean {
    return (
      this.started !== null &&
      this.started.child.exitCode === null &&
      !this.started.child.signalCode
    );
  }

  /** Whether a start is under way. */
  starting = false;

  async start(): Promise<void> {
    if (this.starting || this.running) return;
    this.starting = true;
    try {
      const started = await startBuilt(this.app, this.env, READY[this.app]);
      this.started = started;
      if (/lease \S+: taken by/.test(started.output())) this.leaseTakenAt.push(Date.now());
      const onData = (chunk: Buffer) => {
        if (/lease \S+: taken by/.test(chunk.toString())) this.leaseTakenAt.push(Date.now());
      };
      started.child.stdout.on('data', onData);
      started.child.stderr.on('data', onData);
    } finally {
      this.starting = false;
    }
  }

  async kill(): Promise<void> {
    if (!this.started) return;
    const started = this.started;
    this.started = null;
    this.kills += 1;
    this.logs += started.output();
    await started.stop('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    const started = this.started;
    this.started = null;
    this.logs += started.output();
    if (started.child.exitCode === null) await started.stop('SIGTERM');
  }

  /** Everything it wrote, over every life. */
  output(): string {
    return this.logs + (this.started?.output() ?? '');
  }
}
