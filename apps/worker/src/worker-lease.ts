import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, redisClient } from '@sg/config';
import { EVENT_STORE, type EventStore } from '@sg/event-store';
import { Leadership, namedLease } from '@sg/leases';
import { storeAnswers } from '@sg/observability';
import type IORedis from 'ioredis';

const logger = new Logger('WorkerLease');

/**
 * Only one worker at a time fires timers, sends mail and settles reservations: the one holding
 * this lease. Nest runs every module's init before any bootstrap, and the worker's parts start at
 * bootstrap, so a worker that waits here for the lease stands by with none of them started. Without
 * Redis there is one node, and nothing to share.
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
  ) {}

  async onModuleInit(): Promise<void> {
    const redisUrl = this.config.get('REDIS_URL', { infer: true });
    if (!redisUrl) return;
    const ttlMs = this.config.get('WORKER_LEASE_SECONDS', { infer: true }) * 1000;
    this.redis = redisClient(redisUrl, { maxRetriesPerRequest: 1 }, 'the worker lease');
    this.leadership = new Leadership({
      ...namedLease(
        this.redis,
        this.config.get('DEADLINES_PREFIX', { infer: true }),
        'worker',
        ttlMs,
      ),
      // Everything the worker does reads or writes the store: one that cannot reach it must not
      // keep the lease from one that can.
      ableToAct: () => storeAnswers(this.store),
      onLost: (why) => {
        this.lostBecause = why;
        this.whenLost.forEach((listener) => listener(why));
      },
      log: logger,
    });
    await this.leadership.acquire();
  }

  /** Whether this worker may act: it holds the lease, or there is no Redis to hold one in. */
  get leading(): boolean {
    return this.leadership ? this.leadership.leading : true;
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
