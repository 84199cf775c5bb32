import { PeopleRecords } from '@sg/directory';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';

interface Page {
  readonly items: { readonly id: string }[];
}

/**
 * A school tells an officer of a complaint (a music tutor's manager hears of the HR service's late
 * advice on a visit; finance is told on the phone); the officer logs it for the school and must
 * find it again afterwards, as they would in any case-management system: not only its page from
 * the answer, but in their lists and search. They follow it as finance follows what it pays,
 * without the council's notes on it, and only while they hold the role they logged it in.
 */
describe('a complaint an officer logged for a school', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });
  afterAll(() => api.close());
  beforeAll(async () => {
    const people = new PeopleRecords(api.directory);
    const by = { actor: { id: 'test', role: 'admin' as const } };
    for (const personId of ['other-music-manager', 'leaving-manager'])
      await people.add(
        {
          personId,
          name: personId,
          email: `${personId}@example.org`,
          roles: [{ role: 'service-manager', serviceIds: ['music-service'] }],
        },
        by,
      );
  });

  const ids = (page: Page) => page.items.map((item) => item.id);
  const lists = async (personId: string) =>
    Promise.all(
      ['/api/complaints', '/api/complaints?includeClosed=true', '/api/search?q=grievance'].map(
        async (path) => ids((await api.as(personId).get(path).expect(200)).body as Page),
      ),
    );

  it('is found again by the officer who logged it, about another service, without the council’s notes', async () => {
    const logged = await api
      .as('music-manager')
      .post('/api/complaints', lodgeBody({ channel: 'visiting-officer', serviceId: 'schools-hr' }))
      .expect(201);
    const id = (logged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const before = await api.as('music-manager').get(`/api/complaints/${id}`).expect(200);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/notes`, { text: 'The adviser was off sick' })
      .expect(200);

    const view = await api.as('music-manager').get(`/api/complaints/${id}`).expect(200);
    expect(view.body).toMatchObject({ id, status: 'with-service' });
    const timeline = (
      await api.as('music-manager').get(`/api/complaints/${id}/timeline`).expect(200)
    ).body as { type: string }[];
    expect(timeline.map((line) => line.type)).toContain('ComplaintReferred');
    expect(timeline.map((line) => line.type)).not.toContain('InternalNoteAdded');
    // A note changes nothing they are shown, so their version does not move with it.
    expect(view.headers.etag).toBe(before.headers.etag);
    for (const list of await lists('music-manager')) expect(list).toContain(id);
    // Searching the council's notes finds nothing for them.
    const byNote = await api.as('music-manager').get('/api/search?q=sick').expect(200);
    expect(ids(byNote.body as Page)).not.toContain(id);
    // Another manager of their service did not log it, and does not see it.
    await api.as('other-music-manager').get(`/api/complaints/${id}`).expect(404);
  });

  it('is found again by a service’s manager not yet given a service', async () => {
    await new PeopleRecords(api.directory).add(
      {
        personId: 'new-manager',
        name: 'New Manager',
        email: 'new-manager@example.org',
        roles: [{ role: 'service-manager', serviceIds: [] }],
      },
      { actor: { id: 'test', role: 'admin' } },
    );
    const logged = await api
      .as('new-manager')
      .post('/api/complaints', lodgeBody({ channel: 'phone', serviceId: 'schools-hr' }))
      .expect(201);
    const id = (logged.body as { id: string }).id;
    await api.as('new-manager').get(`/api/complaints/${id}`).expect(200);
    for (const list of await lists('new-manager')) expect(list).toEqual([id]);
  });

  it('is found again by finance, which logged it, though nothing is yet to pay', async () => {
    const logged = await api
      .as('finance')
      .post('/api/complaints', lodgeBody({ channel: 'phone' }))
      .expect(201);
    const id = (logged.body as { id: string }).id;
    await api.as('finance').get(`/api/complaints/${id}`).expect(200);
    for (const list of await lists('finance')) expect(list).toContain(id);
  });

  it('is lost to the officer with the role they logged it in, as to anyone who may not see it', async () => {
    const logged = await api
      .as('leaving-manager')
      .post('/api/complaints', lodgeBody({ channel: 'phone', serviceId: 'schools-hr' }))
      .expect(201);
    const id = (logged.body as { id: string }).id;
    await api.as('leaving-manager').get(`/api/complaints/${id}`).expect(200);
    await new PeopleRecords(api.directory).setRoles(
      'leaving-manager',
      [{ role: 'school-staff', schoolUrn: '119301' }],
      { actor: { id: 'test', role: 'admin' } },
    );
    const refused = await api.as('leaving-manager').get(`/api/complaints/${id}`).expect(404);
    expect(refused.body).toMatchObject({ code: 'COMPLAINT_NOT_FOUND' });
    for (const list of await lists('leaving-manager')) expect(list).not.toContain(id);
  });
});
