import { Global, Module } from '@nestjs/common';
import {
  COMPLAINT_BY_REFERENCE,
  type ComplaintByReference,
  PAYMENTS_UNDER_REFERENCE,
  type PaymentsUnderReference,
} from '@sg/complaint-service';
import { ComplaintQueries, ReadModelsModule } from '@sg/read-models';

/**
 * A complaint's id from the reference people quote (a subject line, a duplicate's original), and
 * the complaints paid under a payment reference, as this node's read model has them: for the
 * command handler, which the API shares with the worker.
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
    {
      provide: PAYMENTS_UNDER_REFERENCE,
      inject: [ComplaintQueries],
      useFactory:
        (queries: ComplaintQueries): PaymentsUnderReference =>
        (paymentReference) =>
          Promise.resolve(queries.complaintsPaidUnder(paymentReference)),
    },
  ],
  exports: [COMPLAINT_BY_REFERENCE, PAYMENTS_UNDER_REFERENCE],
})
export class ComplaintReferencesModule {}
