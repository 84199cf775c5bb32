import { DirectoryWriter, PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { type ComplaintsApp, SCHOOL, startComplaintsApp } from '../../support/complaints-app';

/** The text of a page, tags gone and spaces squeezed, to read as a person would. */
const wordsOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A county's directory holds thousands of school staff (every email-link sign-in adds one): the
 * administrator finds a person by name, address or role, a page of 50 at a time.
 */
describe('the people page', () => {
  let api: ComplaintsApp;
  let server: Server;
  const page = async (query: string) => {
    const answer = await request(server)
      .get(`/admin/people${query}`)
      .set('X-Acting-Person', 'admin');
    expect(answer.status).toBe(200);
    return answer.text;
  };

  beforeAll(async () => {
    api = await startComplaintsApp();
    server = api.app.getHttpServer() as Server;
    const writer = new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } });
    await writer.person({
      personId: 'admin',
      name: 'Ada Admin',
      email: 'ada.admin@county.gov.uk',
      roles: [{ role: 'admin' }],
    });
    for (let n = 1; n <= 120; n += 1)
      await writer.person({
        personId: `teacher-${n}`,
        name: `Teacher ${String(n).padStart(3, '0')}`,
        email: `teacher.${n}@brookside.lancs.sch.uk`,
        roles: [{ role: 'school-staff', schoolUrn: SCHOOL }],
      });
  });
  afterAll(() => api.close());

  it('shows 50 people a page, with links to the others', async () => {
    const first = await page('');
    const listed = (first.match(/href="\/admin\/people\/teacher-/g) ?? []).length;
    expect(listed).toBeLessThanOrEqual(50);
    expect(wordsOf(first)).toMatch(/Everyone in the directory: 1 to 50 of \d+/);
    expect(first).toContain('class="govuk-pagination');
    expect(first).toContain('href="/admin/people?page=2"');
    const third = await page('?page=3');
    expect(third).toContain('href="/admin/people/teacher-120"');
    expect(third).toContain('href="/admin/people?page=2"');
  });

  it('finds a person by part of their name or address, and by role, keeping the search on every page', async () => {
    const found = await page('?q=TEACHER.11%40&role=school-staff');
    expect(wordsOf(found)).toContain('1 person matches');
    expect(found).toContain('href="/admin/people/teacher-11"');
    expect(found).not.toContain('href="/admin/people/teacher-110"');
    expect(found).toContain('value="TEACHER.11@"');
    const teachers = await page('?q=teacher&role=school-staff&page=2');
    expect(wordsOf(teachers)).toContain('120 people match: 51 to 100 of 120');
    expect(teachers).toContain('href="/admin/people?q=teacher&amp;role=school-staff&amp;page=3"');
    const admins = await page('?role=admin');
    expect(admins).toContain('href="/admin/people/admin"');
    expect(admins).not.toContain('href="/admin/people/teacher-1"');
  });

  it('says when nobody matches, and reads an edited link rather than failing', async () => {
    expect(wordsOf(await page('?q=nobody+like+this'))).toContain('Nobody matches');
    for (const odd of [
      '?page=abc',
      '?page=0',
      '?page=999',
      '?role=system',
      '?q[$ne]=1',
      '?page=1&page=2',
    ])
      expect(await page(odd)).toContain('govuk-table');
  });

  it('the API finds the same people, and refuses what it does not take, naming the field', async () => {
    const api = (query: string) =>
      request(server).get(`/api/admin/people${query}`).set('X-Acting-Person', 'admin');
    const found = await api('?q=TEACHER.11%40&role=school-staff').expect(200);
    expect((found.body as { id: string }[]).map((person) => person.id)).toEqual(['teacher-11']);
    const everyone = (await api('').expect(200)).body as { name: string }[];
    expect(everyone.length).toBeGreaterThanOrEqual(121);
    expect(everyone.map((person) => person.name)).toEqual(
      [...everyone.map((person) => person.name)].sort((a, b) =>
        a.localeCompare(b, 'en-GB', { sensitivity: 'base' }),
      ),
    );
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?role=system', 'role'],
      ['?q=a%00b', 'q'],
      ['?q=a&q=b', 'q'],
    ]) {
      const refused = await api(query).expect(400);
      expect(JSON.stringify(refused.body)).toContain(field);
    }
  });

  it('says a person who chose a password signs in with it, though their account predates invitations', async () => {
    // As the demo county's and an import's people are made: no invitation, then a password.
    const people = new PeopleRecords(api.directory);
    const by = { actor: { id: 'test', role: 'admin' as const } };
    await people.add(
      {
        personId: 'old-hand',
        name: 'Olive Hand',
        email: 'olive.hand@county.gov.uk',
        roles: [{ role: 'business-support' }],
      },
      by,
    );
    const signsIn = async () => {
      const answer = await request(server)
        .get('/admin/people/old-hand')
        .set('X-Acting-Person', 'admin')
        .expect(200);
      return /Signs in (.+?) [A-Z][a-z]+ /.exec(wordsOf(answer.text))?.[1];
    };
    expect(await signsIn()).toBe('Not invited to sign in');
    await people.passwordSet('old-hand', by);
    expect(await signsIn()).toBe('Password');
  });
});
