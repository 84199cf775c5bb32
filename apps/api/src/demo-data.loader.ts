import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { type EnvironmentVariables } from '@sg/config';
import { Directory, loadDemoCountyIfEmpty } from '@sg/directory';

/** With DEMO_DATA=load-if-empty, an empty store gets the demo county before the API opens. */
@Injectable()
export class DemoDataLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoData');

  constructor(
    private readonly directory: Directory,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.get('DEMO_DATA', { infer: true }) !== 'load-if-empty') return;
    const started = Date.now();
    const result = await loadDemoCountyIfEmpty(this.directory);
    if (result.loaded) {
      this.logger.log(
        `loaded the demo county: ${result.schools} schools, ${result.feeAgreements} contracts and bookings, ${result.people} people (${Date.now() - started} ms)`,
      );
    }
  }
}
