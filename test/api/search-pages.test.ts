import { type Server } from 'node:http';
import request from 'supertest';
import {
  type ComplaintsApp,
  escalateAfterDeadline,
  lodgeBody,
  lodgedAndReferred,
  startComplaintsApp,
} from '../support/complaints-app';

/**
 * Business Support finds complaints by what they are waiting on, not only by words: from the trial
 * of the pages as Business Support, who could list nothing by status, and whose search for no
 * words was refused.
 */
describe('listing complaints on the search page', () => {
  let api: ComplaintsApp;
  const ids: Record<'lodged' | 'referred' | 'escalated', string> = {
    lodged: '',
    referred: '',
    escalated: '',
  };

  beforeAll(async () => {
    api = await startComplaintsApp();
    ids.escalated = await lodgedAndReferred(api);
    await escalateAfterDeadline(api, ids.escalated);
    ids.referred = await lodgedAndReferred(api);
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    ids.lodged = (lodged.body as { id: string }).id;
    await api.clocksSettled();
  });
  afterAll(() => api.close());

  const page = (query: string, personId = 'support') =>
    request(api.app.getHttpServer() as Server)
      .get(`/search?${query}`)
      .set('X-Acting-Person', personId);
  const listed = (html: string) =>
    Object.entries(ids)
      .filter(([, id]) => html.includes(`/complaints/${id}"`))
      .map(([name]) => name)
      .sort();

  it('lists the complaints of a status, with no words', async () => {
    const answer = await page('status=escalated').expect(200);
    expect(listed(answer.text)).toEqual(['escalated']);
    expect(answer.text).toContain('Complaints listed, oldest first');
    // Each status is offered by the name its tag shows.
    expect(answer.text).toContain(
      '<option value="awaiting-school">Waiting for the school</option>',
    );
    expect(answer.text).toContain('<option value="escalated" selected>With the Board</option>');
  });

  it('lists every open complaint of a service, or those past their deadline', async () => {
    // The school named the service when it lodged; only the music service's are none of these.
    expect(listed((await page('serviceId=schools-hr').expect(200)).text)).toEqual([
      'escalated',
      'lodged',
      'referred',
    ]);
    const none = (await page('serviceId=music-service').expect(200)).text;
    expect(listed(none)).toEqual([]);
    expect(none).toContain('No complaint has the status, service or deadline you chose');
    expect(none).not.toContain('Check the spelling');
    expect(listed((await page('overdue=yes').expect(200)).text)).toEqual([]);
    // A week on, Business Support's two days to pass the new one on have run out; the service's
    // ten and the Board's twenty have not.
    api.clock.set(new Date(api.clock.now().getTime() + 7 * 86_400_000).toISOString());
    expect(listed((await page('overdue=yes').expect(200)).text)).toEqual(['lodged']);
  });

  it('finds a complaint by its reference however its number is typed, and only that one', async () => {
    const { reference } = (
      await api.as('support').get(`/api/complaints/${ids.referred}`).expect(200)
    ).body as { reference: string };
    const [, year, number] = /^SG-(\d{4})-(\d{6})$/.exec(reference)!;
    const short = `sg-${year}-${Number(number)}`;
    expect(listed((await page(`q=${short}`).expect(200)).text)).toEqual(['referred']);
    const found = (await api.as('support').get(`/api/search?q=${short}`).expect(200)).body as {
      items: { id: string }[];
    };
    expect(found.items.map((item) => item.id)).toEqual([ids.referred]);
    // A reference the reader may not see is not found, as if there were none.
    expect(listed((await page(`q=${short}`, 'music-manager').expect(200)).text)).toEqual([]);
  });

  it('finds a complaint by its contact at the school, now or before, by name or address', async () => {
    const lodged = await api
      .as('head')
      .post(
        '/api/complaints',
        lodgeBody({
          summary: 'Payroll advice was wrong',
          contact: { name: 'Priya Okonkwo', email: 'bursar@brookside.lancs.sch.uk' },
        }),
      )
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api
      .as('head')
      .post(`/api/complaints/${id}/school-contact`, {
        contact: { name: "Sean O'Dowd", email: 'office@brookside.lancs.sch.uk' },
      })
      .expect(200);
    await api.clocksSettled();
    const found = async (words: string, personId = 'support') =>
      (
        (
          await api
            .as(personId)
            .get(`/api/search?q=${encodeURIComponent(words)}`)
            .expect(200)
        ).body as { items: { id: string }[] }
      ).items.map((item) => item.id);
    expect(await found('okonkwo')).toEqual([id]);
    expect(await found('Priya Okonkwo')).toEqual([id]);
    expect(await found('bursar')).toEqual([id]);
    expect(await found('bursar@brookside.lancs.sch.uk')).toEqual([id]);
    expect(await found('BURSAR@brookside')).toEqual([id]);
    // Not by the parts of a domain most contacts share.
    expect(await found('lancs')).toEqual([]);
    expect(await found('office@elsewhere.example')).toEqual([]);
    expect(await found('ODowd')).toEqual([id]);
    expect(await found('o’dowd')).toEqual([id]);
    expect(await found('okonkwo', 'head')).toEqual([id]);
    expect(await found('okonkwo', 'other-head')).toEqual([]);
    expect(await found('okonkwo', 'music-manager')).toEqual([]);
    expect((await page('q=okonkwo').expect(200)).text).toContain(`/complaints/${id}"`);
  });

  it('keeps a service manager to their own services’ complaints', async () => {
    const answer = await page('status=lodged', 'music-manager').expect(200);
    expect(listed(answer.text)).toEqual([]);
  });

  it('refuses a status that is none, naming the field, and still asks for words when given none', async () => {
    const refused = await page('status=lost').expect(400);
    expect(refused.text).toContain('href="#status"');
    expect(refused.text).toContain('Select a status from the list');
    const empty = await page('q=').expect(400);
    expect(empty.text).toContain('Enter words to search for, or choose what to list');
  });
});
