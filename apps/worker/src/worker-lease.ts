import {
  Inject,
  Injectable,
  Optional,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, redisClient } from '@sg/config';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { Leadership, namedFileLease, namedLease } from '@sg/leases';
import { join } from 'node:path';
import { storeAnswers } from '@sg/observability';
import type IORedis from 'ioredis';

const logger = new Logger('WorkerLease');

/** Provided where the API runs the worker in its own process (WORKER_MODE=in-process). */
export const WORKER_IN_THE_API = Symbol('WorkerInTheApi');

/**
 * Only one worker at a time fires timers, sends mail and settles reservations: the one holding
 * this lease. Nest runs every module's init before any bootstrap, and the worker's parts start at
 * bootstrap, so a worker that waits here for the lease stands by with none of them started. Without
 * Redis the lease is a file in DATA_DIR: the processes of one host that share it (an API running
 * its worker in process beside a separate worker) still act one at a time.
 */
@Injectable()
export class WorkerLease implements OnModuleInit, OnApplicationShutdown {
  private redis?: IORedis;
  private leadership?: Leadership;
  private readonly whenLost: ((why: string) => void)[] = [];
  private lostBecause: string | null = null;

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(WORKER_IN_THE_API) private readonly inTheApi?: boolean,
  ) {}

  async onModuleInit(): Promise<void> {
    const redisUrl = this.config.get('REDIS_URL', { infer: true });
    const ttlMs = this.config.get('WORKER_LEASE_SECONDS', { infer: true }) * 1000;
    this.redis = redisUrl
      ? redisClient(redisUrl, { maxRetriesPerRequest: 1 }, 'the worker lease')
      : undefined;
    const dataDir = this.config.get('DATA_DIR', { infer: true });
    const named = this.redis
      ? namedLease(
          this.redis,
          this.config.get('DEADLINES_PREFIX', { infer: true }),
          'worker',
          ttlMs,
        )
      : namedFileLease(join(dataDir, 'leases.sqlite'), 'worker', ttlMs);
    // An API running its worker in process beside a separate worker (WORKER_MODE left at
    // in-process) would stand by for the lease without ever listening: it says what is wrong and
    // stops instead. In Redis the lease may be its own last life's, killed moments ago: it is let
    // lapse first, so only a worker that is alive and renewing it stops the API.
    if (
      this.inTheApi &&
      (await acquiredWithin(named.lease, this.redis ? ttlMs + 1000 : 0)) === 'held'
    ) {
      const holder = await named.lease.currentHolder();
      const where = this.redis ? 'with this Redis' : `on ${dataDir}`;
      throw new Error(
        `another process (${holder ?? 'unknown'}) runs the worker ${where}: beside a separate worker, start the API with WORKER_MODE=separate`,
      );
    }
    this.leadership = new Leadership({
      ...named,
      // Everything the worker does reads or writes the store: one node that cannot reach it must
      // not keep the lease from another that can. Processes sharing one machine's DATA_DIR reach
      // the same store, or none does: the first to start takes the lease, and its API starts and
      // says in /health what it cannot reach.
      ...(this.redis ? { ableToAct: () => storeAnswers(this.store) } : {}),
      onLost: (why) => {
        this.lostBecause = why;
        this.whenLost.forEach((listener) => listener(why));
      },
      log: logger,
    });
    await this.leadership.acquire();
  }

  /** Whether this worker may act: it holds the lease. */
  get leading(): boolean {
    return this.leadership?.leading ?? false;
  }

  /** Why this worker stands by (another holds the lease, Redis or the store does not answer). */
  get waitingBecause(): string | null {
    return this.leadership?.waitingBecause ?? null;
  }

  /** What to do when the lease is lost: stop this worker at once, or another may be acting too. */
  onLost(listener: (why: string) => void): void {
    this.whenLost.push(listener);
    if (this.lostBecause !== null) listener(this.lostBecause);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leadership?.stop();
    await this.redis?.quit().catch(() => undefined);
  }
}

/**
 * Whether the lease was taken within `waitMs`, asked every second (once, for no wait at all):
 * `held` only when another holder still had it at the last asking; `unknown` when Redis did not
 * answer then, which is no reason to stop (the leadership waits for it, as a standby does).
 */
async function acquiredWithin(
  lease: { tryAcquire(): Promise<boolean> },
  waitMs: number,
): Promise<'acquired' | 'held' | 'unknown'> {
  const until = Date.now() + waitMs;
  for (;;) {
    const answer = await lease.tryAcquire().then(
      (acquired) => (acquired ? ('acquired' as const) : ('held' as const)),
      () => 'unknown' as const,
    );
    if (answer === 'acquired' || Date.now() >= until) return answer;
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, until - Date.now())));
  }
}
