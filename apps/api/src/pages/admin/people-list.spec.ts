import { type Person } from '@sg/directory';
import {
  PEOPLE_PER_PAGE,
  pageNumbers,
  peopleListHref,
  peopleListPage,
  peopleListQuery,
} from './people-list';

const person = (n: number, overrides: Partial<Person> = {}): Person => ({
  personId: `p-${n}`,
  name: `Person ${String(n).padStart(3, '0')}`,
  email: `person.${n}@brookside.lancs.sch.uk`,
  roles: [{ role: 'school-staff', schoolUrn: '119300' }],
  signIn: 'email-link',
  disabled: false,
  passwordSet: false,
  secondFactorEnrolled: false,
  identityLinked: false,
  ...overrides,
});

const EVERYONE: readonly Person[] = [
  ...Array.from({ length: 120 }, (_, i) => person(120 - i)),
  person(900, {
    name: 'Asha Adviser',
    email: 'asha.adviser@lancashire.gov.uk',
    roles: [{ role: 'business-support' }],
  }),
  person(901, {
    name: 'bola board',
    email: 'bola@lancashire.gov.uk',
    roles: [{ role: 'board-member', chair: true }],
  }),
];

describe('the people list', () => {
  it('lists everyone by name, whatever the case, a page of 50 at a time', () => {
    const first = peopleListPage(EVERYONE, peopleListQuery({}));
    expect(first).toMatchObject({ total: 122, page: 1, pages: 3, from: 1, to: PEOPLE_PER_PAGE });
    expect(first.people.slice(0, 3).map((p) => p.name)).toEqual([
      'Asha Adviser',
      'bola board',
      'Person 001',
    ]);
    const last = peopleListPage(EVERYONE, peopleListQuery({ page: '3' }));
    expect(last).toMatchObject({ page: 3, from: 101, to: 122 });
    expect(last.people.at(-1)!.name).toBe('Person 120');
  });

  it('finds people by part of their name or email address, in any case, and by a role they hold', () => {
    expect(peopleListPage(EVERYONE, peopleListQuery({ q: '  ADVISER ' })).people).toEqual([
      EVERYONE[120],
    ]);
    expect(
      peopleListPage(EVERYONE, peopleListQuery({ q: 'lancashire.gov.uk' })).people.map(
        (p) => p.personId,
      ),
    ).toEqual(['p-900', 'p-901']);
    expect(
      peopleListPage(EVERYONE, peopleListQuery({ role: 'board-member' })).people.map(
        (p) => p.personId,
      ),
    ).toEqual(['p-901']);
    expect(
      peopleListPage(EVERYONE, peopleListQuery({ q: 'person 11', role: 'school-staff' })).total,
    ).toBe(10);
    expect(peopleListPage(EVERYONE, peopleListQuery({ q: 'nobody at all' }))).toMatchObject({
      total: 0,
      page: 1,
      pages: 1,
      from: 0,
      to: 0,
    });
  });

  it.each([
    [{ page: 'two' }, 1],
    [{ page: '0' }, 1],
    [{ page: '-3' }, 1],
    [{ page: ['2', '3'] }, 1],
    [{ page: '99' }, 3],
    [{ page: '9999999' }, 1],
  ])('reads %j as page %d, never failing on a link someone edited', (query, page) => {
    expect(peopleListPage(EVERYONE, peopleListQuery(query)).page).toBe(page);
  });

  it('ignores a role it does not offer, and cuts a search to 100 characters', () => {
    expect(peopleListQuery({ role: 'system' }).role).toBe('');
    for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(peopleListQuery({ role: inherited }).role).toBe('');
    expect(peopleListQuery({ role: { $ne: 1 } }).role).toBe('');
    expect(peopleListQuery({ q: 'x'.repeat(500) }).search).toHaveLength(100);
  });

  it('links the other pages of the same search', () => {
    const query = peopleListQuery({ q: 'a&b', role: 'finance' });
    expect(peopleListHref(query, 2)).toBe('/admin/people?q=a%26b&role=finance&page=2');
    expect(peopleListHref(query, 1)).toBe('/admin/people?q=a%26b&role=finance');
    expect(peopleListHref(peopleListQuery({}), 1)).toBe('/admin/people');
  });

  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 9, [1, 2, null, 9]],
    [5, 9, [1, null, 4, 5, 6, null, 9]],
    [9, 9, [1, null, 8, 9]],
    [3, 9, [1, 2, 3, 4, null, 9]],
  ])('on page %d of %d shows the pages %j', (page, pages, shown) => {
    expect(pageNumbers(page, pages)).toEqual(shown);
  });
});
