import { type Page } from 'playwright-core';
import { CONTRACT, SCHOOL } from '../support/complaints-app';
import { answerEveryQuestion } from './support/lodging-on-the-form';
import { PagesWorld } from './support/pages-world';

jest.setTimeout(60_000);

const HEAD = 'head@brookside.lancs.sch.uk';

const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
const heading = (page: Page) => page.locator('h1').first().innerText();
const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

/** A school's staff make a complaint on the form, one question a page, and follow it. */
describe("the school's journey", () => {
  let world: PagesWorld;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.registerSchoolAddress(SCHOOL, HEAD);
  });

  afterAll(() => world?.close());

  it('lodges a complaint question by question, with an error summary on every error, and shows the reference', async () => {
    const page = await world.schoolPage(HEAD);
    await page.goto('/complaints');
    expect(await heading(page)).toBe('Your complaints');
    expect(await world.look(page, 'school-your-complaints-empty')).toEqual([]);
    await page.getByRole('button', { name: 'Make a complaint' }).click();

    expect(await heading(page)).toContain('Which service is your complaint about?');
    expect(await world.look(page, 'school-service')).toEqual([]);
    await continueButton(page);
    expect(await errorSummary(page)).toContain('Select which service your complaint is about');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await world.look(page, 'school-service-error')).toEqual([]);
    await page.getByLabel('Schools HR').check();
    await continueButton(page);

    // The school's own contract with that service is offered.
    expect(await heading(page)).toContain('Which contract or booking is it about?');
    await continueButton(page);
    expect(await errorSummary(page)).toContain('Select the contract or booking');
    expect(await world.look(page, 'school-contract-error')).toEqual([]);
    await page.getByLabel(`Contract ${CONTRACT}`).check();
    await continueButton(page);

    expect(await heading(page)).toContain('What went wrong?');
    await continueButton(page);
    const wrong = await errorSummary(page);
    expect(wrong).toContain('Enter a summary of what went wrong');
    expect(wrong).toContain('Enter the details of what went wrong');
    expect(await world.look(page, 'school-what-went-wrong-error')).toEqual([]);
    await page.locator('.govuk-error-summary').getByRole('link').first().click();
    expect(await page.locator('#summary:focus').count()).toBe(1);
    await page.getByLabel('Summary').fill('HR adviser missed two agreed calls');
    await page
      .getByLabel('Details')
      .fill('We booked calls on 7 and 10 April about a grievance.\nNobody called either time.');
    expect(await world.look(page, 'school-what-went-wrong')).toEqual([]);
    await continueButton(page);

    expect(await heading(page)).toContain('Which service standards were not met?');
    expect(await world.look(page, 'school-standards')).toEqual([]);
    await page.getByLabel('Services listen to schools and respond quickly').check();
    await continueButton(page);

    expect(await heading(page)).toContain('What would put it right?');
    await page.getByLabel('What would put it right?').fill('A call this week and a named adviser.');
    await continueButton(page);

    // Files are optional: continuing with none chosen goes on without any.
    expect(await heading(page)).toContain('Do you want to send any files with your complaint?');
    await continueButton(page);

    expect(await heading(page)).toContain('Who should the service contact about it?');
    await page.getByLabel('Name').fill('');
    await page.getByLabel('Email address (optional)').fill('not an address');
    await continueButton(page);
    const contact = await errorSummary(page);
    expect(contact).toContain('Enter your name');
    expect(contact).toContain('Enter an email address in the correct format');
    expect(await world.look(page, 'school-contact-error')).toEqual([]);
    // A personal address is refused where it is typed, not only when the complaint is sent.
    await page.getByLabel('Name').fill('Pat Head');
    await page.getByLabel('Email address (optional)').fill('pat.head1975@gmail.example');
    await continueButton(page);
    expect(await errorSummary(page)).toContain(
      'Enter an email address at the school, not a personal one',
    );
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe(
      '#contact-email',
    );
    await page.getByLabel('Role (optional)').fill('Headteacher');
    await page.getByLabel('Email address (optional)').fill(HEAD);
    await page.getByLabel('Telephone number (optional)').fill('01772 123456');
    await continueButton(page);

    expect(await heading(page)).toBe('Check your answers before sending your complaint');
    const answers = await page.locator('.govuk-summary-list').innerText();
    expect(answers).toContain('Schools HR');
    expect(answers).toContain(CONTRACT);
    expect(answers).toContain('Nobody called either time.');
    expect(answers).toContain('Services listen to schools');
    expect(answers).toContain('Pat Head');
    expect(await world.look(page, 'school-check-answers')).toEqual([]);

    // Changing an answer comes back to the answers, not on through every question.
    await page.getByRole('link', { name: 'Change summary' }).click();
    await page.getByLabel('Summary').fill('HR adviser missed three agreed calls');
    await continueButton(page);
    expect(new URL(page.url()).pathname).toBe('/complaints/new/check');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(
      'HR adviser missed three agreed calls',
    );

    await page.getByRole('button', { name: 'Send complaint' }).click();
    const panel = await page.locator('.govuk-panel').innerText();
    expect(panel).toContain('Complaint received');
    const reference = /SG-2025-\d+/.exec(panel)?.[0];
    expect(reference).toBeDefined();
    // Lodged on Thursday 17 April 2025, before Easter: Business Support has 2 working days, to
    // Wednesday 23 April; the service 10 more from then, past the May bank holiday, if it is
    // passed on by then: a date that depends on the referral is not promised as the latest.
    const next = await page.locator('main').innerText();
    expect(next).toContain('23 April 2025');
    expect(next).toContain('passed on by 23 April 2025, it must be resolved by 8 May 2025');
    expect(next).not.toContain('at the latest');
    // In working hours, the copy by mail goes at once.
    expect(next).toMatch(/We have emailed a copy, with your reference, to \S+@\S+\./);
    expect(await world.look(page, 'school-complaint-received')).toEqual([]);

    await page.getByRole('link', { name: 'Your complaints' }).first().click();
    const row = page.locator('tr', { hasText: reference! });
    expect(await row.innerText()).toContain('HR adviser missed three agreed calls');
    expect(await row.innerText()).toContain('Received');
    expect(await row.innerText()).toContain('23 April 2025');
    // Whom it waits for, in the school's words: never the council's "At risk".
    expect(await row.innerText()).toContain('For Business Support to pass it on');
    expect(await row.innerText()).not.toContain('At risk');
    expect(await world.look(page, 'school-your-complaints')).toEqual([]);

    // What was sent is what the API shows, as the API would have lodged it.
    const id = (await row.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    const lodged = await world.api.as('head').get(`/api/complaints/${id}`).expect(200);
    expect(lodged.body).toMatchObject({
      channel: 'web-form',
      serviceId: 'schools-hr',
      standards: ['listen-and-respond'],
      relatedContractId: CONTRACT,
      desiredOutcome: 'A call this week and a named adviser.',
    });
  });

  it('not sure of the service, the school is offered each of its contracts with its service named', async () => {
    const page = await world.schoolPage(HEAD);
    await page.goto('/complaints/new/service');
    await page.getByLabel('I’m not sure').check();
    await continueButton(page);
    expect(await heading(page)).toContain('Which contract or booking is it about?');
    const form = await page.locator('main').innerText();
    expect(form).toContain('with each of our services');
    expect(form).toContain('Schools HR: ');
    expect(await world.look(page, 'school-contract-not-sure')).toEqual([]);
  });

  it('lodges once when "Send complaint" is pressed twice', async () => {
    const page = await world.schoolPage(HEAD);
    await answerEveryQuestion(page, 'Pressed send twice');
    const csrfToken = await page.locator('main input[name="csrfToken"]').inputValue();
    const answers = await page.locator('main input[name="answers"]').inputValue();
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        page.request.post('/complaints/new/check', {
          form: { csrfToken, answers },
          maxRedirects: 0,
        }),
      ),
    );
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(first.headers().location).toBe(second.headers().location);
    const listed = await world.api.as('head').get('/api/complaints?limit=100').expect(200);
    const items = (listed.body as { items: { summary: string }[] }).items;
    expect(items.filter((item) => item.summary === 'Pressed send twice')).toHaveLength(1);
    // A third press, later, finds the same complaint rather than lodging another.
    const again = await page.request.post('/complaints/new/check', {
      form: { csrfToken, answers },
      maxRedirects: 0,
    });
    expect(again.headers().location).toBe(first.headers().location);
  });

  it('sends what its check page showed, or nothing when another tab changed the answers since', async () => {
    const page = await world.schoolPage(HEAD);
    await answerEveryQuestion(page, 'Checked in the first tab');
    const other = await page.context().newPage();
    await other.goto('/complaints/new/what-went-wrong');
    await other.getByLabel('Summary').fill('Half written in a second tab');
    await continueButton(other);
    await other.close();

    await page.getByRole('button', { name: 'Send complaint' }).click();
    expect(await errorSummary(page)).toContain(
      'Your answers were changed in another tab or window after this page was shown',
    );
    expect(await page.locator('.govuk-error-summary a').getAttribute('href')).toBe('#send');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(
      'Half written in a second tab',
    );
    const listed = await world.api.as('head').get('/api/complaints?limit=100').expect(200);
    const summaries = (listed.body as { items: { summary: string }[] }).items.map(
      (item) => item.summary,
    );
    expect(summaries).not.toContain('Checked in the first tab');
    expect(summaries).not.toContain('Half written in a second tab');
    expect(await world.look(page, 'school-check-answers-changed')).toEqual([]);

    // Checked again, as now shown, it is sent.
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.waitForURL('**/received');
    const after = await world.api.as('head').get('/api/complaints?limit=100').expect(200);
    expect((after.body as { items: { summary: string }[] }).items.map((i) => i.summary)).toContain(
      'Half written in a second tab',
    );
  });

  it('can be done with the keyboard alone', async () => {
    const page = await world.schoolPage(HEAD);
    const focused = page.locator(':focus');
    /** Presses Tab until `target` has the focus, as someone with a keyboard would. */
    const tabTo = async (target: string) => {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        if (await page.locator(`${target}:focus`).count()) return;
      }
      throw new Error(`Tab never reached ${target} on ${page.url()}`);
    };
    await page.goto('/complaints');
    await page.keyboard.press('Tab');
    expect(await focused.innerText()).toBe('Skip to main content');
    await tabTo('a.govuk-button');
    expect(await focused.innerText()).toBe('Make a complaint');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/service');
    await tabTo('#serviceId');
    expect(await focused.getAttribute('value')).toBe('school-improvement');
    await page.keyboard.press('Space');
    await tabTo('button.govuk-button');
    expect(await focused.innerText()).toBe('Continue');
    await page.keyboard.press('Enter');

    // The school has no contract with that service, so the next question is what went wrong.
    await page.waitForURL('**/complaints/new/what-went-wrong');
    await tabTo('#summary');
    await page.keyboard.type('Adviser visit cancelled at no notice');
    await tabTo('#details');
    await page.keyboard.type('The visit on 14 April was cancelled an hour before.');
    await tabTo('button.govuk-button');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/standards');
    await tabTo('#standards');
    expect(await focused.getAttribute('value')).toBe('quality-assured');
    await page.keyboard.press('Space');
    expect(await page.locator('#standards').isChecked()).toBe(true);
    await tabTo('button.govuk-button');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/put-right');
    await tabTo('#desiredOutcome');
    await page.keyboard.type('A new date for the visit.');
    await tabTo('button.govuk-button');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/files');
    await tabTo('button.govuk-button');
    expect(await focused.innerText()).toBe('Continue');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/contact');
    // The signed-in person's address to start with, so the school is written to unless it says
    // otherwise; signed in by an emailed link, they are known by no name yet for it to offer.
    expect(await page.inputValue('#contact-name')).toBe('');
    expect(await page.inputValue('#contact-email')).toMatch(/@/);
    await tabTo('#contact-name');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Pat Head');
    await tabTo('button.govuk-button');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/complaints/new/check');
    await tabTo('button.govuk-button');
    expect(await focused.innerText()).toBe('Send complaint');
    await page.keyboard.press('Enter');

    await page.waitForURL('**/received');
    expect(await page.locator('.govuk-panel').innerText()).toContain('Complaint received');
    expect(await world.look(page, 'school-keyboard-received')).toEqual([]);
  });

  it('answers the service from the complaint page: a reply, more time, a dispute, a confirmation, a withdrawal', async () => {
    const { id } = await world.lodgeAndRefer({ summary: 'Calls not returned' });
    await world.api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, { question: 'Which dates were booked?' })
      .expect(200);
    const page = await world.schoolPage(HEAD);
    const act = async (link: string, fill: Record<string, string>, button: string) => {
      await page.goto(`/complaints/${id}`);
      await page.getByRole('link', { name: link }).click();
      for (const [label, text] of Object.entries(fill)) await page.getByLabel(label).fill(text);
      await page.getByRole('button', { name: button }).click();
    };

    await page.goto(`/complaints/${id}`);
    expect(await world.look(page, 'school-complaint-awaiting-reply')).toEqual([]);
    expect(await page.locator('main').innerText()).toMatch(
      /What happens next\s+The service has asked you the question below\. Please answer by \d+ \w+ \d{4}[\s\S]*The service’s question\s+\S/,
    );
    // Sent empty, the school is asked for its reply in its own words.
    await act('Answer the service’s question', {}, 'Answer the service’s question');
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter your reply');
    await act(
      'Answer the service’s question',
      { 'Your reply': '7 and 10 April, both at 2pm.' },
      'Answer the service’s question',
    );
    await page.getByText('7 and 10 April, both at 2pm.').first().waitFor();
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain(
      'Your answer has been sent to the service',
    );

    await act(
      'Give the service more time',
      {
        'How many more working days?': '3',
        'Why are you giving the service more time?': 'The adviser is away.',
      },
      'Give the service more time',
    );
    await page.locator('.govuk-notification-banner').waitFor();

    // The head is away for a week: the deputy takes the complaint on.
    await act(
      'Change who we write to',
      { 'Email address (optional)': 'deputy at school' },
      'Change who we write to',
    );
    expect(await errorSummary(page)).toContain('Enter an email address in the correct format');
    expect(await world.look(page, 'school-contact-change-error')).toEqual([]);
    await page.getByLabel('Name').fill('Dev Deputy');
    await page.getByLabel('Email address (optional)').fill('deputy@brookside.lancs.sch.uk');
    await page.getByRole('button', { name: 'Change who we write to' }).click();
    await page.getByText('Contact changed').first().waitFor();
    expect(await page.locator('.moj-timeline, main').first().innerText()).toContain('Dev Deputy');

    await world.proposeResolution(id);
    await page.goto(`/complaints/${id}`);
    // Silence is acceptance: the page says so, as the mail does.
    expect(await page.locator('main').innerText()).toContain(
      'we will take it that your complaint is resolved and close it',
    );
    await page.getByRole('link', { name: 'Tell us the resolution did not work' }).click();
    await page.getByRole('button', { name: 'Tell us the resolution did not work' }).click();
    expect(await errorSummary(page)).toContain('Enter why the resolution did not work');
    expect(await world.look(page, 'school-dispute-error')).toEqual([]);
    await page
      .getByLabel('Why did the resolution not work?')
      .fill('Monday came and nobody called.');
    await page.getByRole('button', { name: 'Tell us the resolution did not work' }).click();
    await page.getByText('The service has been told the resolution did not work').waitFor();

    await world.proposeResolution(id);
    await act('Confirm the resolution', {}, 'Confirm the resolution');
    await page.getByText('Resolution confirmed. The complaint is closed.').waitFor();
    expect(await page.locator('.govuk-tag').first().innerText()).toBe('Closed');
    expect(await world.look(page, 'school-complaint-confirmed')).toEqual([]);

    const { id: other } = await world.lodgeAndRefer({ summary: 'Sorted it out ourselves' });
    await page.goto(`/complaints/${other}`);
    await page.getByRole('link', { name: 'Withdraw the complaint' }).click();
    expect(await world.look(page, 'school-withdraw')).toEqual([]);
    await page
      .getByLabel('Why are you withdrawing the complaint?')
      .fill('The adviser called after all.');
    await page.getByRole('button', { name: 'Withdraw your complaint' }).click();
    await page.getByText('Complaint withdrawn').waitFor();
  });
});
