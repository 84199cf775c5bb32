import { type Role } from '@sg/complaints';
import { findPeople, type PeopleSearch, type Person } from '@sg/directory';
import { ROLE_NAMES } from './role-form';

/** People a page of the list shows: a screenful to scan, as GOV.UK's tables keep to. */
export const PEOPLE_PER_PAGE = 50;

export interface PeopleListQuery extends PeopleSearch {
  readonly page: number;
}

export interface PeopleListPage {
  readonly people: readonly Person[];
  /** How many match, on every page. */
  readonly total: number;
  /** The page shown, within the pages there are. */
  readonly page: number;
  readonly pages: number;
  /** 1-based positions of the first and last person shown; 0 when none match. */
  readonly from: number;
  readonly to: number;
}

const isListedRole = (value: string): value is Exclude<Role, 'system'> =>
  Object.hasOwn(ROLE_NAMES, value);

/**
 * What the list's address asks for, leniently: it is a link an administrator follows or edits,
 * so a search is cut to 100 characters, a role not offered shows everyone, and a page that is not
 * a whole number shows the first.
 */
export function peopleListQuery(query: Record<string, unknown>): PeopleListQuery {
  const text = (name: string) => (typeof query[name] === 'string' ? query[name].trim() : '');
  const role = text('role');
  const page = text('page');
  return {
    search: text('q').slice(0, 100),
    role: isListedRole(role) ? role : '',
    page: /^\d{1,6}$/.test(page) ? Math.max(1, Number(page)) : 1,
  };
}

/** The people matching the query, by name, a page of them; past the last page, the last. */
export function peopleListPage(
  everyone: readonly Person[],
  query: PeopleListQuery,
): PeopleListPage {
  const matching = findPeople(everyone, query);
  const pages = Math.max(1, Math.ceil(matching.length / PEOPLE_PER_PAGE));
  const page = Math.min(query.page, pages);
  const start = (page - 1) * PEOPLE_PER_PAGE;
  const shown = matching.slice(start, start + PEOPLE_PER_PAGE);
  return {
    people: shown,
    total: matching.length,
    page,
    pages,
    from: shown.length > 0 ? start + 1 : 0,
    to: start + shown.length,
  };
}

/** The list's address for another page of the same search. */
export function peopleListHref(query: PeopleListQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.search) params.set('q', query.search);
  if (query.role) params.set('role', query.role);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return search ? `/admin/people?${search}` : '/admin/people';
}

/**
 * The page numbers a pagination shows, GOV.UK style: the first, the last, and the current with
 * its neighbours, a gap between as null.
 */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const shown = [...new Set([1, page - 1, page, page + 1, pages])]
    .filter((n) => n >= 1 && n <= pages)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1] > 1 ? [null, n] : [n]));
}
