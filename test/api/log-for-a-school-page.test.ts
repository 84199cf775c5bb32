import { type Server } from 'node:http';
import {
  type ComplaintsApp,
  OTHER_SCHOOL,
  SCHOOL,
  startComplaintsApp,
} from '../support/complaints-app';
import { addWithPassword, Browser, TEST_PASSWORD, csrfTokenIn } from '../support/signing-in';

/** The error summary's texts, in order. */
const summaryOf = (html: string) =>
  [
    ...(html.split('govuk-error-summary__list')[1]?.split('</ul>')[0] ?? '').matchAll(
      /<a href="([^"]+)">([^<]*)<\/a>/g,
    ),
  ].map(([, href, text]) => ({ href, text: text.replace(/&#39;|&rsquo;/g, '’').trim() }));

/**
 * A service's manager the school phoned logs the complaint themselves, naming the school as they
 * know it, and the day the school told them: Thursday 17 April 2025, 10am in London.
 */
describe('logging a complaint a school told an officer of', () => {
  let api: ComplaintsApp;
  let browser: Browser;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await addWithPassword(api, {
      personId: 'visiting-manager',
      name: 'Vic Manager',
      email: 'vic.manager@example.org',
      roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
    });
    browser = new Browser(api.app.getHttpServer() as Server);
    const signedIn = await browser.post('/api/auth/sign-in', {
      email: 'vic.manager@example.org',
      password: TEST_PASSWORD,
    });
    expect(signedIn.status).toBe(200);
  });
  afterAll(() => api.close());

  const log = async (fields: Record<string, string>) => {
    const form = await browser.get('/complaints/new/for-a-school');
    expect(form.status).toBe(200);
    return browser.postForm('/complaints/new/for-a-school', {
      csrfToken: csrfTokenIn(form.text),
      channel: 'phone',
      serviceId: 'schools-hr',
      summary: 'Advice came late',
      details: 'Asked on 20 March, heard on 10 April.',
      contactName: 'Jane Head',
      ...fields,
    });
  };

  const complaintAt = async (location: string) => {
    const id = location.split('/').pop()!;
    const page = await browser.get(`/complaints/${id}`);
    expect(page.status).toBe(200);
    const answer = await api.as('support').get(`/api/complaints/${id}`);
    return {
      page: page.text,
      view: answer.body as { clocks: Record<string, { dueDate: string }> },
    };
  };

  it('is offered on the home page of an officer who is not Business Support', async () => {
    const home = await browser.get('/home');
    expect(home.text).toContain('href="/complaints/new/for-a-school"');
  });

  it('finds the school from part of its name, and counts from the day the school phoned', async () => {
    const answer = await log({
      schoolUrn: 'brookside',
      receivedAtDay: '15',
      receivedAtMonth: '4',
      receivedAtYear: '2025',
    });
    expect(answer.status).toBe(303);
    const { page, view } = await complaintAt(answer.headers.location);
    expect(view).toMatchObject({
      schoolUrn: SCHOOL,
      channel: 'phone',
      lodgedAt: '2025-04-14T23:00:00.000Z',
      loggedAt: '2025-04-17T09:00:00.000Z',
    });
    // Tuesday 15 April is day 0 of Business Support's two working days: due Thursday 17, not
    // Tuesday 22 (Good Friday and Easter Monday between), as counted from the logging.
    expect(view.clocks.triage.dueDate).toBe('2025-04-17');
    expect(page).toContain('15 April 2025, by phone (logged 17 April 2025 at 10am)');
  });

  it('a school named by its URN, with no date: received now', async () => {
    const answer = await log({ schoolUrn: OTHER_SCHOOL });
    expect(answer.status).toBe(303);
    const { page, view } = await complaintAt(answer.headers.location);
    expect(view).toMatchObject({ schoolUrn: OTHER_SCHOOL, lodgedAt: '2025-04-17T09:00:00.000Z' });
    expect(page).toContain('17 April 2025 at 10am, by phone');
    expect(page).not.toContain('(logged');
  });

  it('takes every field at its longest, written in characters of three bytes each', async () => {
    const long = (length: number) => '’'.repeat(length);
    const answer = await log({
      schoolUrn: SCHOOL,
      summary: long(200),
      details: long(10_000),
      desiredOutcome: long(2_000),
      contactName: long(200),
      contactRole: long(200),
    });
    expect(answer.status).toBe(303);
  });

  it('a name several schools share is listed for the officer to choose, and nothing is logged', async () => {
    const before = await api.as('support').get('/api/complaints');
    const answer = await log({ schoolUrn: 'Primary School' });
    expect(answer.status).toBe(400);
    expect(summaryOf(answer.text)).toEqual([
      {
        href: '#schoolUrn',
        text: '2 schools have names like ‘Primary School’: choose the one you mean',
      },
    ]);
    expect(answer.text).toContain(`Brookside Primary School (${SCHOOL})`);
    expect(answer.text).toContain(`Hillside Primary School (${OTHER_SCHOOL})`);
    expect(answer.text).toContain('value="Primary School"');
    const after = await api.as('support').get('/api/complaints');
    expect((after.body as { items: unknown[] }).items).toHaveLength(
      (before.body as { items: unknown[] }).items.length,
    );
  });

  it('the school chosen from those a name matches is the one logged', async () => {
    // Another field wrong: the choice comes back as the school's URN, not the name to choose again.
    const wrong = await log({
      schoolUrn: 'Primary School',
      schoolChoice: OTHER_SCHOOL,
      summary: '',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`value="${OTHER_SCHOOL}"`);
    expect(wrong.text).not.toContain('id="school-candidates"');
    const answer = await log({ schoolUrn: 'Primary School', schoolChoice: OTHER_SCHOOL });
    expect(answer.status).toBe(303);
    const { view } = await complaintAt(answer.headers.location);
    expect(view).toMatchObject({ schoolUrn: OTHER_SCHOOL });
  });

  it('a name no school has says so beside the field', async () => {
    const answer = await log({ schoolUrn: 'St Nowhere' });
    expect(answer.status).toBe(400);
    expect(summaryOf(answer.text)).toEqual([
      {
        href: '#schoolUrn',
        text: 'No school the council serves has a name like ‘St Nowhere’: check the spelling, or enter its URN',
      },
    ]);
  });

  it('a name longer than any school’s is refused without searching or quoting it back', async () => {
    const answer = await log({ schoolUrn: 'a '.repeat(20_000) });
    expect(answer.status).toBe(400);
    expect(summaryOf(answer.text)).toEqual([
      {
        href: '#schoolUrn',
        text: 'Enter the school’s name in 200 characters or fewer, or its URN',
      },
    ]);
    // Kept in its field to correct, once; never again in the error.
    expect(answer.text.length).toBeLessThan(80_000);
  });

  it.each([
    [
      'a day to come',
      { receivedAtDay: '18', receivedAtMonth: '4', receivedAtYear: '2025' },
      'The date and time the school told you must be now or in the past',
    ],
    [
      'a mistyped year',
      { receivedAtDay: '15', receivedAtMonth: '4', receivedAtYear: '2024' },
      'The date the school told you must be within the last 4 weeks: for a complaint made longer ago, leave the date blank and say when the school first raised it in what happened',
    ],
    [
      'no real date',
      { receivedAtDay: '31', receivedAtMonth: '2', receivedAtYear: '2025' },
      'Enter the date the school told you as a real date, like 27 3 2025, and any time like 9:30am',
    ],
  ])('refuses %s beside the date, logging nothing', async (_, date, text) => {
    const answer = await log({ schoolUrn: SCHOOL, ...date });
    expect(answer.status).toBe(400);
    expect(summaryOf(answer.text)).toEqual([{ href: '#receivedAt', text }]);
  });
});
