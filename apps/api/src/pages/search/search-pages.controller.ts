import { Get, Query, Req, Res } from '@nestjs/common';
import { type Response } from 'express';
import { RolesAllowed } from '../../auth/access-policy';
import { type RequestWithIdentity } from '../../auth/request-identity';
import { SearchQueryDto } from '../../queries/list-query.dto';
import { readScopeOf } from '../../queries/read-scope';
import { PageController } from '../core/page-controller';
import { ReadModelPages } from '../core/read-model-pages';
import { checkForm, errorsByField, textField } from '../core/page-form';
import { type ComplaintRow, cursorOf, withSchoolNames } from '../core/complaint-rows';

const PAGE_SIZE = 25;

/**
 * Search across complaints for council staff, with the API's own query rules and the same scope:
 * a service manager finds their services' complaints; those with a part in every complaint, all.
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
    const asked = 'q' in query;
    const q = textField(query, 'q');
    const cursor = cursorOf(query);
    const checked = asked
      ? await checkForm(
          SearchQueryDto,
          { q: q.trim(), ...(cursor ? { cursor } : {}) },
          {
            q: {
              empty: 'Enter words to search for',
              invalid: 'Search words must be 200 characters or fewer',
            },
          },
        )
      : null;
    let results: ComplaintRow[] | null = null;
    let nextHref: string | null = null;
    if (checked?.ok) {
      const page = this.queries.search(
        scope,
        checked.value.q,
        { cursor: checked.value.cursor, limit: PAGE_SIZE },
        this.clock.now(),
      );
      results = await withSchoolNames(page.items, this.names);
      if (page.nextCursor)
        nextHref = `/search?${new URLSearchParams({ q: checked.value.q, cursor: page.nextCursor }).toString()}`;
    }
    const errors = checked && !checked.ok ? checked.errors : [];
    this.pages.render(
      request,
      response,
      'search/search.njk',
      {
        pageTitle: results ? `Search results for ‘${q.trim()}’` : 'Search complaints',
        columnClasses: 'govuk-grid-column-full',
        q,
        results,
        laterPage: !!cursor,
        firstHref: `/search?${new URLSearchParams({ q: q.trim() }).toString()}`,
        nextHref,
        errorList: errors,
        fieldErrors: errorsByField(errors),
      },
      errors.length ? 400 : 200,
    );
  }
}
