import {
  Controller,
  Get,
  Inject,
  Optional,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import { isCouncilStaff } from '@sg/complaints';
import { Anyone } from '../auth/access-policy';
import { type RequestWithIdentity } from '../auth/request-identity';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, type EventStoreKind, releaseVersion } from '@sg/config';
import {
  CheckpointedRunner,
  EVENT_STORE,
  type EventStore,
  type ReactionReport,
} from '@sg/event-store';
import { READINESS, type Readiness } from '@sg/observability';
import { type WorkerState, WorkerStatus } from '../../../worker/src/worker-status';

export interface Health {
  status: 'ok' | 'unavailable';
  version?: string;
  eventStore?: { kind: EventStoreKind; reachable: boolean; error?: string };
  worker?: { mode: 'in-process'; state: WorkerState } | { mode: 'separate' };
  /**
   * The reactions this process runs (the read model always; the worker's too when it runs here):
   * how far each has got, how far behind the store it is, its last error, its parked events.
   * Left out while the store cannot be read, since the lag is measured in it.
   */
  reactions?: ReactionReport[];
}

const STORE_CHECK_TIMEOUT_MS = 2_000;

@Controller('health')
export class HealthController {
  private readonly version = releaseVersion();

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CheckpointedRunner,
    @Inject(READINESS) private readonly readiness: Readiness,
    @Optional() private readonly worker?: WorkerStatus,
  ) {}

  /**
   * 200 when the engine can serve; 503 when its event store cannot be read. A reaction behind or
   * with parked events does not make it 503: it is reported, for people to act on.
   */
  @Get()
  @Anyone()
  async health(@Req() request: RequestWithIdentity): Promise<Health> {
    const mode = this.config.get('WORKER_MODE', { infer: true });
    const storeError = await this.checkStore();
    const health: Health = {
      status: storeError ? 'unavailable' : 'ok',
      version: this.version,
      eventStore: {
        kind: this.config.get('EVENT_STORE', { infer: true }),
        reachable: !storeError,
        ...(storeError ? { error: storeError } : {}),
      },
      worker:
        mode === 'in-process' && this.worker
          ? { mode, state: this.worker.state() }
          : { mode: 'separate' },
    };
    // A load balancer needs only the status; the details (errors, lags) are for the council's staff.
    const answer = this.detailsFor(request) ? health : { status: health.status };
    if (storeError) throw new ServiceUnavailableException(answer);
    return this.detailsFor(request)
      ? { ...health, reactions: await this.runner.reports() }
      : answer;
  }

  /** The process answers: a supervisor restarts it when this stops answering. */
  @Get('live')
  @Anyone()
  live(): { status: 'live' } {
    return { status: 'live' };
  }

  /**
   * 200 when the process should be sent work: the event store answers, Redis answers (when there
   * is one), and no reaction is more than READY_MAX_LAG_EVENTS behind. 503 otherwise, with the
   * reasons for those who may see the details.
   */
  @Get('ready')
  @Anyone()
  async ready(@Req() request: RequestWithIdentity): Promise<{ status: 'ready' }> {
    const { ready, reasons } = await this.readiness.check();
    if (ready) return { status: 'ready' };
    throw new ServiceUnavailableException({
      status: 'not-ready',
      ...(this.detailsFor(request) ? { reasons } : {}),
    });
  }

  private detailsFor(request: RequestWithIdentity): boolean {
    if (this.config.get('NODE_ENV', { infer: true }) !== 'production') return true;
    const actor = request.actor;
    return !!actor && isCouncilStaff(actor);
  }

  private async checkStore(): Promise<string | null> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(
        () => resolve(`no answer within ${STORE_CHECK_TIMEOUT_MS} ms`),
        STORE_CHECK_TIMEOUT_MS,
      );
    });
    const read = (async () => {
      try {
        for await (const event of this.store.readAll({ maxCount: 1 })) void event;
        return null;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    })();
    try {
      return await Promise.race([read, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
