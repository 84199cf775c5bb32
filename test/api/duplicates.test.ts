import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';

/**
 * A school that sends the same complaint twice has one closed as a duplicate of the other, which
 * carries on; the school must never be left with both closed.
 */
describe('closing a complaint as a duplicate', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  const lodge = async (summary: string) =>
    (await api.as('head').post('/api/complaints', lodgeBody({ summary })).expect(201)).body as {
      id: string;
      reference: string;
    };

  it('refuses to close the one that carries on as a duplicate of the one closed, and changes nothing', async () => {
    const first = await lodge('Advice on a grievance came three weeks late');
    const again = await lodge('Advice on a grievance came three weeks late (sent again)');
    await api
      .as('support')
      .post(`/api/complaints/${again.id}/duplicate`, { duplicateOf: first.reference })
      .expect(200);
    for (const named of [again.reference, again.id, again.reference.toLowerCase()]) {
      const refused = await api
        .as('support')
        .post(`/api/complaints/${first.id}/duplicate`, { duplicateOf: named })
        .expect(422);
      expect(refused.body).toMatchObject({ code: 'DUPLICATE_OF_DUPLICATE' });
      expect((refused.body as { message: string }).message).toContain(again.reference);
    }
    const carriesOn = await api.as('head').get(`/api/complaints/${first.id}`).expect(200);
    expect((carriesOn.body as { status: string }).status).toBe('lodged');
  });

  it('of two still waiting for triage, closes only the later as the earlier’s; one already referred may be repeated by an earlier one', async () => {
    const earlier = await lodge('Music lessons missed in March');
    const later = await lodge('Music lessons missed in March (by the web form too)');
    const refused = await api
      .as('support')
      .post(`/api/complaints/${earlier.id}/duplicate`, { duplicateOf: later.reference })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'DUPLICATE_OF_LATER' });
    // The later one goes to its service first: the earlier is then the one to close.
    await api.as('support').post(`/api/complaints/${later.id}/referral`).expect(200);
    await api
      .as('support')
      .post(`/api/complaints/${earlier.id}/duplicate`, { duplicateOf: later.reference })
      .expect(200);
    const closed = await api.as('head').get(`/api/complaints/${earlier.id}`).expect(200);
    expect((closed.body as { status: string }).status).toBe('closed');
  });
});
