import { Controller, Get, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables, releaseVersion } from '@sg/config';
import { type WorkerState, WorkerStatus } from '../../../worker/src/worker-status';

export interface Health {
  status: 'ok';
  version: string;
  worker: { mode: 'in-process'; state: WorkerState } | { mode: 'separate' };
}

@Controller('health')
export class HealthController {
  private readonly version = releaseVersion();

  constructor(
    private readonly config: ConfigService<EnvironmentVariables, true>,
    @Optional() private readonly worker?: WorkerStatus,
  ) {}

  @Get()
  health(): Health {
    const mode = this.config.get('WORKER_MODE', { infer: true });
    return {
      status: 'ok',
      version: this.version,
      worker:
        mode === 'in-process' && this.worker
          ? { mode, state: this.worker.state() }
          : { mode: 'separate' },
    };
  }
}
