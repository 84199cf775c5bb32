import {
  type ComplaintsApp,
  lodgedAndReferred,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, BURSAR, signedInWithPassword, csrfTokenIn } from '../support/signing-in';

/** The boxes of a date-and-time field drawn as wrong, in order. */
const markedBoxes = (html: string, field: string) =>
  (['day', 'month', 'year', 'time'] as const)
    .filter((box) => {
      const id = box === 'day' ? field : `${field}-${box}`;
      const input = new RegExp(`<input[^>]*id="${id}"[^>]*>`).exec(html)?.[0] ?? '';
      return input.includes('govuk-input--error');
    })
    .join(' ');

interface View {
  status: string;
  version: number;
  clocks: { resolution: { dueDate: string; status: string } };
}

/**
 * The school answered the service's question by phone on Tuesday; the manager writes it up on
 * Thursday. The service's clock runs again from Tuesday, not from when it was written up.
 * Asked on Thursday 17 April 2025, the day it was referred, with all 10 working days left: from
 * Tuesday 22 April they run to Wednesday 7 May (5 May is a bank holiday); from Thursday 24 April,
 * to Friday 9 May.
 */
describe('an answer the school gave earlier, written up by the service', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await addWithPassword(api, {
      personId: 'hr-officer',
      name: 'Olu Officer',
      email: 'olu.officer@county.gov.uk',
      roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
    });
    await addWithPassword(api, BURSAR);
  });
  afterAll(() => api.close());

  async function asked(): Promise<string> {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const id = await lodgedAndReferred(api);
    api.clock.set('2025-04-17T09:30:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, { question: 'Which dates?' })
      .expect(200);
    api.clock.set('2025-04-24T10:00:00.000Z');
    return id;
  }

  const view = async (id: string) =>
    (await api.as('hr-manager').get(`/api/complaints/${id}`).expect(200)).body as View;

  it('through the API: the clock runs again from when the school answered', async () => {
    const id = await asked();
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information`, {
        summary: 'The head rang: 7 and 10 April.',
        receivedAt: '2025-04-22T14:00:00+01:00',
      })
      .expect(200);
    const answered = await view(id);
    expect(answered.status).toBe('with-service');
    expect(answered.clocks.resolution.dueDate).toBe('2025-05-07');
    const timeline = await api.as('hr-manager').get(`/api/complaints/${id}/timeline`).expect(200);
    expect(JSON.stringify(timeline.body)).toContain('"receivedAt":"2025-04-22T13:00:00.000Z"');

    const now = await asked();
    await api
      .as('hr-manager')
      .post(`/api/complaints/${now}/information`, { summary: '7 and 10 April.' })
      .expect(200);
    expect((await view(now)).clocks.resolution.dueDate).toBe('2025-05-09');
  });

  it.each([
    ['later than now', '2025-04-24T10:00:01Z', 422, 'ANSWER_IN_FUTURE'],
    ['before the question', '2025-04-17T09:29:59Z', 422, 'ANSWER_BEFORE_QUESTION'],
    ['not a date', '22 April', 400, 'receivedAt'],
    ['a date that does not exist', '2025-02-31T10:00:00Z', 400, 'receivedAt'],
  ])('refuses a time %s, naming it, and changes nothing', async (_, receivedAt, status, named) => {
    const id = await asked();
    const before = await view(id);
    const refused = await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information`, { summary: '7 and 10 April.', receivedAt })
      .expect(status);
    expect(JSON.stringify(refused.body)).toContain(named);
    expect(await view(id)).toEqual(before);
  });

  it('is not the school’s to give: its own answer is given now', async () => {
    const id = await asked();
    const refused = await api
      .as('head')
      .post(`/api/complaints/${id}/information`, {
        summary: '7 and 10 April.',
        receivedAt: '2025-04-22T13:00:00Z',
      })
      .expect(422);
    expect((refused.body as { code: string }).code).toBe('RECEIVED_AT_NOT_YOURS');
  });

  it('through the pages: the service’s form asks when, the school’s does not, and a wrong time is shown at the field', async () => {
    const id = await asked();
    const school = await signedInWithPassword(api, BURSAR.email);
    const schoolForm = await school.get(`/complaints/${id}/actions/informationReceived`);
    expect(schoolForm.status).toBe(200);
    expect(schoolForm.text).not.toContain('name="receivedAtDay"');

    const officer = await signedInWithPassword(api, 'olu.officer@county.gov.uk');
    const form = await officer.get(`/complaints/${id}/actions/informationReceived`);
    expect(form.text).toContain('When did the school answer? (optional)');
    const fields = (day: string, time: string) => ({
      csrfToken: csrfTokenIn(form.text),
      summary: 'The head rang: 7 and 10 April.',
      receivedAtDay: day,
      receivedAtMonth: '4',
      receivedAtYear: '2025',
      receivedAtTime: time,
    });
    for (const [day, time, words, marked] of [
      [
        '25',
        '9:00am',
        'The date and time the school answered must be now or in the past',
        'day month year time',
      ],
      ['31', '2pm', 'The date the school answered must be a real date, such as 27 3 2025', 'day'],
      ['22', '', 'Enter the time the school answered, such as 2:30pm', 'time'],
      [
        '22',
        'teatime',
        'The time the school answered must be a time, such as 2:30pm or 14:30',
        'time',
      ],
      [
        '31',
        '25:00',
        'When the school answered must be a real date, such as 27 3 2025, and a time',
        'day time',
      ],
    ]) {
      const wrong = await officer.postForm(
        `/complaints/${id}/actions/informationReceived`,
        fields(day, time),
      );
      expect(wrong.status).toBe(400);
      // The summary leads to the first box at fault: the time's when the date is right.
      expect(wrong.text).toContain(
        marked.startsWith('time') ? 'href="#receivedAt-time"' : 'href="#receivedAt"',
      );
      expect(wrong.text).toContain(words);
      expect(wrong.text).toContain('The head rang: 7 and 10 April.');
      // GOV.UK marks only the boxes at fault.
      expect(markedBoxes(wrong.text, 'receivedAt')).toBe(marked);
    }
    expect((await view(id)).status).toBe('awaiting-school');

    const done = await officer.postForm(
      `/complaints/${id}/actions/informationReceived`,
      fields('22', '2pm'),
    );
    expect(done.status).toBe(303);
    expect((await view(id)).clocks.resolution.dueDate).toBe('2025-05-07');
    const page = await officer.get(`/complaints/${id}`);
    expect(page.text).toContain('Received 22 April 2025 at 2pm.');
  });

  /**
   * The school's window from Thursday 17 April ran to the end of Tuesday 6 May (Good Friday,
   * Easter Monday and 5 May are holidays); the head had rung on Friday 2 May, and it is written
   * up on Thursday 8 May, after the lapse. From the lapse (midnight, 7 May) the 10 days run to
   * Wednesday 21 May; from the call, to Monday 19 May.
   */
  describe('after the school’s window lapsed', () => {
    async function lapsed(): Promise<string> {
      const id = await asked();
      api.clock.set('2025-05-07T07:00:00.000Z');
      await api.reportDeadline(id, 'school-reply', 1);
      api.clock.set('2025-05-08T10:00:00.000Z');
      const view = await api.as('hr-manager').get(`/api/complaints/${id}`).expect(200);
      expect((view.body as View).clocks.resolution.dueDate).toBe('2025-05-21');
      return id;
    }

    it('through the API: an answer given in time counts from then; a later one is refused', async () => {
      const id = await lapsed();
      const late = await api
        .as('hr-manager')
        .post(`/api/complaints/${id}/information`, {
          summary: 'The head rang.',
          receivedAt: '2025-05-07T09:00:00+01:00',
        })
        .expect(422);
      expect((late.body as { code: string }).code).toBe('ANSWER_AFTER_WINDOW');
      await api
        .as('hr-manager')
        .post(`/api/complaints/${id}/information`, {
          summary: 'The head rang: 7 and 10 April.',
          receivedAt: '2025-05-02T11:00:00+01:00',
        })
        .expect(200);
      const answered = await view(id);
      expect(answered.status).toBe('with-service');
      expect(answered.clocks.resolution).toMatchObject({
        status: 'running',
        dueDate: '2025-05-19',
      });
    });

    it('through the pages: the council is offered it and must say when; the school is not', async () => {
      const id = await lapsed();
      const school = await signedInWithPassword(api, BURSAR.email);
      expect((await school.get(`/complaints/${id}`)).text).not.toContain(
        `/complaints/${id}/actions/informationReceived`,
      );
      const officer = await signedInWithPassword(api, 'olu.officer@county.gov.uk');
      expect((await officer.get(`/complaints/${id}`)).text).toContain(
        `/complaints/${id}/actions/informationReceived`,
      );
      const form = await officer.get(`/complaints/${id}/actions/informationReceived`);
      expect(form.text).toContain('ended at the end of 6 May 2025');
      expect(form.text).toContain('Which dates?');
      expect(form.text).not.toContain('When did the school answer? (optional)');
      const fields = (day: string, time: string) => ({
        csrfToken: csrfTokenIn(form.text),
        summary: 'The head rang: 7 and 10 April.',
        receivedAtDay: day,
        receivedAtMonth: day ? '5' : '',
        receivedAtYear: day ? '2025' : '',
        receivedAtTime: time,
      });
      for (const [day, time] of [
        ['', ''],
        ['7', '9am'],
      ]) {
        const wrong = await officer.postForm(
          `/complaints/${id}/actions/informationReceived`,
          fields(day, time),
        );
        expect(wrong.status).toBe(400);
        expect(wrong.text).toContain('href="#receivedAt"');
        expect(wrong.text).toContain('it must be before its time to answer ended');
      }
      const done = await officer.postForm(
        `/complaints/${id}/actions/informationReceived`,
        fields('2', '11am'),
      );
      expect(done.status).toBe(303);
      expect((await view(id)).clocks.resolution.dueDate).toBe('2025-05-19');
      // Once: the service's clock now counts from the answer.
      expect((await officer.get(`/complaints/${id}`)).text).not.toContain(
        `/complaints/${id}/actions/informationReceived`,
      );
    });
  });
});
