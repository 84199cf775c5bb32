import { Get, Inject, Query, Req, Res } from '@nestjs/common';
import { CLOCK, type Clock } from '@sg/complaint-service';
import { LLE_SERVICES } from '@sg/directory';
import { ComplaintQueries, InvalidCursorError } from '@sg/read-models';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { readScopeOf } from '../../queries/read-scope';
import { PageController } from '../core/page-controller';
import { PageRenderer } from '../core/page-renderer';

const PAGE_SIZE = 25;
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

/**
 * A school's complaints, newest first, from the read model by the API's scope rule: each one's
 * state and the deadline it is working to, and the way to make another.
 */
@PageController('complaints')
export class YourComplaintsPagesController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly queries: ComplaintQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RolesAllowed('school-staff')
  list(
    @Query('closed') closed: unknown,
    @Query('cursor') cursor: unknown,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const includeClosed = closed === 'yes';
    const from = typeof cursor === 'string' && CURSOR.test(cursor) ? cursor : undefined;
    let found;
    try {
      found = this.queries.list(
        readScopeOf(request.actor!),
        { includeClosed },
        { cursor: from, limit: PAGE_SIZE },
        this.clock.now(),
      );
    } catch (error) {
      // A damaged or stale cursor is only a link gone wrong: start again from the first page.
      if (!(error instanceof InvalidCursorError)) throw error;
      return response.redirect(303, includeClosed ? '/complaints?closed=yes' : '/complaints');
    }
    const services = new Map(LLE_SERVICES.map((service) => [service.serviceId, service.name]));
    this.pages.render(request, response, 'your-complaints/your-complaints.njk', {
      pageTitle: 'Your complaints',
      columnClasses: 'govuk-grid-column-full',
      complaints: found.items.map((item) => ({
        ...item,
        serviceName: item.serviceId ? (services.get(item.serviceId) ?? item.serviceId) : null,
      })),
      includeClosed,
      next: found.nextCursor
        ? `/complaints?${new URLSearchParams({
            ...(includeClosed ? { closed: 'yes' } : {}),
            cursor: found.nextCursor,
          }).toString()}`
        : null,
      firstPage: from === undefined,
    });
  }
}
