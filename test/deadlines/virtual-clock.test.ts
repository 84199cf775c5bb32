import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualTimerHost } from '@sg/deadlines';
import { type ComplaintsApp, lodgeBody, startComplaintsApp } from '../support/complaints-app';
import { VirtualClock } from '../support/virtual-clock';
import { eventuallyPasses } from '../support/eventually';
import { emlFilesIn } from '../support/eml-files';

interface View {
  id: string;
  status: string;
  clocks: Record<
    string,
    { dueDate: string | null; deadline: string | null; warned: boolean; status: string }
  >;
}

// Weeks of virtual time are many timers and appends: on a busy two-core machine a test can take
// longer than Jest's default five seconds without anything being wrong.
jest.setTimeout(30_000);

describe('the working-day clocks over weeks of virtual time (in-process timers)', () => {
  let api: ComplaintsApp;
  let host: VirtualTimerHost;

  async function start(at: string) {
    host = new VirtualTimerHost(at);
    api = await startComplaintsApp(at, { clock: new VirtualClock(host), timerHost: host });
  }

  afterEach(async () => {
    await api.close();
  });

  const view = async (id: string) =>
    (await api.as('support').get(`/api/complaints/${id}`).expect(200)).body as View;

  async function referred(): Promise<string> {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as View).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await api.clocksSettled();
    return id;
  }

  const mailFiles = () => {
    const folder = join(api.dataDir, 'outbox');
    return existsSync(folder) ? emlFilesIn(folder) : [];
  };
  const contents = (file: string) => readFileSync(join(api.dataDir, 'outbox', file), 'utf8');

  async function advanceTo(instant: string) {
    await host.advanceTo(instant);
    await api.clocksSettled();
  }

  it('over Easter: warns at the end of working day 8, escalates at midnight after working day 10', async () => {
    await start('2025-04-17T09:00:00.000Z');
    const id = await referred();
    await advanceTo('2025-05-01T22:59:59.000Z');
    expect((await view(id)).clocks.resolution.warned).toBe(false);
    await advanceTo('2025-05-01T23:00:00.000Z');
    expect((await view(id)).clocks.resolution.warned).toBe(true);
    await advanceTo('2025-05-06T22:59:59.999Z');
    expect((await view(id)).status).toBe('with-service');
    await advanceTo('2025-05-06T23:00:00.000Z');
    const escalated = await view(id);
    expect(escalated.status).toBe('escalated');
    expect(escalated.clocks['board-decision'].status).toBe('running');
  });

  it('tells people at 08:00 on the next working morning, not at the midnight the deadline passed', async () => {
    await start('2025-04-17T09:00:00.000Z');
    const id = await referred();
    // What the lodging and the referral called for went out on the day.
    await advanceTo('2025-04-17T09:30:00.000Z');
    const before = mailFiles().length;
    // The warning falls at midnight after Thursday 1 May: the manager hears at 08:00 on Friday.
    await advanceTo('2025-05-02T06:59:59.000Z');
    const warnings = () => api.outbox().filter((queued) => queued.kind === 'resolution-warning');
    const [warning] = warnings();
    expect(warning).toMatchObject({
      kind: 'resolution-warning',
      to: { email: 'hr-manager@example.org' },
      raisedAt: '2025-05-01T23:00:00.000Z',
      sendAfter: '2025-05-02T07:00:00.000Z',
      sentAt: null,
    });
    expect(mailFiles()).toHaveLength(before);
    await advanceTo('2025-05-02T07:00:00.000Z');
    expect(warnings()[0].sentAt).toBe('2025-05-02T07:00:00.000Z');
    expect(mailFiles()).toHaveLength(before + 1);

    // Escalated at midnight after Tuesday 6 May: the Board, the manager and the school hear at
    // 08:00 on Wednesday 7 May, and not a moment before.
    await advanceTo('2025-05-07T06:59:59.000Z');
    expect((await view(id)).status).toBe('escalated');
    const escalation = api.outbox().filter((n) => n.raisedAt === '2025-05-06T23:00:00.000Z');
    expect(escalation.map((n) => [n.kind, n.to.email]).sort()).toEqual([
      ['escalated-to-board', 'board-1@example.org'],
      ['escalated-to-board', 'board-2@example.org'],
      ['escalated-to-board', 'board-3@example.org'],
      ['escalation-for-school', 'head@brookside.lancs.sch.uk'],
      ['escalation-for-service', 'hr-manager@example.org'],
    ]);
    expect(escalation.every((n) => n.sendAfter === '2025-05-07T07:00:00.000Z')).toBe(true);
    expect(escalation.every((n) => n.sentAt === null)).toBe(true);
    expect(mailFiles()).toHaveLength(before + 1);
    await advanceTo('2025-05-07T07:00:00.000Z');
    // Five messages are written one after another; the last may land after the timers settle.
    await eventuallyPasses(() => expect(mailFiles()).toHaveLength(before + 6));
    const toSchool = readFileSync(
      join(
        api.dataDir,
        'outbox',
        mailFiles().find(
          (f) =>
            contents(f).includes('head@brookside') && contents(f).includes('passed to the Board'),
        )!,
      ),
      'utf8',
    );
    expect(toSchool).toMatch(
      /^Subject: Your complaint SG-2025-\d{6} has been passed to the Board/m,
    );
    expect(toSchool).toMatch(/^Date: Wed, 07 May 2025 07:00:00 \+0000/m);
  });

  it('over Christmas and New Year: referred Friday 19 December 2025, due Wednesday 7 January', async () => {
    await start('2025-12-19T11:00:00.000Z');
    const id = await referred();
    expect((await view(id)).clocks.resolution.dueDate).toBe('2026-01-07');
    await advanceTo('2026-01-07T23:59:59.000Z');
    expect((await view(id)).status).toBe('with-service');
    await advanceTo('2026-01-08T00:00:00.000Z');
    expect((await view(id)).status).toBe('escalated');
  });

  it('an extension moves the timer: the old deadline passes quietly', async () => {
    await start('2025-04-17T09:00:00.000Z');
    const id = await referred();
    await advanceTo('2025-04-28T09:00:00.000Z');
    await api
      .as('head')
      .post(`/api/complaints/${id}/extensions`, { extraWorkingDays: 3, reason: 'Adviser off sick' })
      .expect(200);
    await api.clocksSettled();
    await advanceTo('2025-05-07T12:00:00.000Z');
    expect((await view(id)).status).toBe('with-service');
    expect((await view(id)).clocks.resolution.dueDate).toBe('2025-05-09');
    await advanceTo('2025-05-09T23:00:00.000Z');
    expect((await view(id)).status).toBe('escalated');
  });

  /** Referred Thursday 17 April; the service asks the school a question on Wednesday 23 April. */
  const askedTheSchool = async () => {
    await start('2025-04-17T09:00:00.000Z');
    const id = await referred();
    await advanceTo('2025-04-23T09:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, { question: 'Which member of staff?' })
      .expect(200);
    await api.clocksSettled();
    return id;
  };

  it('a pause stops the clock; the school’s answer restarts it with the days that were left', async () => {
    const id = await askedTheSchool();
    // Paused on Wednesday 23 April with 8 working days left after it (24, 25, 28, 29, 30 April,
    // 1, 2 and 6 May); answered on Friday 2 May, inside the school's 10-day window, they run
    // from there to Thursday 15 May, past the early May bank holiday.
    await advanceTo('2025-05-02T09:00:00.000Z');
    expect((await view(id)).status).toBe('awaiting-school');
    await api
      .as('head')
      .post(`/api/complaints/${id}/information`, { summary: 'It was the bursar.' })
      .expect(200);
    await api.clocksSettled();
    expect((await view(id)).clocks.resolution.dueDate).toBe('2025-05-15');
    await advanceTo('2025-05-15T22:59:00.000Z');
    expect((await view(id)).status).toBe('with-service');
    await advanceTo('2025-05-15T23:00:00.000Z');
    expect((await view(id)).status).toBe('escalated');
  });

  it('a school that never answers does not stop the guarantee: its window lapses and the clock runs again', async () => {
    const id = await askedTheSchool();
    // The school has 10 working days, to Thursday 8 May; then the 8 days that were left run from
    // Friday 9 May to Wednesday 21 May.
    await advanceTo('2025-05-08T22:59:00.000Z');
    expect((await view(id)).status).toBe('awaiting-school');
    await advanceTo('2025-05-08T23:00:00.000Z');
    expect((await view(id)).status).toBe('with-service');
    expect((await view(id)).clocks.resolution).toMatchObject({
      status: 'running',
      dueDate: '2025-05-21',
    });
    await advanceTo('2025-05-21T23:00:00.000Z');
    expect((await view(id)).status).toBe('escalated');
  });

  it('a resolution proposed in time cancels the timer; the school’s silence then closes it as resolved', async () => {
    await start('2025-04-17T09:00:00.000Z');
    const id = await referred();
    await advanceTo('2025-04-24T10:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'Advice sent.' })
      .expect(200);
    await api.clocksSettled();
    await advanceTo('2025-05-07T12:00:00.000Z');
    const closed = await view(id);
    expect(closed.status).toBe('closed');
    expect(closed.clocks.resolution.status).toBe('stopped');
  });
});
