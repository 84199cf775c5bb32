import { Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import { COMPLAINT_ROLES, type Role } from '@sg/complaints';
import { LLE_SERVICES } from '@sg/directory';
import { type ReportingPeriod, type ServiceReport, serviceReportCsv } from '@sg/read-models';
import { reportCharts } from '@sg/web';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { namesOf } from '../core/complaint-rows';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { errorsByField } from '../core/page-form';
import { PERIOD_ERROR, periodAsked, suggestedPeriods } from './report-periods';

/** Who reads the report: the same roles as GET /api/reports/services. */
const REPORT_READERS: Role[] = [
  ...COMPLAINT_ROLES.filter((role) => role !== 'school-staff'),
  'scrutiny',
];

const SERVICE_IDS = LLE_SERVICES.map((service) => service.serviceId);
const CATALOGUE_NAMES = new Map(LLE_SERVICES.map((service) => [service.serviceId, service.name]));

/**
 * The scrutiny committee's report on pages: the read model's service report for a period, drawn
 * as charts each with its figures in a table, and the same report as a CSV download.
 */
@PageController('reports')
export class ReportPagesController extends ReadModelPages {
  @Get()
  @RolesAllowed(...REPORT_READERS)
  async report(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const asked = this.reportAsked(query, request, response);
    if (!asked) return;
    const { period, report } = asked;
    const names = await this.serviceNames(report);
    this.pages.render(request, response, 'reports/report.njk', {
      pageTitle: `Complaints by service, ${period.label}`,
      columnClasses: 'govuk-grid-column-full',
      period,
      asOf: report.complete || !report.begun ? null : report.asOf,
      notBegun: !report.begun,
      recordedAfterTheEnd: report.recordedAfterTheEnd,
      typed: period.name,
      suggestions: suggestedPeriods(this.clock.now()),
      charts: reportCharts(report, (serviceId) => names.get(serviceId) ?? serviceId),
      csvHref: `/reports/services.csv?period=${encodeURIComponent(period.name)}`,
    });
  }

  @Get('services.csv')
  @RolesAllowed(...REPORT_READERS)
  async csv(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const asked = this.reportAsked(query, request, response);
    if (!asked) return;
    const names = await this.serviceNames(asked.report);
    // The name is one parsePeriod read, so only letters, digits and hyphens reach the header.
    response
      .status(HttpStatus.OK)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="complaints-by-service-${asked.period.name}.csv"`,
      )
      .send(serviceReportCsv(asked.report, (serviceId) => names.get(serviceId)));
  }

  /**
   * The report for the period asked for (none asked for: the financial year containing today), or
   * null once the page has told the person that what they typed is not a period.
   */
  private reportAsked(
    query: Record<string, unknown>,
    request: RequestWithIdentity,
    response: Response,
  ): { readonly period: ReportingPeriod; readonly report: ServiceReport } | null {
    const { typed, period } = periodAsked(query, this.clock.now());
    if (!period) {
      this.renderBadPeriod(request, response, typed);
      return null;
    }
    return { period, report: this.queries.report(period, SERVICE_IDS, this.clock.now()) };
  }

  private renderBadPeriod(request: RequestWithIdentity, response: Response, typed: string) {
    this.pages.render(
      request,
      response,
      'reports/report.njk',
      {
        pageTitle: 'Complaints by service',
        columnClasses: 'govuk-grid-column-full',
        typed,
        suggestions: suggestedPeriods(this.clock.now()),
        errorList: [PERIOD_ERROR],
        fieldErrors: errorsByField([PERIOD_ERROR]),
      },
      HttpStatus.BAD_REQUEST,
    );
  }

  /**
   * Each service's name: the catalogue's, which every report lists; the directory's for a service
   * only it knows (read for those alone, so a report page does not read a stream per service).
   */
  private serviceNames(report: ServiceReport): Promise<Map<string, string>> {
    return namesOf(
      report.services.flatMap((row) => (row.serviceId === null ? [] : [row.serviceId])),
      async (serviceId) => {
        const name = CATALOGUE_NAMES.get(serviceId);
        return name ?? this.names.service(serviceId);
      },
    );
  }
}
