import { Get, Query, Req, Res } from '@nestjs/common';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { cursorOf, withSchoolNames } from '../core/complaint-rows';

const PAGE_SIZE = 25;

/** Business Support's queue: complaints not yet passed on, oldest first, with their triage date. */
@PageController('triage')
export class TriagePagesController extends ReadModelPages {
  @Get()
  @RolesAllowed('business-support')
  async queue(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const cursor = cursorOf(query);
    const page = this.queries.triageQueue({ cursor, limit: PAGE_SIZE }, this.clock.now());
    this.pages.render(request, response, 'triage/queue.njk', {
      pageTitle: 'Complaints to triage',
      columnClasses: 'govuk-grid-column-full',
      complaints: await withSchoolNames(page.items, this.names),
      laterPage: !!cursor,
      nextHref: page.nextCursor ? `/triage?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }
}
