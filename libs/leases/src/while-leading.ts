import { Leadership, type LeadershipOptions } from './leadership';

export interface WhileLeadingOptions extends Omit<LeadershipOptions, 'onLost'> {
  /** Starts what only the lease's holder may run. */
  readonly start: () => void | Promise<void>;
  /** Stops it, when the lease is lost or all is stopped. */
  readonly stop: () => Promise<void>;
}

/**
 * Runs something only while this node holds a lease, for as long as the process lives: it waits
 * for the lease, starts the work, stops it if the lease is lost, and waits for the lease again.
 * For work that can stop and start in place (a mailbox poller); the worker, which cannot, exits
 * instead (apps/worker/src/stop-when-lease-lost.ts).
 */
export class WhileLeading {
  private current: Leadership | null = null;
  private interrupt: (() => void) | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;

  constructor(private readonly options: WhileLeadingOptions) {}

  run(): void {
    this.running ??= this.loop();
  }

  /** Stops the work if it runs, gives the lease up, and waits no more for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.interrupt?.();
    await this.current?.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const interrupted = new Promise<void>((resolve) => (this.interrupt = resolve));
      const leadership = new Leadership({ ...this.options, onLost: () => this.interrupt?.() });
      this.current = leadership;
      try {
        await leadership.acquire();
      } catch {
        return;
      }
      await this.options.start();
      await interrupted;
      await this.options.stop();
      if (this.stopped) await leadership.stop();
    }
  }
}
