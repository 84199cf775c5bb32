import { Get, Query, Req, Res } from '@nestjs/common';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { boardQueuePage } from '../board/board-queue';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';

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
      rows: page.rows.map((row, i) => ({
        ...row,
        amountPence: found[i]?.state.proposal?.amountPence ?? null,
      })),
      nextHref: page.nextCursor ? `/finance?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }
}
