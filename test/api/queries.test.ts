import { DirectoryWriter } from '@sg/directory';
import { ReadModelProjector } from '@sg/read-models';
import {
  type ComplaintsApp,
  lodgeBody,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { eventuallyPasses } from '../support/eventually';

interface Summary {
  id: string;
  reference: string;
  status: string;
  schoolUrn: string;
  serviceId: string | null;
  lodgedAt: string;
  clock: {
    kind: string;
    dueDate: string;
    deadline: string;
    workingDaysLeft: number;
    overdue: boolean;
    atRisk: boolean;
  } | null;
}
interface Page {
  items: Summary[];
  nextCursor: string | null;
}

/**
 * Every query answered from the read model, with data made by driving commands over HTTP. The
 * clock starts on Thursday 17 April 2025 (Easter follows).
 */
describe('queries from the read model', () => {
  let api: ComplaintsApp;
  beforeEach(async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z');
  });
  afterEach(() => api.close());

  async function lodge(at: string, overrides: object = {}, as = 'head'): Promise<string> {
    api.clock.set(at);
    const response = await api.as(as).post('/api/complaints', lodgeBody(overrides)).expect(201);
    return (response.body as { id: string }).id;
  }
  async function refer(id: string, at: string, serviceId?: string) {
    api.clock.set(at);
    await api
      .as('support')
      .post(`/api/complaints/${id}/referral`, serviceId ? { serviceId } : {})
      .expect(200);
  }
  async function get(path: string, as: string, status = 200): Promise<Page> {
    await api.clocksSettled();
    return (await api.as(as).get(path).expect(status)).body as Page;
  }
  const ids = (page: Page) => page.items.map((item) => item.id);

  it('Business Support’s triage queue: unreferred complaints, oldest first, with the triage deadline', async () => {
    const second = await lodge('2025-04-17T10:00:00.000Z');
    const first = await lodge('2025-04-17T09:30:00.000Z', { summary: 'The earliest' });
    const referred = await lodge('2025-04-17T11:00:00.000Z');
    await refer(referred, '2025-04-17T12:00:00.000Z');
    const queue = await get('/api/queues/triage', 'support');
    expect(ids(queue)).toEqual([first, second]);
    expect(queue.items[0].clock).toMatchObject({
      kind: 'triage',
      // Lodged on Thursday: Good Friday and Easter Monday are skipped, so the second working day
      // is Wednesday 23 April; on Thursday, Tuesday and Wednesday are left.
      dueDate: '2025-04-23',
      deadline: '2025-04-23T23:00:00.000Z',
      workingDaysLeft: 2,
      overdue: false,
    });
    await get('/api/queues/triage', 'hr-manager', 403);
  });

  it('a service manager’s queue: their services’ open complaints, nearest deadline first, with working days left', async () => {
    const later = await lodge('2025-04-17T09:10:00.000Z');
    const sooner = await lodge('2025-04-17T09:20:00.000Z');
    const music = await lodge('2025-04-17T09:30:00.000Z', { serviceId: 'music-service' });
    await refer(later, '2025-04-22T10:00:00.000Z');
    await refer(sooner, '2025-04-17T10:00:00.000Z');
    await refer(music, '2025-04-17T10:00:00.000Z');
    api.clock.set('2025-04-24T09:00:00.000Z');
    const queue = await get('/api/queues/service', 'hr-manager');
    expect(ids(queue)).toEqual([sooner, later]);
    expect(queue.items.map((item) => [item.clock?.dueDate, item.clock?.workingDaysLeft])).toEqual([
      ['2025-05-06', 7],
      ['2025-05-07', 8],
    ]);
    expect(ids(await get('/api/queues/service', 'music-manager'))).toEqual([music]);
    await get('/api/queues/service', 'support', 403);
  });

  it('one complaint by the reference people quote, as by its id; to others as no complaint at all', async () => {
    const id = await lodge('2025-04-17T09:05:00.000Z');
    await api.clocksSettled();
    const byId = await api.as('head').get(`/api/complaints/${id}`).expect(200);
    const reference = (byId.body as { reference: string }).reference;
    for (const written of [reference, reference.toLowerCase()]) {
      const byReference = await api.as('head').get(`/api/complaints/${written}`).expect(200);
      expect(byReference.body).toEqual(byId.body);
      expect(byReference.headers.etag).toBe(byId.headers.etag);
    }
    const notTheirs = await api.as('other-head').get(`/api/complaints/${reference}`).expect(404);
    const none = await api.as('other-head').get('/api/complaints/SG-2099-000001').expect(404);
    expect(notTheirs.body).toEqual(none.body);
    await api.as('head').get('/api/complaints/SG-25-1').expect(404);
  });

  it('a school sees its own complaints and their status, newest first, and nobody else’s', async () => {
    const older = await lodge('2025-04-17T09:10:00.000Z');
    const newer = await lodge('2025-04-17T09:20:00.000Z');
    await lodge('2025-04-17T09:30:00.000Z', { schoolUrn: OTHER_SCHOOL }, 'other-head');
    await refer(older, '2025-04-17T10:00:00.000Z');
    const mine = await get('/api/complaints', 'head');
    expect(ids(mine)).toEqual([newer, older]);
    expect(mine.items.map((item) => item.status)).toEqual(['lodged', 'with-service']);
    expect(ids(await get(`/api/complaints?schoolUrn=${OTHER_SCHOOL}`, 'head'))).toEqual([]);
  });

  it('all open complaints for Business Support, filtered by service, school, status, channel, lodging time, overdue and at risk', async () => {
    const phoned = await lodge('2025-04-17T09:10:00.000Z', { channel: 'phone' }, 'support');
    const hr = await lodge('2025-04-17T09:20:00.000Z');
    const music = await lodge(
      '2025-04-18T09:30:00.000Z',
      {
        serviceId: 'music-service',
        schoolUrn: OTHER_SCHOOL,
      },
      'other-head',
    );
    await refer(hr, '2025-04-17T10:00:00.000Z');
    const all = await get('/api/complaints', 'support');
    expect(ids(all)).toEqual([phoned, hr, music]);
    expect(ids(await get('/api/complaints?serviceId=music-service', 'support'))).toEqual([music]);
    expect(ids(await get(`/api/complaints?schoolUrn=${OTHER_SCHOOL}`, 'support'))).toEqual([music]);
    expect(ids(await get('/api/complaints?status=with-service', 'support'))).toEqual([hr]);
    expect(ids(await get('/api/complaints?channel=phone', 'support'))).toEqual([phoned]);
    expect(ids(await get('/api/complaints?lodgedFrom=2025-04-18T00:00:00Z', 'support'))).toEqual([
      music,
    ]);
    expect(ids(await get('/api/complaints?lodgedBefore=2025-04-17T09:15:00Z', 'support'))).toEqual([
      phoned,
    ]);

    // Friday 2 May: the resolution clock's warning (2 working days before 6 May) has passed;
    // the triage deadlines of the two unreferred complaints (23 and 24 April) have too.
    api.clock.set('2025-05-02T09:00:00.000Z');
    expect(ids(await get('/api/complaints?atRisk=true', 'support'))).toEqual([hr]);
    expect(ids(await get('/api/complaints?overdue=true', 'support'))).toEqual([phoned, music]);
    // false asks for the rest, not for everything.
    expect(ids(await get('/api/complaints?overdue=false', 'support'))).toEqual([hr]);
    expect(ids(await get('/api/complaints?atRisk=false', 'support'))).toEqual([phoned, music]);
    const overdue = await get('/api/complaints?overdue=true', 'support');
    expect(overdue.items[0].clock).toMatchObject({ overdue: true, workingDaysLeft: -7 });
  });

  it('compares lodging times as instants: the same moment with an offset or in UTC gives the same list', async () => {
    // Noon in London on Thursday 17 April (BST) is 11:00 UTC. As text, 11:30Z sorts before
    // 12:00+01:00 though it is half an hour after it.
    const before = await lodge('2025-04-17T10:30:00.000Z');
    const justAfter = await lodge('2025-04-17T11:30:00.000Z');
    const after = await lodge('2025-04-17T12:30:00.000Z');
    const sameMoment = [
      '2025-04-17T12:00:00+01:00',
      '2025-04-17T11:00:00Z',
      '2025-04-17T11:00:00.000Z',
      '2025-04-17T07:00-0400',
    ];
    // Keyed by how the moment was written, so a failure shows which form listed wrongly.
    const listed = async (filter: string) => {
      const lists: Record<string, string[]> = {};
      for (const instant of sameMoment) {
        const query = `${filter}=${encodeURIComponent(instant)}`;
        lists[instant] = ids(await get(`/api/complaints?${query}`, 'support'));
      }
      return lists;
    };
    const each = (list: string[]) => Object.fromEntries(sameMoment.map((i) => [i, list]));
    expect(await listed('lodgedFrom')).toEqual(each([justAfter, after]));
    expect(await listed('lodgedBefore')).toEqual(each([before]));
    // And pages on through the filtered list the same way.
    const firstPage = await get(
      `/api/complaints?limit=1&lodgedFrom=${encodeURIComponent(sameMoment[0])}`,
      'support',
    );
    const secondPage = await get(
      `/api/complaints?limit=1&lodgedFrom=${encodeURIComponent(sameMoment[0])}&cursor=${firstPage.nextCursor}`,
      'support',
    );
    expect([...ids(firstPage), ...ids(secondPage)]).toEqual([justAfter, after]);
  });

  it('keeps a bound’s digits beyond the millisecond: a lodging a fraction before it is before it', async () => {
    const lodged = await lodge('2025-04-17T14:15:16.886Z');
    const listed = async (filter: string, instant: string) =>
      ids(
        await get(`/api/complaints?${filter}=${encodeURIComponent(instant)}`, 'support'),
      ).includes(lodged);
    expect(await listed('lodgedBefore', '2025-04-17T14:15:16.8861Z')).toBe(true);
    expect(await listed('lodgedFrom', '2025-04-17T14:15:16.8860001Z')).toBe(false);
    expect(await listed('lodgedFrom', '2025-04-17T15:15:16.886000+01:00')).toBe(true);
    expect(await listed('lodgedBefore', '2025-04-17T14:15:16.886000000Z')).toBe(false);
    expect(await listed('lodgedBefore', '2025-04-17T15:15:16.886000001+01:00')).toBe(true);
  });

  it('takes a date bound in a year before 100 as that year (every complaint is after it)', async () => {
    const lodged = await lodge('2025-04-17T10:00:00.000Z');
    for (const year of ['0000', '0001', '0099']) {
      expect(ids(await get(`/api/complaints?lodgedFrom=${year}-01-01`, 'support'))).toContain(
        lodged,
      );
      expect(ids(await get(`/api/complaints?lodgedBefore=${year}-06-01`, 'support'))).toEqual([]);
    }
  });

  it('takes a date bound as the start of that day in London, not in UTC', async () => {
    const lateOnThursday = await lodge('2025-04-17T22:30:00.000Z');
    // 00:30 on Good Friday in London, though still Thursday in UTC.
    const earlyOnFriday = await lodge('2025-04-17T23:30:00.000Z');
    expect(ids(await get('/api/complaints?lodgedFrom=2025-04-18', 'support'))).toEqual([
      earlyOnFriday,
    ]);
    expect(ids(await get('/api/complaints?lodgedBefore=2025-04-18', 'support'))).toEqual([
      lateOnThursday,
    ]);
  });

  it('pages with a cursor that stays stable when complaints are lodged between pages', async () => {
    const lodged: string[] = [];
    for (let i = 0; i < 5; i += 1)
      lodged.push(await lodge(`2025-04-17T09:0${i}:00.000Z`, { summary: `Complaint ${i}` }));
    const first = await get('/api/complaints?limit=2', 'support');
    expect(ids(first)).toEqual(lodged.slice(0, 2));
    // A complaint logged late but dated before the cursor, and a new one, arrive meanwhile.
    const backdated = await lodge('2025-04-17T09:00:30.000Z', {}, 'support');
    const newest = await lodge('2025-04-17T09:30:00.000Z');
    const second = await get(`/api/complaints?limit=2&cursor=${first.nextCursor}`, 'support');
    expect(ids(second)).toEqual(lodged.slice(2, 4));
    const third = await get(`/api/complaints?limit=2&cursor=${second.nextCursor}`, 'support');
    expect(ids(third)).toEqual([lodged[4], newest]);
    expect(third.nextCursor).toBeNull();
    expect(ids(await get('/api/complaints?limit=100', 'support'))).toContain(backdated);
  });

  it('finds complaints by words of their summary, details, reference and notes; schools never by notes', async () => {
    const grievance = await lodge('2025-04-17T09:10:00.000Z', {
      summary: 'Grievance advice came late',
    });
    const payroll = await lodge('2025-04-17T09:20:00.000Z', {
      summary: 'Payroll error',
      details: 'The March payslips were wrong for three teachers.',
    });
    await api
      .as('support')
      .post(`/api/complaints/${grievance}/notes`, { text: 'Escalating to the duty solicitor' })
      .expect(200);
    expect(ids(await get('/api/search?q=grievances', 'support'))).toEqual([grievance]);
    expect(ids(await get('/api/search?q=payslip%20teachers', 'support'))).toEqual([payroll]);
    expect(ids(await get('/api/search?q=solicitor', 'support'))).toEqual([grievance]);
    expect(ids(await get('/api/search?q=solicitor', 'head'))).toEqual([]);
    const { items } = await get('/api/complaints', 'support');
    const reference = items.find((item) => item.id === payroll)!.reference;
    expect(ids(await get(`/api/search?q=${reference}`, 'support'))).toEqual([payroll]);
    expect(ids(await get('/api/search?q=payroll', 'other-head'))).toEqual([]);
    expect(ids(await get('/api/search?q=%22)(*', 'support'))).toEqual([]);
  });

  it('finds a school’s complaints by its name, and by the name it is given later; not another school’s', async () => {
    const brookside = await lodge('2025-04-17T09:10:00.000Z', { summary: 'Late advice' });
    const hillside = await lodge(
      '2025-04-17T09:20:00.000Z',
      {
        schoolUrn: OTHER_SCHOOL,
        summary: 'Payroll error',
        contact: { name: 'Sam Head', role: 'Headteacher', email: 'head@hillside.lancs.sch.uk' },
      },
      'other-head',
    );
    // The names are indexed as the directory's events are followed, beside the complaints.
    await eventuallyPasses(async () =>
      expect(ids(await get('/api/search?q=brookside', 'support'))).toEqual([brookside]),
    );
    expect(ids(await get('/api/search?q=Hillside%20Primary', 'support'))).toEqual([hillside]);
    expect(ids(await get('/api/search?q=primary', 'support'))).toEqual([hillside, brookside]);
    // A school's name and the complaint's own words together.
    expect(ids(await get('/api/search?q=brookside%20late', 'support'))).toEqual([brookside]);
    expect(ids(await get('/api/search?q=hillside%20late', 'support'))).toEqual([]);
    expect(ids(await get('/api/search?q=brookside', 'other-head'))).toEqual([]);
    expect(ids(await get('/api/search?q=hillside', 'head'))).toEqual([]);

    await new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } }).schools([
      {
        urn: SCHOOL,
        name: 'Brookside Church of England Academy',
        phase: 'primary',
        type: 'Academy converter',
        localAuthority: 'Lancashire',
        inCounty: true,
        pupils: 210,
        emails: [],
        domains: [],
      },
    ]);
    await eventuallyPasses(async () =>
      expect(ids(await get('/api/search?q=academy', 'support'))).toEqual([brookside]),
    );
    expect(ids(await get('/api/search?q=brookside%20primary', 'support'))).toEqual([]);

    // A name with an apostrophe is found written with one, the other or none; a URN finds its
    // school's complaints.
    await new DirectoryWriter(api.directory, { actor: { id: 'test', role: 'system' } }).schools([
      {
        urn: OTHER_SCHOOL,
        name: 'St John’s Church of England Primary School',
        phase: 'primary',
        type: 'Voluntary aided school',
        localAuthority: 'Lancashire',
        inCounty: true,
        pupils: 180,
        emails: [],
        domains: [],
      },
    ]);
    for (const written of ['Johns', 'John%27s', 'John%E2%80%99s', 'john'])
      await eventuallyPasses(async () =>
        expect([written, ids(await get(`/api/search?q=${written}`, 'support'))]).toEqual([
          written,
          [hillside],
        ]),
      );
    expect(ids(await get(`/api/search?q=${OTHER_SCHOOL}`, 'support'))).toEqual([hillside]);
    expect(ids(await get(`/api/search?q=${OTHER_SCHOOL}`, 'head'))).toEqual([]);
  });

  it('the Board’s queue of escalations awaiting its decision, with its own deadline', async () => {
    const id = await lodge('2025-04-17T09:10:00.000Z');
    await refer(id, '2025-04-17T10:00:00.000Z');
    api.clock.set('2025-05-07T09:00:00.000Z');
    await api.reportResolutionDeadline(id, 1);
    const queue = await get('/api/queues/board/awaiting-decision', 'board-2');
    expect(ids(queue)).toEqual([id]);
    // 20 working days from Wednesday 7 May, skipping the spring bank holiday (26 May).
    expect(queue.items[0].clock).toMatchObject({ kind: 'board-decision', dueDate: '2025-06-05' });
    expect(ids(await get('/api/queues/board/awaiting-approval', 'board-2'))).toEqual([]);
    await get('/api/queues/board/awaiting-decision', 'finance', 403);
    await get('/api/queues/board/elsewhere', 'board-2', 404);
    // Finance is refused the Board's other queues before its query or the queue's name is read.
    await get('/api/queues/board/awaiting-decision?limit=0', 'finance', 403);
    await get('/api/queues/board/elsewhere', 'finance', 403);
    await get('/api/queues/board/awaiting-decision?limit=0', 'board-2', 400);
    await get('/api/queues/board/awaiting-payment', 'finance', 200);

    // Once decided, it waits for a reimbursement to be proposed (or for closing without one).
    await api
      .as('board-1')
      .post(`/api/complaints/${id}/board-decision`, {
        outcome: 'upheld',
        failureLevel: 'minor',
        rationale: 'The service missed its deadline.',
      })
      .expect(200);
    await api.clocksSettled();
    expect(ids(await get('/api/queues/board/awaiting-decision', 'board-2'))).toEqual([]);
    const toPropose = await get('/api/queues/board/awaiting-proposal', 'board-2');
    expect(ids(toPropose)).toEqual([id]);
    expect(toPropose.items[0].clock).toMatchObject({ kind: 'reimbursement-proposal' });
  });

  it.each([
    ['/api/complaints?limit=0', 'limit'],
    ['/api/complaints?status=pending', 'status'],
    ['/api/complaints?overdue=yes', 'overdue'],
    ['/api/complaints?lodgedFrom=yesterday', 'lodgedFrom'],
    ['/api/complaints?lodgedFrom=2025-02-31T10:00:00Z', 'lodgedFrom'],
    ['/api/complaints?lodgedFrom=2025-02-30T10:00:00.000Z', 'lodgedFrom'],
    ['/api/complaints?lodgedFrom=2025-02-31', 'lodgedFrom'],
    ['/api/complaints?lodgedBefore=2025-04-17T10:00:00%2B25:00', 'lodgedBefore'],
    ['/api/complaints?lodgedBefore=2025-04-17T10:00:00%2B01:60', 'lodgedBefore'],
    // Without an offset a time means local time wherever it is read: no one instant.
    ['/api/complaints?lodgedBefore=2025-04-17T10:00:00', 'lodgedBefore'],
    // An unescaped + arrives as a space.
    ['/api/complaints?lodgedFrom=2025-04-17T10:00:00+01:00', 'lodgedFrom'],
    ['/api/complaints?lodgedBefore=2025-W16', 'lodgedBefore'],
    ['/api/complaints?lodgedFrom=a&lodgedFrom=b', 'lodgedFrom'],
    ['/api/complaints?cursor=bm90LWEtY3Vyc29y', 'cursor'],
    // A cursor this service gave out holds instants in UTC only; another form would compare wrongly.
    [
      `/api/complaints?cursor=${Buffer.from(JSON.stringify(['2025-04-17T10:00:00+01:00', 'x'])).toString('base64url')}`,
      'cursor',
    ],
    [
      `/api/queues/triage?cursor=${Buffer.from(JSON.stringify(['2025-02-31T10:00:00.000Z', 'x'])).toString('base64url')}`,
      'cursor',
    ],
    ['/api/complaints?colour=red', 'colour'],
    // A range that ends before it starts, or where it starts (the same moment in two offsets).
    ['/api/complaints?lodgedFrom=2027-01-01&lodgedBefore=2026-01-01', 'lodgedBefore'],
    [
      '/api/complaints?lodgedFrom=2025-04-17T10:00:00Z&lodgedBefore=2025-04-17T11:00:00%2B01:00',
      'lodgedBefore',
    ],
    ['/api/search', 'q'],
  ])('%s is refused, naming %s', async (path, field) => {
    const response = await api.as('support').get(path).expect(400);
    expect((response.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
      field,
    );
  });
});

