import { Get, HttpStatus, Query, Req, Res } from '@nestjs/common';
import { type PaymentRow, paymentsCsv, type ReportingPeriod } from '@sg/read-models';
import { londonDate } from '@sg/web';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { boardQueuePage, setAgainst } from '../board/board-queue';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { errorsByField } from '../core/page-form';
import { namesOf } from '../core/complaint-rows';
import { PERIOD_ERROR, periodAsked, suggestedPeriods } from '../reports/report-periods';

/** Finance's work: reimbursements the Board has approved that are not yet paid. */
@PageController('finance')
export class FinancePagesController extends ReadModelPages {
  @Get()
  @RolesAllowed('finance')
  async finance(
    @Query('cursor') cursor: unknown,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const page = await boardQueuePage(
      this.queries,
      this.names,
      'awaiting-payment',
      cursor,
      this.clock.now(),
    );
    // The sum to pay is in each complaint's approved proposal, not the queue's summary row. The
    // queue is short-lived (paid within days of approval), so reading each complaint is affordable.
    const found = await Promise.all(page.rows.map((row) => this.queries.complaint(row.id)));
    this.pages.render(request, response, 'finance/finance.njk', {
      pageTitle: 'Reimbursements to pay',
      columnClasses: 'govuk-grid-column-full',
      dueHeading: 'Pay by',
      rows: page.rows.map((row, i) => {
        const proposal = found[i]?.state.proposal;
        return {
          ...row,
          amountPence: proposal?.amountPence ?? null,
          detail: proposal
            ? setAgainst(
                proposal,
                proposal.approvedAt ? `approved ${londonDate(proposal.approvedAt)}` : '',
              )
            : null,
        };
      }),
      nextHref: page.nextCursor ? `/finance?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }

  /** The reimbursements paid in a period, to check against the council's ledger. */
  @Get('payments')
  @RolesAllowed('finance')
  async payments(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const asked = await this.paymentsAsked(query, request, response);
    if (!asked) return;
    const { period, rows, names } = asked;
    this.pages.render(request, response, 'finance/payments.njk', {
      pageTitle: `Reimbursements paid, ${period.label}`,
      columnClasses: 'govuk-grid-column-full',
      period,
      typed: period.name,
      suggestions: suggestedPeriods(this.clock.now()),
      rows: rows.map((row) => ({ ...row, schoolName: names.schools.get(row.schoolUrn) })),
      totalPence: rows.reduce((sum, row) => sum + row.amountPence, 0),
      csvHref: `/finance/payments.csv?period=${encodeURIComponent(period.name)}`,
    });
  }

  @Get('payments.csv')
  @RolesAllowed('finance')
  async paymentsCsv(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const asked = await this.paymentsAsked(query, request, response);
    if (!asked) return;
    const { period, rows, names } = asked;
    // The name is one parsePeriod read, so only letters, digits and hyphens reach the header.
    response
      .status(HttpStatus.OK)
      .setHeader('Content-Type', 'text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="reimbursements-paid-${period.name}.csv"`,
      )
      .send(
        paymentsCsv(rows, {
          school: (urn) => names.schools.get(urn),
          service: (serviceId) => names.services.get(serviceId),
        }),
      );
  }

  /**
   * The payments of the period asked for (none asked for: the financial year containing today),
   * with their schools' and services' names; null once the page has said the period is not one.
   */
  private async paymentsAsked(
    query: Record<string, unknown>,
    request: RequestWithIdentity,
    response: Response,
  ): Promise<{
    readonly period: ReportingPeriod;
    readonly rows: PaymentRow[];
    readonly names: { schools: Map<string, string>; services: Map<string, string> };
  } | null> {
    const { typed, period } = periodAsked(query, this.clock.now());
    if (!period) {
      this.pages.render(
        request,
        response,
        'finance/payments.njk',
        {
          pageTitle: 'Reimbursements paid',
          columnClasses: 'govuk-grid-column-full',
          typed,
          suggestions: suggestedPeriods(this.clock.now()),
          errorList: [PERIOD_ERROR],
          fieldErrors: errorsByField([PERIOD_ERROR]),
        },
        HttpStatus.BAD_REQUEST,
      );
      return null;
    }
    const rows = await this.queries.payments(period);
    const [schools, services] = await Promise.all([
      namesOf(
        rows.map((row) => row.schoolUrn),
        (urn) => this.names.school(urn),
      ),
      namesOf(
        rows.flatMap((row) => (row.serviceId ? [row.serviceId] : [])),
        (serviceId) => this.names.service(serviceId),
      ),
    ]);
    return { period, rows, names: { schools, services } };
  }
}
