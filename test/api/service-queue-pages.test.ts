import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  escalateAfterDeadline,
  lodgeBody,
  lodgedAndReferred,
  startComplaintsApp,
} from '../support/complaints-app';

interface QueueItem {
  id: string;
  serviceMustAct: boolean;
  clock: { kind: string; dueDate: string; atRisk: boolean } | null;
}

/**
 * A service's queue names whose date each complaint works to, puts the service's own deadlines
 * first, and says a complaint is at risk or overdue only where the service must act. From the
 * service manager's trial: a Board's date read as the service's time, and the school's last day
 * to answer a proposal was tagged "At risk".
 */
describe('the service queue', () => {
  let api: ComplaintsApp;
  const ids: Record<'escalated' | 'withService' | 'proposed', string> = {
    escalated: '',
    withService: '',
    proposed: '',
  };

  beforeAll(async () => {
    api = await startComplaintsApp();
    // Referred Thursday 17 April 2025, escalated once the service's deadline passed (6 May).
    ids.escalated = await lodgedAndReferred(api);
    await escalateAfterDeadline(api, ids.escalated);
    // Both referred on Wednesday 7 May: the service's deadline is Wednesday 21 May.
    const lodge = async (summary: string) => {
      const lodged = await api.as('head').post('/api/complaints', lodgeBody({ summary }));
      const id = (lodged.body as { id: string }).id;
      await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
      return id;
    };
    ids.withService = await lodge('Payroll error still not corrected');
    ids.proposed = await lodge('Recruitment pack sent to the wrong school');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${ids.proposed}/resolution`, { resolution: 'Pack resent.' })
      .expect(200);
    // The proposal's mail goes at once, so the school's window counts from the proposal.
    await api.clocksSettled();
    // Tuesday 13 May: the school has a day left to answer the proposal (to Wednesday 14 May).
    api.clock.set('2025-05-13T09:00:00.000Z');
    await api.clocksSettled();
  });
  afterAll(() => api.close());

  it('lists the service’s own deadlines first, then the school’s, then the Board’s, and marks which are the service’s', async () => {
    const queue = (await api.as('hr-manager').get('/api/queues/service').expect(200)).body as {
      items: QueueItem[];
    };
    expect(queue.items.map((item) => item.id)).toEqual([
      ids.withService,
      ids.proposed,
      ids.escalated,
    ]);
    expect(queue.items.map((item) => [item.clock?.kind, item.serviceMustAct])).toEqual([
      ['resolution', true],
      ['school-confirmation', false],
      ['board-decision', false],
    ]);
    // The school's window is at risk as a clock, which the Board's and Business Support's lists
    // still say; the service's queue does not tag it.
    expect(queue.items[1].clock?.atRisk).toBe(true);
  });

  it('names whose date each is, and tags only the service’s own', async () => {
    const html = (
      await request(api.app.getHttpServer() as Server)
        .get('/service-queue')
        .set('X-Acting-Person', 'hr-manager')
        .expect(200)
    ).text;
    const rows = [...html.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
      .map((row) => row[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '))
      .slice(1);
    expect(rows).toHaveLength(3);
    const [withService, proposed, escalated] = rows;
    expect(withService).toContain('Service to resolve by 21 May 2025 6 working days left');
    expect(proposed).toContain('School to confirm or dispute by 14 May 2025 One working day left');
    expect(proposed).not.toContain('At risk');
    expect(escalated).toContain('Board to decide by');
    expect(escalated).not.toMatch(/Overdue|At risk|Service to resolve by/);
  });
});

/**
 * A manager of two services, and a case officer off sick: from the Business Support and service
 * trial, the queue mixed the services with nothing to tell them apart, had no way to find the
 * complaints nobody had taken, and named an officer whose account was disabled as if at work.
 */
describe('the service queue of a manager of two services', () => {
  let api: ComplaintsApp;
  let hr: string;
  let music: string;

  beforeAll(async () => {
    api = await startComplaintsApp();
    const people = new PeopleRecords(api.directory);
    const context = { actor: { id: 'test', role: 'admin' } };
    await people.add(
      {
        personId: 'two-services',
        name: 'Megan Both',
        email: 'megan.both@example.org',
        roles: [{ role: 'service-manager', serviceIds: ['schools-hr', 'music-service'] }],
      },
      context,
    );
    await people.add(
      {
        personId: 'off-sick',
        name: 'Oliver Grant',
        email: 'oliver.grant@example.org',
        roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
      },
      context,
    );
    hr = await lodgedAndReferred(api);
    const lodged = await api
      .as('head')
      .post('/api/complaints', lodgeBody({ serviceId: 'music-service', summary: 'Violin' }))
      .expect(201);
    music = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${music}/referral`).expect(200);
    await api
      .as('two-services')
      .post(`/api/complaints/${hr}/case-officer`, { officerId: 'off-sick' })
      .expect(200);
    await people.disable('off-sick', 'Long-term sick leave', context);
    await api.clocksSettled();
  });
  afterAll(() => api.close());

  const page = async (query = '') =>
    (
      await request(api.app.getHttpServer() as Server)
        .get(`/service-queue${query}`)
        .set('X-Acting-Person', 'two-services')
        .expect(200)
    ).text;
  const listed = async (query: string) =>
    (
      (await api.as('two-services').get(`/api/queues/service${query}`).expect(200)).body as {
        items: { id: string }[];
      }
    ).items.map((item) => item.id);

  it('names each complaint’s service, and shows one service at a time when asked', async () => {
    const all = await page();
    expect(all).toContain('<th scope="col" class="govuk-table__header">Service</th>');
    expect(all).toContain('Schools HR');
    expect(all).toContain('<option value="music-service">');
    const onlyMusic = await page('?serviceId=music-service');
    expect(onlyMusic).toContain(`/complaints/${music}`);
    expect(onlyMusic).not.toContain(`/complaints/${hr}`);
    expect(await listed('?serviceId=schools-hr')).toEqual([hr]);
  });

  it('lists the complaints nobody has been given', async () => {
    expect(await listed('?assignedTo=nobody')).toEqual([music]);
    expect(await page('?assignedTo=nobody')).not.toContain(`/complaints/${hr}`);
  });

  it('marks a case officer whose account is disabled, for their complaints to be given again', async () => {
    expect(await page('?serviceId=schools-hr')).toContain(
      'Oliver Grant (account disabled: assign to someone else)',
    );
  });

  it('refuses a service the reader does not manage, naming the field', async () => {
    const refused = await api
      .as('two-services')
      .get('/api/queues/service?serviceId=governor-services')
      .expect(400);
    expect(refused.body).toMatchObject({ errors: [{ field: 'serviceId' }] });
  });
});
