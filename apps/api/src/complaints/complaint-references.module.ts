import { Global, Module } from '@nestjs/common';
import { COMPLAINT_BY_REFERENCE, type ComplaintByReference } from '@sg/complaint-service';
import { ComplaintQueries, ReadModelsModule } from '@sg/read-models';

/**
 * A complaint's id from the reference people quote (a subject line, a duplicate's original), as
 * this node's read model has it: for the command handler, which the API shares with the worker.
 */
@Global()
@Module({
  imports: [ReadModelsModule],
  providers: [
    {
      provide: COMPLAINT_BY_REFERENCE,
      inject: [ComplaintQueries],
      useFactory:
        (queries: ComplaintQueries): ComplaintByReference =>
        (reference) =>
          Promise.resolve(queries.complaintIdByReference(reference)),
    },
  ],
  exports: [COMPLAINT_BY_REFERENCE],
})
export class ComplaintReferencesModule {}
