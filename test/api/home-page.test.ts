import {
  approvedReimbursement,
  type ComplaintsApp,
  CONTRACT_FEES,
  lodgeBody,
  lodgedAndReferred,
  startComplaintsApp,
  upholdAndPropose,
} from '../support/complaints-app';

/** The home page's places, each with what waits there, as one line of text each. */
const places = (html: string) =>
  [...html.matchAll(/<li class="govuk-!-margin-bottom-3">([\s\S]*?)<\/li>/g)].map((match) =>
    match[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );

describe('the home page', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });
  afterAll(() => api.close());

  const home = async (personId: string) =>
    places((await api.as(personId).get('/home').expect(200)).text);

  it('says what waits for each person in each place their roles open, so nobody opens every queue to look', async () => {
    // One referred now and left to miss its deadline, one to pay, then one waiting to be passed
    // on and one with the service.
    const late = (await api.as('head').post('/api/complaints', lodgeBody()).expect(201)).body as {
      id: string;
    };
    const referred = await api
      .as('support')
      .post(`/api/complaints/${late.id}/referral`)
      .expect(200);
    await approvedReimbursement(api);
    await api.reportResolutionDeadline(
      late.id,
      (referred.body as { clocks: { resolution: { revision: number } } }).clocks.resolution
        .revision,
    );
    await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    await lodgedAndReferred(api);
    await api.clocksSettled();

    expect(await home('support')).toEqual(
      expect.arrayContaining(['Triage 1 complaint to pass on', 'Emails to match 0 emails waiting']),
    );
    expect(await home('hr-manager')).toContainEqual('Service queue 1 complaint to resolve');
    expect(await home('board-2')).toContainEqual(
      'Board 1 to decide, 0 awaiting a proposal, 0 to approve',
    );
    expect(await home('finance')).toContainEqual('Payments 1 reimbursement to pay');
    // A place with nothing to count says nothing more than its name.
    expect(await home('finance')).toContainEqual('Reports');
  });

  it('counts for each person only what is theirs to do: not what a member proposed or may not judge, and says what is assigned to the officer', async () => {
    const escalated = (
      await api.as('board-1').get('/api/queues/board/awaiting-decision').expect(200)
    ).body as { items: { id: string }[] };
    const id = escalated.items[0].id;
    await upholdAndPropose(api, id, {
      failureLevel: 'significant',
      amountPence: CONTRACT_FEES / 4,
    });
    await api.clocksSettled();
    expect(await home('board-1')).toContainEqual(
      'Board 0 to decide, 0 awaiting a proposal, 0 to approve',
    );
    expect(await home('board-2')).toContainEqual(
      'Board 0 to decide, 0 awaiting a proposal, 1 to approve',
    );
    const assigned = await lodgedAndReferred(api);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${assigned}/case-officer`, { officerId: 'hr-manager' })
      .expect(200);
    await api.clocksSettled();
    expect(await home('hr-manager')).toContainEqual(
      'Service queue 2 complaints to resolve (1 assigned to you)',
    );
  });
});
