import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { ComplaintQueries, InboundMailQueries } from '@sg/read-models';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { DirectoryNames } from '../core/directory-names';
import { PageRenderer } from '../core/page-renderer';
import { ReadModelPages } from '../core/read-model-pages';
import { cursorOf, withSchoolNames, withServiceNames } from '../core/complaint-rows';

const PAGE_SIZE = 25;

/**
 * Business Support's queue: complaints not yet passed on, oldest first, with their triage date;
 * and how many emails wait for them to match, which are complaints too until they say otherwise.
 */
@PageController('triage')
export class TriagePagesController extends ReadModelPages {
  constructor(
    pages: PageRenderer,
    queries: ComplaintQueries,
    names: DirectoryNames,
    @Inject(CLOCK) clock: Clock,
    private readonly mail: InboundMailQueries,
  ) {
    super(pages, queries, names, clock);
  }

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
      // Which service the school named, to pass it on to that one or another.
      complaints: await withServiceNames(await withSchoolNames(page.items, this.names), this.names),
      // What the services holding them say is another service's: to move, or keep with them.
      rerouteAsked: await withServiceNames(
        await withSchoolNames(this.queries.rerouteAsked(this.clock.now()), this.names),
        this.names,
      ),
      emailsWaiting: this.mail.awaitingMatchCount(),
      laterPage: !!cursor,
      nextHref: page.nextCursor ? `/triage?cursor=${encodeURIComponent(page.nextCursor)}` : null,
    });
  }
}
