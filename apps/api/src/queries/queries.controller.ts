import { Controller, Get, Inject, Param, ParseEnumPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { type Actor, COMPLAINT_ROLES, notFound } from '@sg/complaints';
import {
  BOARD_QUEUES,
  type BoardQueue,
  ComplaintQueries,
  FeeAgreementQueries,
  parsePeriod,
  serviceReportCsv,
} from '@sg/read-models';
import { Directory, LLE_SERVICES, serviceNameOf } from '@sg/directory';
import { type Response } from 'express';
import { RolesAllowed } from '../auth/access-policy';
import { ActingPerson } from '../http/acting-person';
import {
  FeeAgreementQueryDto,
  ListQueryDto,
  PageQueryDto,
  ServiceQueueQueryDto,
  ReportQueryDto,
  SchoolPathDto,
  SearchQueryDto,
} from './list-query.dto';
import { feeAgreementScopeOf, noSuchSchool, readScopeOf } from './read-scope';
import { serviceQueueOf } from './service-queue-of';

/** What users see: lists and queues from the read model, in pages, with the same role rules. */
@ApiTags('queries')
@Controller('api')
export class QueriesController {
  constructor(
    private readonly queries: ComplaintQueries,
    private readonly feeAgreements: FeeAgreementQueries,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('complaints')
  @RolesAllowed(...COMPLAINT_ROLES)
  @ApiOperation({
    summary:
      'Complaints the reader may see, open ones unless asked, filtered; oldest first (a school’s newest first)',
  })
  list(@ActingPerson() actor: Actor, @Query() query: ListQueryDto) {
    const { cursor, limit, ...filters } = query;
    return this.queries.list(readScopeOf(actor), filters, { cursor, limit }, this.clock.now());
  }

  @Get('search')
  @RolesAllowed(...COMPLAINT_ROLES)
  @ApiOperation({ summary: 'Full-text search over reference, summary, details and notes' })
  search(@ActingPerson() actor: Actor, @Query() query: SearchQueryDto) {
    return this.queries.search(readScopeOf(actor), query.q, query, this.clock.now());
  }

  @Get('reports/services')
  @RolesAllowed(...COMPLAINT_ROLES.filter((role) => role !== 'school-staff'), 'scrutiny')
  @ApiOperation({
    summary:
      'The scrutiny committee’s report per service for a period (JSON, or CSV with format=csv)',
  })
  report(@Query() query: ReportQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = this.queries.report(
      parsePeriod(query.period),
      LLE_SERVICES.map((service) => service.serviceId),
      this.clock.now(),
    );
    if (query.format === 'json') return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="complaints-by-service-${report.period.name}.csv"`,
    );
    // The report lists the catalogue's services, so the catalogue names each.
    return serviceReportCsv(report, serviceNameOf);
  }

  @Get('schools/:urn/fee-agreements')
  @RolesAllowed(...COMPLAINT_ROLES)
  @ApiOperation({
    summary:
      'A school’s contracts and bookings: fees paid, committed to reimbursements, remaining (pence)',
  })
  async schoolFeeAgreements(
    @ActingPerson() actor: Actor,
    @Param() path: SchoolPathDto,
    @Query() query: FeeAgreementQueryDto,
  ) {
    // Who may look comes first: another school's staff learn nothing, not even that it exists.
    const scope = feeAgreementScopeOf(actor, path.urn);
    if (!(await this.directory.school(path.urn))) throw noSuchSchool();
    const { cursor, limit, ...filters } = query;
    return this.feeAgreements.ofSchool(path.urn, scope, filters, { cursor, limit });
  }

  @Get('queues/triage')
  @RolesAllowed('business-support')
  @ApiOperation({ summary: 'Business Support: complaints awaiting referral, oldest first' })
  triage(@Query() page: PageQueryDto) {
    return this.queries.triageQueue(page, this.clock.now());
  }

  @Get('queues/service')
  @RolesAllowed('service-manager')
  @ApiOperation({
    summary: 'A service manager: their services’ open complaints, nearest deadline first',
  })
  service(@ActingPerson() actor: Actor, @Query() query: ServiceQueueQueryDto) {
    const { serviceIds, assignee } = serviceQueueOf(actor, query);
    return this.queries.serviceQueue(serviceIds, query, this.clock.now(), assignee);
  }

  /**
   * Finance's one Board queue, a route of its own so that whether the caller may read a queue is
   * settled by the guard, before the queue's name or the page asked for is looked at: finance is
   * refused the Board's others, and a name that is none, as not theirs.
   */
  @Get('queues/board/awaiting-payment')
  @RolesAllowed('board-member', 'finance')
  @ApiOperation({ summary: 'The Board and finance: approved reimbursements awaiting payment' })
  awaitingPayment(@Query() page: PageQueryDto) {
    return this.queries.boardQueue('awaiting-payment', page, this.clock.now());
  }

  @Get('queues/board/:queue')
  @RolesAllowed('board-member')
  @ApiParam({ name: 'queue', enum: BOARD_QUEUES })
  @ApiOperation({
    summary:
      'The Board: escalations awaiting a decision, decided ones awaiting a reimbursement proposal, reimbursements awaiting approval, approved ones awaiting payment',
  })
  board(
    @Param(
      'queue',
      new ParseEnumPipe(BOARD_QUEUES, {
        exceptionFactory: () =>
          notFound('QUEUE_NOT_FOUND', `The Board's queues are ${BOARD_QUEUES.join(', ')}`),
      }),
    )
    queue: BoardQueue,
    @Query() page: PageQueryDto,
  ) {
    return this.queries.boardQueue(queue, page, this.clock.now());
  }
}
