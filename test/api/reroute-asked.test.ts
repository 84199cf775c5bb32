import {
  type ComplaintsApp,
  lodgedAndReferred,
  startComplaintsApp,
} from '../support/complaints-app';

interface View {
  status: string;
  serviceId: string | null;
}

/**
 * A service holding a complaint that is another service's asks Business Support to move it; it
 * sees the request in its triage queue and is told by mail, and moves it or keeps it with the
 * service, which is told why.
 */
describe('a service asking Business Support to move a complaint', () => {
  let api: ComplaintsApp;
  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });
  afterEach(() => api.close());

  const ask = (id: string, as = 'hr-manager') =>
    api
      .as(as)
      .post(`/api/complaints/${id}/rerouting-requests`, { reason: 'This is about music tuition' });
  const triagePage = async () => (await api.as('support').get('/triage').expect(200)).text;
  const planned = (id: string, kind: string) =>
    api
      .outbox()
      .filter((n) => n.complaintId === id && n.kind === kind)
      .map((n) => n.to.email);

  it('asks once, shows Business Support the request in triage and on the complaint, and tells them by mail', async () => {
    const id = await lodgedAndReferred(api);
    await ask(id, 'music-manager').expect(404);
    await ask(id).expect(200);
    const again = await ask(id).expect(409);
    expect(again.body).toMatchObject({ code: 'REROUTE_ALREADY_ASKED' });
    await api.clocksSettled();
    expect(planned(id, 'reroute-asked-for-support').length).toBeGreaterThan(0);
    const triage = await triagePage();
    expect(triage).toContain('Services ask for these to be moved');
    expect(triage).toContain(`/complaints/${id}`);
    const page = (await api.as('support').get(`/complaints/${id}`).expect(200)).text;
    expect(page).toContain('asked Business Support to move this complaint to another service');
    expect(page).toContain('This is about music tuition');
    expect(page).toContain('Keep it with the service');
    // The school reads nothing of it.
    const school = (await api.as('head').get(`/complaints/${id}`).expect(200)).text;
    expect(school).not.toContain('This is about music tuition');
  });

  it('moved, the request is answered; kept with the service, the service is told why', async () => {
    const moved = await lodgedAndReferred(api);
    await ask(moved).expect(200);
    await api
      .as('support')
      .post(`/api/complaints/${moved}/rerouting`, {
        toServiceId: 'music-service',
        reason: 'As the service said',
      })
      .expect(200);
    const kept = await lodgedAndReferred(api);
    await ask(kept).expect(200);
    await api
      .as('support')
      .post(`/api/complaints/${kept}/rerouting-requests/refusal`, {
        reason: 'The HR adviser gave the advice',
      })
      .expect(200);
    await api
      .as('support')
      .post(`/api/complaints/${kept}/rerouting-requests/refusal`, { reason: 'Again' })
      .expect(409);
    await api.clocksSettled();
    expect(planned(kept, 'reroute-declined-for-service').length).toBeGreaterThan(0);
    expect(
      ((await api.as('hr-manager').get(`/api/complaints/${kept}`).expect(200)).body as View)
        .serviceId,
    ).toBe('schools-hr');
    expect(await triagePage()).not.toContain('Services ask for these to be moved');
  });
});
