import { Get, Query, Req, Res } from '@nestjs/common';
import { grantOf } from '@sg/complaints';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { cursorOf, namesOf, withSchoolAndOfficerNames } from '../core/complaint-rows';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';

const PAGE_SIZE = 25;

type QueryString = Record<string, unknown>;

/** A query value as the queue reads it: a repeated or absent parameter is none. */
const single = (query: QueryString, name: string): string | undefined =>
  typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined;

/**
 * A service's staff's queue: their services' open complaints, their own deadlines first, as the
 * API's service queue lists them; all of them or only those assigned to the reader.
 */
@PageController('service-queue')
export class ServiceQueuePagesController extends ReadModelPages {
  @Get()
  @RolesAllowed('service-manager')
  async queue(
    @Query() query: QueryString,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const actor = request.actor!;
    const serviceIds = grantOf(actor, 'service-manager')?.serviceIds ?? [];
    const mine = single(query, 'assignedTo') === 'me';
    const cursor = cursorOf(query);
    const now = this.clock.now();
    const page = this.queries.serviceQueue(
      serviceIds,
      { cursor, limit: PAGE_SIZE },
      now,
      mine ? actor.id : null,
    );
    const counts = this.queries.serviceQueueCounts(serviceIds, now, mine ? actor.id : null);
    const services = await namesOf(serviceIds, (id) => this.names.service(id));
    const filter = mine ? 'assignedTo=me&' : '';
    this.pages.render(request, response, 'service-queue/queue.njk', {
      pageTitle: mine ? 'Complaints assigned to you' : 'Your services’ complaints',
      columnClasses: 'govuk-grid-column-full',
      serviceNames: serviceIds.map((id) => services.get(id)),
      assignedTo: mine ? 'me' : 'all',
      counts,
      complaints: await withSchoolAndOfficerNames(page.items, this.names),
      laterPage: cursor !== undefined,
      firstHref: `/service-queue${mine ? '?assignedTo=me' : ''}`,
      nextHref: page.nextCursor
        ? `/service-queue?${filter}cursor=${encodeURIComponent(page.nextCursor)}`
        : null,
    });
  }
}
