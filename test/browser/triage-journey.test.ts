import { MailIntake } from '@sg/mail';
import { randomUUID } from 'node:crypto';
import { lodgeBody, SCHOOL } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const OFFICER: StaffMember = {
  personId: 'triage-officer',
  name: 'Tia Triage',
  email: 'tia.triage@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

interface Lodged {
  readonly id: string;
  readonly reference: string;
}

/** Business Support: the triage queue, its actions, a complaint logged from a call, and search. */
describe('the triage journey', () => {
  let world: PagesWorld;
  let unrouted: Lodged;
  let outOfScope: Lodged;
  let misrouted: Lodged;
  let repeat: Lodged;

  const lodge = async (overrides: object): Promise<Lodged> =>
    (await world.api.as('head').post('/api/complaints', lodgeBody(overrides)).expect(201))
      .body as Lodged;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(OFFICER);
    unrouted = await lodge({
      serviceId: undefined,
      summary: 'Nobody called back about a staffing grievance',
    });
    // A minute apart, so the queue's oldest-first order is theirs to show.
    world.api.clock.set('2025-04-17T09:01:00.000Z');
    outOfScope = await lodge({ summary: 'The car park gritting was late' });
    world.api.clock.set('2025-04-17T09:02:00.000Z');
    misrouted = await lodge({ summary: 'Trumpet lessons double-booked' });
    repeat = await lodge({ summary: 'Trumpet lessons double-booked again' });
  });

  afterAll(() => world?.close());

  it('lists complaints to triage, oldest first, and refers one to Schools HR', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto('/triage');
    const queue = page.locator('table.govuk-table');
    const rows = await queue.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain(unrouted.reference);
    expect(rows[0]).toContain('Brookside Primary School');
    expect(rows[0]).toContain('Nobody called back about a staffing grievance');
    expect(rows[0]).toContain('17 April 2025');
    expect(rows[0]).toMatch(/working days? left/);
    // The service the school named, or none, to pass it to that one or another.
    expect(rows[0]).toMatch(/\tNone\t/);
    expect(rows[1]).toContain(outOfScope.reference);
    expect(rows[1]).toContain('Schools HR');
    expect(await world.look(page, 'triage-queue')).toEqual([]);

    await page.getByRole('link', { name: unrouted.reference }).click();
    await page
      .getByRole('heading', { name: 'Nobody called back about a staffing grievance' })
      .waitFor();
    expect(await world.look(page, 'triage-complaint')).toEqual([]);

    await page.getByRole('link', { name: 'Refer to a service' }).click();
    expect(await world.look(page, 'triage-refer')).toEqual([]);
    await page.getByRole('button', { name: 'Refer to a service' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Select the service to refer the complaint to');
    expect(await summary.getByRole('link').getAttribute('href')).toBe('#serviceId');
    expect(await world.look(page, 'triage-refer-error')).toEqual([]);

    await page.getByLabel('Schools HR').check();
    await page
      .getByLabel('Note for the service (optional)')
      .fill('Grievance advice, please call the head.');
    await page.getByRole('button', { name: 'Refer to a service' }).click();
    await page.getByText('Complaint referred').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/complaints/${unrouted.id}`);
    expect(await page.locator('main').innerText()).toContain('With the service');
    expect(await page.locator('.moj-timeline').innerText()).toContain('Grievance advice');

    await page.goto('/triage');
    expect(await page.locator('main').innerText()).not.toContain(unrouted.reference);
  });

  it('rejects a complaint as out of scope, with the reason', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto(`/complaints/${outOfScope.id}`);
    await page.getByRole('link', { name: 'Reject as out of scope' }).click();
    await page.getByRole('button', { name: 'Reject as out of scope' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter why the complaint is out of scope',
    );
    expect(await world.look(page, 'triage-reject-error')).toEqual([]);
    await page
      .getByLabel('Why is it out of scope?')
      .fill('Site maintenance is not a traded service.');
    await page.getByRole('button', { name: 'Reject as out of scope' }).click();
    await page.getByText('Complaint rejected as out of scope').waitFor();
    expect(await page.locator('main').innerText()).toContain('Closed');
    expect(await page.locator('.moj-timeline').innerText()).toContain(
      'Site maintenance is not a traded service.',
    );
    expect(await page.getByRole('link', { name: 'Refer to a service' }).count()).toBe(0);
  });

  it('moves a complaint to another service, and closes a repeat as a duplicate', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto(`/complaints/${misrouted.id}/actions/reroute`);
    expect(await world.look(page, 'triage-reroute')).toEqual([]);
    await page.getByLabel('Music Service').check();
    await page
      .getByLabel('Why does it belong with that service?')
      .fill('Lessons are the Music Service’s.');
    await page.getByRole('button', { name: 'Move to another service' }).click();
    await page.getByText('Complaint moved to another service').waitFor();
    expect(await page.locator('main').innerText()).toContain('Music Service');

    await page.goto(`/complaints/${repeat.id}/actions/reclassify`);
    expect(await world.look(page, 'triage-reclassify')).toEqual([]);
    await page.goto(`/complaints/${repeat.id}`);
    await page.getByRole('link', { name: 'Close as a duplicate' }).click();
    await page.getByRole('button', { name: 'Close as a duplicate' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter the reference of the complaint this one repeats',
    );
    expect(await world.look(page, 'triage-duplicate-error')).toEqual([]);
    // A reference no complaint has would close this one for good with nowhere to point the school.
    await page.getByLabel('Which complaint does this one repeat?').fill('SG-2025-999999');
    await page.getByRole('button', { name: 'Close as a duplicate' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'There is no complaint with that reference',
    );
    expect(await page.locator('#duplicateOf-error').innerText()).toContain(
      'There is no complaint with that reference',
    );
    await page.getByLabel('Which complaint does this one repeat?').fill(misrouted.reference);
    await page.getByRole('button', { name: 'Close as a duplicate' }).click();
    await page.getByText('Complaint closed as a duplicate', { exact: true }).waitFor();
    const timeline = await page.locator('.moj-timeline').innerText();
    expect(timeline).toContain('Closed as a duplicate');
    expect(timeline).toContain(`It repeats ${misrouted.reference}, which carries on.`);
  });

  it('logs a complaint the school made by phone, which joins the queue and is found by search', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto('/triage');
    await page.getByRole('button', { name: 'Log a complaint for a school' }).click();
    expect(await world.look(page, 'lodge-for-school')).toEqual([]);
    // The officer knows the school by name, not its URN.
    await page.getByLabel('Which school?').fill('brookside');
    await page.getByLabel('By phone').check();
    await page.getByLabel('What happened').fill('The violin teacher has not come for three weeks.');
    await page.getByLabel('Name', { exact: true }).fill('Jane Head');
    await page.getByRole('button', { name: 'Log the complaint' }).click();

    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Enter a summary of what went wrong');
    expect(
      await summary
        .getByRole('link', { name: 'Enter a summary of what went wrong' })
        .getAttribute('href'),
    ).toBe('#summary');
    expect(await page.locator('#summary-error').innerText()).toContain(
      'Enter a summary of what went wrong',
    );
    // What was entered stays entered.
    expect(await page.getByLabel('What happened').inputValue()).toContain('violin teacher');
    expect(await world.look(page, 'lodge-for-school-error')).toEqual([]);

    await page
      .getByLabel('Summary of what went wrong')
      .fill('Violin lessons cancelled without notice');
    await page.getByLabel('Which service is it about? (optional)').selectOption('music-service');
    await page.getByLabel('Services listen to schools and respond quickly').check();
    await page.getByRole('button', { name: 'Log the complaint' }).click();
    const banner = await page.locator('.govuk-notification-banner').innerText();
    expect(banner).toMatch(/Complaint SG-2025-\d{6} logged/);
    const reference = /SG-2025-\d{6}/.exec(banner)![0];
    expect(await page.locator('main').innerText()).toContain(
      'Violin lessons cancelled without notice',
    );
    expect(await page.locator('main').innerText()).toContain('Brookside Primary School');
    expect(await page.locator('main').innerText()).toContain('by phone');

    await page.goto('/triage');
    expect(await page.locator('table.govuk-table').innerText()).toContain(reference);

    await page.goto('/search');
    expect(await world.look(page, 'search')).toEqual([]);
    await page.getByLabel('Reference, school, or words').fill('violin');
    await page.getByRole('button', { name: 'Search' }).click();
    const results = page.locator('table.govuk-table');
    expect(await results.innerText()).toContain(reference);
    expect(await results.innerText()).not.toContain(outOfScope.reference);
    expect(await world.look(page, 'search-results')).toEqual([]);
  });

  it('matches an email from an address no school registered to the school it names, typed by name', async () => {
    const { mailId } = await world.api.app
      .get(MailIntake)
      .accept(
        Buffer.from(
          [
            'From: Sam Bursar <sam.bursar@home.example>',
            'To: complaints@lancashire.gov.uk',
            'Subject: Brookside: payroll advice never came',
            `Message-ID: <${randomUUID()}@home.example>`,
            'Date: Thu, 17 Apr 2025 10:00:00 +0100',
            'MIME-Version: 1.0',
            'Content-Type: text/plain; charset=utf-8',
            '',
            'I am the bursar at Brookside. We asked Schools HR for payroll advice a month ago.',
            '',
          ].join('\r\n'),
        ),
        {
          source: 'smtp',
          mailFrom: 'sam.bursar@home.example',
          recipients: ['complaints@lancashire.gov.uk'],
          remoteAddress: null,
          heloName: null,
        },
      );
    const page = await world.staffPage(OFFICER);
    await page.goto('/mail');
    const waiting = page.locator('#waiting table.govuk-table');
    await waiting.getByRole('link', { name: 'Brookside: payroll advice never came' }).waitFor();
    // A new complaint counts from the email: Thursday before Easter, so Wednesday 23 April.
    expect(await waiting.innerText()).toContain('23 April 2025');
    expect(await world.look(page, 'mail-queue')).toEqual([]);

    await waiting.getByRole('link', { name: 'Brookside: payroll advice never came' }).click();
    expect(page.url()).toContain(`/mail/${mailId}`);
    expect(await world.look(page, 'mail-message')).toEqual([]);
    const school = page.getByLabel('It is from this school: lodge it as a complaint');
    await school.fill('primary');
    await page.getByRole('button', { name: 'Lodge it as a complaint' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      '2 schools have names like ‘primary’: choose the one you mean',
    );
    expect(await page.locator('#school-candidates').innerText()).toContain(
      `Brookside Primary School (${SCHOOL})`,
    );
    expect(await world.look(page, 'mail-message-candidates')).toEqual([]);

    await page.getByLabel(`Brookside Primary School (${SCHOOL})`).check();
    await page.getByRole('button', { name: 'Lodge it as a complaint' }).click();
    expect(await page.locator('.govuk-notification-banner').innerText()).toMatch(
      /The email was lodged as complaint SG-2025-\d{6}/,
    );
    expect(await page.locator('main').innerText()).toContain('Brookside Primary School');
  });

  it('logs a double-submitted complaint once', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto('/complaints/new/for-a-school');
    const field = (name: string) => page.locator(`main input[name="${name}"]`).inputValue();
    const form = {
      csrfToken: await field('csrfToken'),
      idempotencyKey: await field('idempotencyKey'),
      schoolUrn: SCHOOL,
      channel: 'visiting-officer',
      summary: 'Pressed twice: outdoor centre booking lost',
      details: 'The booking for Year 6 was lost.',
      contactName: 'Jane Head',
    };
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        page.request.post('/complaints/new/for-a-school', { form, maxRedirects: 0 }),
      ),
    );
    expect([first.status(), second.status()]).toEqual([303, 303]);
    expect(first.headers().location).toBe(second.headers().location);
    const found = await world.api.as('support').get('/api/search?q=Pressed').expect(200);
    expect((found.body as { items: unknown[] }).items).toHaveLength(1);
  });
});
