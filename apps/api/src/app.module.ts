import { type DynamicModule, Module } from '@nestjs/common';
import { configurationModule, type WorkerMode } from '@sg/config';
import { EventStoreModule } from '@sg/event-store';
import { WorkerModule } from '../../worker/src/worker.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuthModule } from './auth/auth.module';
import { ComplaintsModule } from './complaints/complaints.module';
import { DemoDataLoader } from './demo-data.loader';
import { MailIntakeModule } from './mail-intake/mail-intake.module';
import { PagesModule } from './pages/pages.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  /** In embedded mode the worker runs inside the API process. */
  static forRoot(workerMode: WorkerMode = 'in-process'): DynamicModule {
    return {
      module: AppModule,
      imports: [
        configurationModule(),
        EventStoreModule,
        AuthModule,
        ComplaintsModule,
        AttachmentsModule,
        MailIntakeModule,
        PagesModule,
        ...(workerMode === 'in-process' ? [WorkerModule] : []),
      ],
      controllers: [HealthController],
      providers: [DemoDataLoader],
    };
  }
}
