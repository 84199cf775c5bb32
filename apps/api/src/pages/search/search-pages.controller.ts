import { Get, Query, Req, Res } from '@nestjs/common';
import { LLE_SERVICES } from '@sg/directory';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { ListQueryDto, SearchQueryDto } from '../../queries/list-query.dto';
import { readScopeOf } from '../../queries/read-scope';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { checkForm, errorsByField, textField } from '../core/page-form';
import { type ComplaintRow, cursorOf, withSchoolNames } from '../core/complaint-rows';

const PAGE_SIZE = 25;

/**
 * Search across complaints for council staff, with the API's own query rules and the same scope:
 * a service manager finds their services' complaints; those with a part in every complaint, all.
 * Without words, the filters list complaints by status, service, or overdue, as the API's list.
 */
@PageController('search')
export class SearchPagesController extends ReadModelPages {
  @Get()
  @RolesAllowed('business-support', 'service-manager', 'board-member', 'finance', 'admin')
  async search(
    @Query() query: Record<string, unknown>,
    @Req() request: RequestWithIdentity,
    @Res() response: Response,
  ) {
    const scope = readScopeOf(request.actor!);
    const q = textField(query, 'q');
    const status = textField(query, 'status');
    const serviceId = textField(query, 'serviceId');
    const overdue = textField(query, 'overdue') === 'yes';
    const cursor = cursorOf(query);
    const now = this.clock.now();
    // Words search; with none, the filters alone list complaints (Business Support's "all those
    // waiting for the school", "everything overdue"), oldest first.
    const filtered = !q.trim() && (status !== '' || serviceId !== '' || overdue);
    const asked = 'q' in query && !filtered;
    const checked = asked
      ? await checkForm(
          SearchQueryDto,
          { q: q.trim(), ...(cursor ? { cursor } : {}) },
          {
            q: {
              empty: 'Enter words to search for, or choose what to list',
              invalid: 'Search words must be 200 characters or fewer',
            },
          },
        )
      : null;
    const listed = filtered
      ? await checkForm(
          ListQueryDto,
          {
            ...(status === 'any' ? { includeClosed: 'true' } : status ? { status } : {}),
            ...(serviceId ? { serviceId } : {}),
            ...(overdue ? { overdue: 'true' } : {}),
            ...(cursor ? { cursor } : {}),
          },
          {
            status: { empty: 'Select a status', invalid: 'Select a status from the list' },
            serviceId: { empty: 'Select a service', invalid: 'Select a service from the list' },
          },
        )
      : null;
    let results: ComplaintRow[] | null = null;
    let nextHref: string | null = null;
    const asShown = new URLSearchParams(
      filtered
        ? {
            ...(status ? { status } : {}),
            ...(serviceId ? { serviceId } : {}),
            ...(overdue ? { overdue: 'yes' } : {}),
          }
        : { q: q.trim() },
    );
    const found = checked?.ok
      ? this.queries.search(
          scope,
          checked.value.q,
          { cursor: checked.value.cursor, limit: PAGE_SIZE },
          now,
        )
      : listed?.ok
        ? this.queries.list(
            scope,
            listed.value,
            { cursor: listed.value.cursor, limit: PAGE_SIZE },
            now,
          )
        : null;
    if (found) {
      results = await withSchoolNames(found.items, this.names);
      if (found.nextCursor)
        nextHref = `/search?${new URLSearchParams([...asShown, ['cursor', found.nextCursor]]).toString()}`;
    }
    const errors = [
      ...(checked && !checked.ok ? checked.errors : []),
      ...(listed && !listed.ok ? listed.errors : []),
    ];
    this.pages.render(
      request,
      response,
      'search/search.njk',
      {
        pageTitle: results
          ? filtered
            ? 'Complaints listed'
            : `Search results for ‘${q.trim()}’`
          : 'Search complaints',
        columnClasses: 'govuk-grid-column-full',
        q,
        filters: { status, serviceId, overdue },
        services: [
          { value: '', text: 'Any service' },
          ...LLE_SERVICES.map((service) => ({ value: service.serviceId, text: service.name })),
        ],
        filtered,
        results,
        laterPage: !!cursor,
        firstHref: `/search?${asShown.toString()}`,
        nextHref,
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      errors.length ? 400 : 200,
    );
  }
}
