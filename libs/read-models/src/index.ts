export { COMPLAINT_PROJECTION_STREAMS, ComplaintProjection } from './complaint-projection';
export {
  BOARD_QUEUES,
  type Assignee,
  type BoardQueue,
  type ClockView,
  type ComplaintSummary,
  ComplaintQueries,
  type ListFilters,
  type Page,
  type PageRequest,
  type ProposalAwaitingApproval,
  type ReadScope,
  type ServiceQueueCounts,
} from './complaint-queries';
export { complaintRow } from './complaint-row';
export { NOTHING_YET, projectForCheck } from './projected-complaint';
export { type CsvCell, excelCsv } from './csv/excel-csv';
export { serviceReportCsv } from './csv/service-report-csv';
export { type PaymentNames, paymentsCsv } from './csv/payments-csv';
export { type PaymentRow } from './payment-row';
export { InvalidCursorError } from './cursor';
export { FEE_AGREEMENTS, FeeAgreementProjection } from './fee-agreement-projection';
export { INBOUND_MAIL, InboundMailProjection } from './inbound-mail-projection';
export { type InboundMailSummary, InboundMailQueries, type SentMail } from './inbound-mail-queries';
export {
  type FeeAgreementFilters,
  FeeAgreementQueries,
  type FeeAgreementScope,
  type FeeAgreementSummary,
} from './fee-agreement-queries';
export { ProjectionReaction, type ReadModelProjection } from './projection-reaction';
export { createReadModelSchema, READ_MODEL_SCHEMA_VERSION } from './read-model-schema';
export {
  currentReadModelFile,
  openReadModelFile,
  openServingReadModel,
  publishReadModelFile,
} from './read-model-files';
export { ReadModelDatabase, ReadModelProjector, ReadModelsModule } from './read-models.module';
export { type RebuildProgress, type RebuildResult, rebuildReadModels } from './rebuild-read-models';
export { InvalidPeriodError, parsePeriod, type ReportingPeriod } from './reporting-period';
export { serviceReport, type ServiceReport, type ServiceReportRow } from './service-report';
export { type TimelineLine, timelineOf } from './timeline-line';
