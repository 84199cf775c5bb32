import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';

export interface WorkerState {
  readonly running: boolean;
  readonly since: string | null;
  /** Refreshed every few seconds by a timer: a stale value means the event loop is stuck. */
  readonly heartbeatAt: string | null;
}

const HEARTBEAT_MS = 5_000;

/**
 * Whether this process's worker is up, since when, and whether its event loop still turns. The
 * heartbeat timer also keeps a worker process alive while it waits for work.
 */
@Injectable()
export class WorkerStatus implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private startedAt: Date | null = null;
  private heartbeatAt: Date | null = null;
  private heartbeat?: NodeJS.Timeout;

  onApplicationBootstrap(): void {
    this.startedAt = this.heartbeatAt = new Date();
    this.heartbeat = setInterval(() => (this.heartbeatAt = new Date()), HEARTBEAT_MS);
    this.logger.log('worker started');
  }

  beforeApplicationShutdown(signal?: string): void {
    clearInterval(this.heartbeat);
    this.startedAt = this.heartbeatAt = null;
    this.logger.log(`worker stopped${signal ? ` on ${signal}` : ''}`);
  }

  state(): WorkerState {
    return {
      running: this.startedAt !== null,
      since: this.startedAt?.toISOString() ?? null,
      heartbeatAt: this.heartbeatAt?.toISOString() ?? null,
    };
  }
}
