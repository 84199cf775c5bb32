import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { grantOf } from '@sg/complaints';
import { Directory } from '@sg/directory';
import { ComplaintQueries } from '@sg/read-models';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { PageController } from '../core/page-controller';
import { PageRenderer } from '../core/page-renderer';
import { queueRows } from './queue-rows';

const PAGE_SIZE = 25;

type QueryString = Record<string, unknown>;

/** A query value as the queue reads it: a repeated or absent parameter is none. */
const single = (query: QueryString, name: string): string | undefined =>
  typeof query[name] === 'string' && query[name] !== '' ? query[name] : undefined;

/**
 * A service's staff's queue: their services' open complaints, the nearest deadline first, as the
 * API's service queue lists them; all of them or only those assigned to the reader.
 */
@PageController('service-queue')
export class ServiceQueuePagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: ComplaintQueries,
    private readonly directory: Directory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

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
    const cursor = single(query, 'cursor');
    const page = this.queries.serviceQueue(
      serviceIds,
      { cursor, limit: PAGE_SIZE },
      this.clock.now(),
      mine ? actor.id : null,
    );
    const services = await Promise.all(serviceIds.map((id) => this.directory.service(id)));
    const filter = mine ? 'assignedTo=me&' : '';
    this.pages.render(request, response, 'service-queue/queue.njk', {
      pageTitle: mine ? 'Complaints assigned to you' : 'Your services’ complaints',
      columnClasses: 'govuk-grid-column-full',
      serviceNames: services.map((service, i) => service?.name ?? serviceIds[i]),
      assignedTo: mine ? 'me' : 'all',
      complaints: await queueRows(page.items, this.directory),
      laterPage: cursor !== undefined,
      firstHref: `/service-queue${mine ? '?assignedTo=me' : ''}`,
      nextHref: page.nextCursor
        ? `/service-queue?${filter}cursor=${encodeURIComponent(page.nextCursor)}`
        : null,
    });
  }
}
