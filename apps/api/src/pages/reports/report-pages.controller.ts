import { Get, HttpStatus, Inject, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { COMPLAINT_ROLES, type Role } from '@sg/complaints';
import { Directory, LLE_SERVICES } from '@sg/directory';
import {
  ComplaintQueries,
  type ReportingPeriod,
  type ServiceReport,
  serviceReportCsv,
} from '@sg/read-models';
import { reportCharts } from '@sg/web';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { errorsByField, textField } from '../core/page-form';
import { type PageError, PageRenderer } from '../core/page-renderer';
import { defaultPeriod, suggestedPeriods, typedPeriod } from './report-periods';

/** Who reads the report: the same roles as GET /api/reports/services. */
const REPORT_READERS: Role[] = [
  ...COMPLAINT_ROLES.filter((role) => role !== 'school-staff'),
  'scrutiny',
];

const PERIOD_ERROR: PageError = {
  text: 'Enter a period like FY2025-26 (a financial year), AY2025-26 (an academic year), 2025-Q2 or 2025-04',
  href: '#period',
};

const SERVICE_IDS = LLE_SERVICES.map((service) => service.serviceId);
const CATALOGUE_NAMES = new Map(LLE_SERVICES.map((service) => [service.serviceId, service.name]));

type ChosenPeriod =
  | { readonly ok: true; readonly period: ReportingPeriod }
  | { readonly ok: false; readonly typed: string };

/**
 * The scrutiny committee's report on pages: the read model's service report for a period, drawn
 * as charts each with its figures in a table, and the same report as a CSV download.
 */
@PageController('reports')
export class ReportPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: ComplaintQueries,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RolesAllowed(...REPORT_READERS)
  async report(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const chosen = this.chosenPeriod(query);
    if (!chosen.ok) return this.renderBadPeriod(request, response, chosen.typed);
    const report = this.queries.report(chosen.period, SERVICE_IDS);
    const names = await this.serviceNames(report);
    this.pages.render(request, response, 'reports/report.njk', {
      pageTitle: `Complaints by service, ${chosen.period.label}`,
      columnClasses: 'govuk-grid-column-full',
      period: chosen.period,
      typed: chosen.period.name,
      suggestions: suggestedPeriods(this.clock.now()),
      charts: reportCharts(report, (serviceId) => names.get(serviceId) ?? serviceId),
      csvHref: `/reports/services.csv?period=${encodeURIComponent(chosen.period.name)}`,
    });
  }

  @Get('services.csv')
  @RolesAllowed(...REPORT_READERS)
  csv(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const chosen = this.chosenPeriod(query);
    if (!chosen.ok) return this.renderBadPeriod(request, response, chosen.typed);
    const report = this.queries.report(chosen.period, SERVICE_IDS);
    // The name is one parsePeriod read, so only letters, digits and hyphens reach the header.
    response
      .status(HttpStatus.OK)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="complaints-by-service-${chosen.period.name}.csv"`,
      )
      .send(serviceReportCsv(report));
  }

  /** The period asked for; none asked for is the financial year containing today. */
  private chosenPeriod(query: Record<string, unknown>): ChosenPeriod {
    const typed = textField(query, 'period');
    if (typed.trim() === '') return { ok: true, period: defaultPeriod(this.clock.now()) };
    const period = typedPeriod(typed);
    return period ? { ok: true, period } : { ok: false, typed: typed.slice(0, 100) };
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
  private async serviceNames(report: ServiceReport): Promise<Map<string, string>> {
    const ids = report.services.flatMap((row) => (row.serviceId === null ? [] : [row.serviceId]));
    const named = await Promise.all(
      ids.map(async (serviceId) => {
        const service =
          CATALOGUE_NAMES.get(serviceId) ?? (await this.directory.service(serviceId))?.name;
        return [serviceId, service ?? serviceId] as const;
      }),
    );
    return new Map(named);
  }
}
