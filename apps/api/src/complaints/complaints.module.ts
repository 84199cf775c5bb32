import { Module } from '@nestjs/common';
import { ComplaintServiceModule } from '@sg/complaint-service';
import { ReadModelsModule } from '@sg/read-models';
import { AuthModule } from '../auth/auth.module';
import { IdempotencyModule } from '../http/idempotency.module';
import { QueriesController } from '../queries/queries.controller';
import { ComplaintIdempotencyInterceptor } from './complaint-idempotency.interceptor';
import { ComplaintsController } from './complaints.controller';

/** The complaint endpoints: commands under /api/complaints, and the lists and queues read from the read model. */
@Module({
  imports: [ComplaintServiceModule, ReadModelsModule, AuthModule, IdempotencyModule],
  controllers: [ComplaintsController, QueriesController],
  providers: [ComplaintIdempotencyInterceptor],
})
export class ComplaintsModule {}
