import { Get, Query, Req, Res } from '@nestjs/common';
import { grantOf } from '@sg/complaints';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { cursorOf, namesOf, withSchoolAndOfficerNames } from '../core/complaint-rows';
import { PageController } from '../core/page-controller';
import { optionalQueryText } from '../core/page-form';
import { serviceQueueOf } from '../../queries/service-queue-of';
import { ReadModelPages } from '../core/read-model-pages';

const PAGE_SIZE = 25;

type QueryString = Record<string, unknown>;

/**
 * A service's staff's queue: their services' open complaints, their own deadlines first, as the
 * API's service queue lists them; all of them, those assigned to the reader or to nobody, of one
 * of their services or all.
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
    const managed = grantOf(actor, 'service-manager')?.serviceIds ?? [];
    const shown = optionalQueryText(query, 'assignedTo');
    const assignedTo = shown === 'me' || shown === 'nobody' ? shown : undefined;
    const serviceId = optionalQueryText(query, 'serviceId');
    const { serviceIds, assignee } = serviceQueueOf(actor, { assignedTo, serviceId });
    const cursor = cursorOf(query);
    const now = this.clock.now();
    const page = this.queries.serviceQueue(serviceIds, { cursor, limit: PAGE_SIZE }, now, assignee);
    const counts = this.queries.serviceQueueCounts(serviceIds, now, assignee);
    const services = await namesOf(managed, (id) => this.names.service(id));
    const filter = new URLSearchParams({
      ...(assignedTo ? { assignedTo } : {}),
      ...(serviceId ? { serviceId } : {}),
    });
    const complaints = await withSchoolAndOfficerNames(page.items, this.names);
    this.pages.render(request, response, 'service-queue/queue.njk', {
      pageTitle:
        assignedTo === 'me'
          ? 'Complaints assigned to you'
          : assignedTo === 'nobody'
            ? 'Complaints not yet assigned'
            : 'Your services’ complaints',
      columnClasses: 'govuk-grid-column-full',
      serviceNames: serviceIds.map((id) => services.get(id)),
      // A manager of several services chooses one, and sees which each complaint is about.
      serviceChoices:
        managed.length > 1
          ? [
              { value: '', text: 'All your services' },
              ...managed.map((id) => ({ value: id, text: services.get(id) ?? id })),
            ]
          : [],
      serviceId: serviceId ?? '',
      assignedTo: assignedTo ?? 'all',
      counts,
      complaints: complaints.map((complaint) => ({
        ...complaint,
        serviceName: complaint.serviceId ? services.get(complaint.serviceId) : null,
      })),
      laterPage: cursor !== undefined,
      firstHref: `/service-queue${filter.size ? `?${filter.toString()}` : ''}`,
      nextHref: page.nextCursor
        ? `/service-queue?${new URLSearchParams([...filter, ['cursor', page.nextCursor]]).toString()}`
        : null,
    });
  }
}
