import { type DynamicModule, Module } from '@nestjs/common';
import { configurationModule, type WorkerMode } from '@sg/config';
import { EventStoreModule } from '@sg/event-store';
import { ObservabilityModule } from '@sg/observability';
import { type Registry } from 'prom-client';
import { WorkerModule } from '../../worker/src/worker.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { ComplaintReferencesModule } from './complaints/complaint-references.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { DemoDataLoader } from './demo-data.loader';
import { MailIntakeModule } from './mail-intake/mail-intake.module';
import { PagesModule } from './pages/pages.module';
import { EngineObservationModule } from './health/engine-observation.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  /**
   * In embedded mode the worker runs inside the API process. `metrics`: the process's registry,
   * from its entry point; without it (the tests) the application gets one of its own.
   */
  static forRoot(
    workerMode: WorkerMode = 'in-process',
    options: { readonly metrics?: Registry } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configurationModule(),
        ObservabilityModule.forRoot({ registry: options.metrics }),
        EventStoreModule,
        EngineObservationModule,
        // Express tries routes in the order they were added, each request every one before its
        // own, and Nest adds a module's before those of the modules it imports: the complaints'
        // reads and commands, asked for most, come before sign-in's and administration's.
        ComplaintsModule,
        AuthModule,
        ComplaintReferencesModule,
        AttachmentsModule,
        MailIntakeModule,
        PagesModule,
        ...(workerMode === 'in-process' ? [WorkerModule.inTheApi()] : []),
      ],
      controllers: [HealthController],
      providers: [DemoDataLoader],
    };
  }
}
