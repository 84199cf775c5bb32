import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { Directory } from '@sg/directory';
import { ComplaintQueries } from '@sg/read-models';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { PageRenderer } from '../core/page-renderer';
import { cursorOf, withSchoolNames } from './complaint-rows';

const PAGE_SIZE = 25;

/** Business Support's queue: complaints not yet passed on, oldest first, with their triage date. */
@PageController('triage')
export class TriagePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: ComplaintQueries,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
      complaints: await withSchoolNames(page, this.directory),
      laterPage: !!cursor,
      nextHref: page.nextCursor ? `/triage?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }
}