describe('read-your-writes', () => {
  let api: ComplaintsApp;
  afterEach(() => api.close());

  it('answers a command once the read model shows it, and 202 with a Location when it cannot in time', async () => {
    api = await startComplaintsApp('2025-04-17T09:00:00.000Z', {
      env: { READ_YOUR_WRITES_TIMEOUT_MS: '300' },
    });
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    // No waiting for the projection: the list already holds what the 201 answered.
    const list = await api.as('support').get('/api/queues/triage').expect(200);
    expect((list.body as Page).items.map((item) => item.id)).toEqual([id]);

    const projector = api.app.get(ReadModelProjector);
    await projector.pause();
    const referred = await api.as('support').post(`/api/complaints/${id}/referral`).expect(202);
    expect(referred.headers.location).toBe(`/api/complaints/${id}`);
    expect(referred.headers.etag).toMatch(/^"\d+"$/);
    expect((referred.body as { status: string }).status).toBe('with-service');
    const stale = await api.as('support').get('/api/queues/triage').expect(200);
    expect((stale.body as Page).items.map((item) => item.id)).toEqual([id]);

    projector.resume();
    await api.clocksSettled();
    const fresh = await api.as('support').get('/api/queues/triage').expect(200);
    expect((fresh.body as Page).items).toEqual([]);
  });
});
