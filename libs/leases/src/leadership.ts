import { type Lease } from './lease';

export interface LeadershipOptions {
  readonly lease: Lease;
  /** How often a standby asks for the lease. */
  readonly retryMs: number;
  /** How often the holder renews it: several times within its time to live. */
  readonly renewMs: number;
  /**
   * Called once, when this holder can no longer be sure it leads: another took the lease over, or
   * no renewal has got through for as long as the lease lasts (another may have it by now). Whatever
   * the lease guards must stop at once.
   */
  readonly onLost: (why: string) => void;
  /**
   * Why this node could not do what the lease guards just now (its event store does not answer),
   * or null when it could. A node that cannot act does not take the lease, and a holder that cannot
   * for as long as the lease lasts gives it up, so that a standby that can takes over: a lease kept
   * by a node cut off from its store would stop every node acting.
   */
  readonly ableToAct?: () => Promise<string | null>;
  readonly log: { log(message: string): void; warn(message: string): void };
}

/**
 * Waits for a lease, then keeps it renewed until stopped or lost: what only one node at a time may
 * do runs between `acquire()` and `stop()` (or `onLost`).
 */
export class Leadership {
  private timer: NodeJS.Timeout | undefined;
  /** Ends a standby's wait between attempts at once, when it is stopped. */
  private endWait: (() => void) | null = null;
  private lastRenewedAt = 0;
  /** Since when a holder has been unable to act, if it is now. */
  private unableSince: number | null = null;
  private state: 'waiting' | 'leading' | 'lost' | 'stopped' = 'waiting';
  private standingBy: string | null = null;

  constructor(private readonly options: LeadershipOptions) {}

  get leading(): boolean {
    return this.state === 'leading';
  }

  /** Why a node waiting for the lease has not taken it yet; null once it leads, or before it asks. */
  get waitingBecause(): string | null {
    return this.state === 'waiting' ? this.standingBy : null;
  }

  /** Resolves once this holder has the lease; rejects if stopped first. */
  async acquire(): Promise<void> {
    const { lease, log } = this.options;
    while (this.state === 'waiting') {
      const startedAt = Date.now();
      const unable = await this.unableToAct();
      let unreachable = false;
      const taken =
        unable === null &&
        (await lease.tryAcquire().catch((error: Error) => {
          unreachable = true;
          this.wait(`cannot reach ${lease.keptIn} (${error.message})`, 'warn');
          return false;
        }));
      if (taken && this.state !== 'waiting') {
        await lease.release().catch(() => undefined);
        break;
      }
      if (taken) {
        this.state = 'leading';
        this.lastRenewedAt = startedAt;
        log.log(`lease ${lease.key}: taken by ${lease.holder}`);
        this.scheduleRenewal();
        return;
      }
      if (unable !== null) this.wait(`cannot act: ${unable}`, 'warn');
      else if (!unreachable) {
        const holder = await lease.currentHolder().catch(() => null);
        this.wait(`held by ${holder ?? 'another node'}`, 'log');
      }
      await new Promise<void>((resolve) => {
        this.endWait = resolve;
        this.timer = setTimeout(resolve, this.options.retryMs);
      });
      this.endWait = null;
    }
    throw new Error(`lease ${lease.key}: stopped before it was taken`);
  }

  /** Stops renewing and gives the lease up, if this holder still has it. */
  async stop(): Promise<void> {
    const wasLeading = this.state === 'leading';
    this.state = 'stopped';
    clearTimeout(this.timer);
    this.timer = undefined;
    this.endWait?.();
    if (wasLeading) await this.options.lease.release().catch(() => undefined);
  }

  /** Says why this node stands by, once for each new reason. */
  private wait(why: string, level: 'log' | 'warn'): void {
    const told = this.standingBy;
    this.standingBy = why;
    if (why === told) return;
    const { lease, log } = this.options;
    log[level](`lease ${lease.key}: ${why}; standing by`);
  }

  private async unableToAct(): Promise<string | null> {
    const check = this.options.ableToAct;
    if (!check) return null;
    try {
      return await answeredWithin(check(), this.options.renewMs);
    } catch (error) {
      return (error as Error).message;
    }
  }

  private scheduleRenewal(): void {
    this.timer = setTimeout(() => void this.renew(), this.options.renewMs);
  }

  private async renew(): Promise<void> {
    const { lease, log } = this.options;
    const startedAt = Date.now();
    // A renewal is waited for only while the lease surely lasts (a tenth of renewMs to spare, for
    // the timers' lateness), and the store's check beside it, not before it: this holder must know
    // it no longer leads before anyone else can take the lease.
    const leaseLeft = lease.ttlMs - (startedAt - this.lastRenewedAt) - this.options.renewMs / 10;
    const [unable, renewal] = await Promise.all([
      this.unableToAct(),
      answeredWithin(lease.renew(), Math.max(0, Math.min(this.options.renewMs, leaseLeft))).then(
        (renewed) => ({ renewed }),
        (error: Error) => ({ error }),
      ),
    ]);
    if ('renewed' in renewal) {
      if (!renewal.renewed) {
        const holder = await lease.currentHolder().catch(() => null);
        return this.lose(
          holder
            ? `taken over by ${holder}`
            : `gone from ${lease.keptIn} (emptied or restarted?), so another node may hold it now`,
        );
      }
      this.lastRenewedAt = startedAt;
    } else {
      // The lease runs out `ttlMs` after the last renewal that got through; before then, no one
      // else can have it, so the work may go on while Redis is briefly out of reach.
      const sinceRenewed = Date.now() - this.lastRenewedAt;
      if (sinceRenewed + this.options.renewMs >= lease.ttlMs) {
        return this.lose(
          `not renewed for ${Math.round(sinceRenewed / 1000)} s (${renewal.error.message})`,
        );
      }
      log.warn(`lease ${lease.key}: renewal failed (${renewal.error.message}); trying again`);
    }
    if (unable === null) this.unableSince = null;
    else {
      this.unableSince ??= startedAt;
      const sinceAble = startedAt - this.unableSince;
      if (sinceAble + this.options.renewMs >= lease.ttlMs) {
        // Stops leading before it lets go, so no one else can hold the lease while this node
        // still acts on it; and lets go at once, so a standby that can act need not wait for the
        // lease to run out.
        this.lose(`could not act for ${Math.round(sinceAble / 1000)} s (${unable})`);
        await answeredWithin(lease.release(), this.options.renewMs).catch(() => undefined);
        return;
      }
      log.warn(`lease ${lease.key}: cannot act (${unable}); letting go unless that passes`);
    }
    if (this.state === 'leading') this.scheduleRenewal();
  }

  private lose(why: string): void {
    if (this.state !== 'leading') return;
    this.state = 'lost';
    this.options.log.warn(`lease ${this.options.lease.key}: lost, ${why}`);
    this.options.onLost(why);
  }
}

/** A Redis that does not answer within `ms` is as good as unreachable, for a lease. */
function answeredWithin<T>(reply: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([reply, late]).finally(() => clearTimeout(timer));
}
