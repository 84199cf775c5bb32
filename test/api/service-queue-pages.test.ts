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
    expect(withService).toContain('Service to resolve by 21 May 2025 Six working days left');
    expect(proposed).toContain('School to confirm or dispute by 14 May 2025 One working day left');
    expect(proposed).not.toContain('At risk');
    expect(escalated).toContain('Board to decide by');
    expect(escalated).not.toMatch(/Overdue|At risk|Service to resolve by/);
  });
});
