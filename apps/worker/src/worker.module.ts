import { Module } from '@nestjs/common';
import { WorkerStatus } from './worker-status';

/**
 * The background side of the engine. It runs as its own process (apps/worker/src/main.ts) or, in
 * embedded mode, inside the API process.
 */
@Module({
  providers: [WorkerStatus],
  exports: [WorkerStatus],
})
export class WorkerModule {}
