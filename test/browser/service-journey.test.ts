import { type Page } from 'playwright-core';
import { lodgeBody } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const SUPPORT: StaffMember = {
  personId: 'support-triage',
  name: 'Tess Triage',
  email: 'tess.triage@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

const MANAGER: StaffMember = {
  personId: 'hr-queue-lead',
  name: 'Quinn Lead',
  email: 'quinn.lead@county.gov.uk',
  roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
};

/** Three complaints to Schools HR, lodged and referred a week apart, so their deadlines differ. */
const COMPLAINTS = [
  { at: '2025-04-17T09:00:00.000Z', summary: 'Grievance advice came three weeks late' },
  { at: '2025-04-24T09:00:00.000Z', summary: 'Payroll error still not corrected' },
  { at: '2025-05-01T09:00:00.000Z', summary: 'Recruitment pack sent to the wrong school' },
];

/** The service manager's journey: the queue by deadline, and working a complaint to a resolution. */
describe('the service queue and the service’s actions', () => {
  let world: PagesWorld;
  let payrollId: string;
  let recruitmentId: string;

  beforeAll(async () => {
    world = await PagesWorld.start(COMPLAINTS[0].at);
    await world.addStaff(MANAGER);
    await world.addStaff(SUPPORT);
    const ids: string[] = [];
    for (const { at, summary } of COMPLAINTS) {
      world.api.clock.set(at);
      const lodged = await world.api
        .as('head')
        .post('/api/complaints', lodgeBody({ summary }))
        .expect(201);
      const id = (lodged.body as { id: string }).id;
      await world.api
        .as('support')
        .post(`/api/complaints/${id}/referral`, { serviceId: 'schools-hr' })
        .expect(200);
      ids.push(id);
    }
    payrollId = ids[1];
    recruitmentId = ids[2];
    // Thursday 8 May, 10am in London: the first is past its deadline (Tuesday 6 May), the second
    // is due tomorrow, the third has a week to go.
    world.api.clock.set('2025-05-08T09:00:00.000Z');
  });

  afterAll(() => world?.close());

  const rows = (page: Page) => page.locator('main tbody tr').allInnerTexts();
  const banner = (page: Page) => page.locator('.govuk-notification-banner');

  it('lists the services’ complaints nearest deadline first, with their working days left and tags', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto('/service-queue');
    const [overdue, atRisk, later] = await rows(page);
    expect(overdue).toContain(COMPLAINTS[0].summary);
    expect(overdue).toContain('Overdue');
    expect(overdue).toContain('6 May 2025');
    expect(overdue).toContain('Brookside');
    expect(atRisk).toContain(COMPLAINTS[1].summary);
    expect(atRisk).toContain('At risk');
    expect(atRisk).toContain('One working day left');
    expect(later).toContain(COMPLAINTS[2].summary);
    expect(later).not.toMatch(/Overdue|At risk/);
    expect(later).toContain('Not assigned');
    expect(await page.locator('[data-queue-counts]').innerText()).toBe(
      '3 open complaints\n3 for the service to resolve: 1 overdue, 1 at risk',
    );
    expect(await world.look(page, 'service-queue')).toEqual([]);
    const junk = await page.goto('/service-queue?cursor=not-a-cursor');
    expect(junk?.status()).toBe(400);
  });

  it('assigns a complaint to the manager, which the "Assigned to me" filter then shows alone', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto('/service-queue');
    await page.getByRole('link', { name: /^SG-/ }).nth(1).click();
    await page.getByRole('link', { name: 'Assign a case officer' }).click();
    expect(await world.look(page, 'service-assign')).toEqual([]);
    await page.getByRole('button', { name: 'Assign a case officer' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Select who will work on this complaint',
    );
    await page.getByLabel(MANAGER.name).check();
    await page.getByRole('button', { name: 'Assign a case officer' }).click();
    await banner(page).getByText('Case officer assigned').waitFor();

    await page.goto('/service-queue');
    await page.getByLabel('Assigned to me').check();
    await page.getByRole('button', { name: 'Show complaints' }).click();
    expect(new URL(page.url()).search).toBe('?assignedTo=me');
    const mine = await rows(page);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toContain(COMPLAINTS[1].summary);
    expect(mine[0]).toContain(MANAGER.name);
    expect(await world.look(page, 'service-queue-assigned-to-me')).toEqual([]);
  });

  it('records contact, asks for and records information, agrees more time and proposes a resolution', async () => {
    const page = await world.staffPage(MANAGER);
    const complaintPage = `/complaints/${payrollId}`;
    await page.goto(complaintPage);

    await page.getByRole('link', { name: 'Record contact with the school' }).click();
    await page.getByLabel('Day', { exact: true }).fill('31');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('Year', { exact: true }).fill('2025');
    await page.getByLabel('Time', { exact: true }).fill('9:30am');
    await page.getByLabel('Phone').check();
    await page.getByLabel('What was said').fill('Called the bursar about the payroll error.');
    await page.getByRole('button', { name: 'Record contact with the school' }).click();
    const summary = page.locator('.govuk-error-summary');
    // The date is wrong, the time right: the message names the part to put right.
    expect(await summary.innerText()).toContain(
      'Date of contact must be a real date, such as 27 3 2025',
    );
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#contactedAt');
    expect(await page.locator('#contactedAt').inputValue()).toBe('31');
    expect(await world.look(page, 'service-contact-error')).toEqual([]);
    await page.getByLabel('Day', { exact: true }).fill('8');
    await page.getByLabel('Month', { exact: true }).fill('may');
    // The date right, the time wrong: the summary leads to the time's box, not the day's.
    await page.getByLabel('Time', { exact: true }).fill('half nine');
    await page.getByRole('button', { name: 'Record contact with the school' }).click();
    expect(await summary.innerText()).toContain('Time of contact must be a time');
    expect(await summary.getByRole('link').first().getAttribute('href')).toBe('#contactedAt-time');
    await page.getByLabel('Time', { exact: true }).fill('9:30am');
    await page.getByRole('button', { name: 'Record contact with the school' }).click();
    await banner(page).getByText('Contact recorded').waitFor();
    expect(await page.locator('.moj-timeline').innerText()).toContain('Called the bursar');

    await page.getByRole('link', { name: 'Ask the school for information' }).click();
    expect(await world.look(page, 'service-request-information')).toEqual([]);
    await page
      .getByLabel('What do you need from the school?')
      .fill('Which payslips show the wrong rate?');
    await page.getByRole('button', { name: 'Ask the school for information' }).click();
    await banner(page).getByText('Question sent to the school').waitFor();
    expect(await page.locator('main').innerText()).toContain('Waiting for the school');
    expect(await world.look(page, 'service-awaiting-school')).toEqual([]);

    await page.getByRole('link', { name: 'Record the school’s reply' }).click();
    expect(await world.look(page, 'service-information-received')).toEqual([]);
    await page.getByLabel('What the school provided').fill('March and April payslips.');
    await page.getByRole('button', { name: 'Record the school’s reply' }).click();
    await banner(page).getByText('The school’s reply is recorded').waitFor();
    expect(await page.locator('main').innerText()).toContain('With the service');

    await page.getByRole('link', { name: 'Agree more time' }).click();
    await page.getByLabel('How many more working days?').fill('five');
    await page.getByLabel('Why is more time needed?').fill('Payroll reruns on the 20th.');
    await page.getByRole('button', { name: 'Agree more time with the school' }).click();
    const errors = await page.locator('.govuk-error-summary').innerText();
    expect(errors).toContain('Extra working days must be a whole number from 1 to 10');
    expect(errors).toContain('Enter who at the school agreed');
    expect(errors).toContain('Select how the school agreed');
    expect(await world.look(page, 'service-extension-error')).toEqual([]);
    // With the school's consent: Sam Bursar agreed by email at 9:45am on 8 May 2025.
    const agreeMoreTime = async (days: string) => {
      await page.getByLabel('How many more working days?').fill(days);
      await page
        .getByLabel('Who at the school agreed?')
        .fill('Sam Bursar, school business manager');
      await page.getByLabel('Day', { exact: true }).fill('8');
      await page.getByLabel('Month', { exact: true }).fill('5');
      await page.getByLabel('Year', { exact: true }).fill('2025');
      await page.getByLabel('Time', { exact: true }).fill('9:45am');
      await page.getByRole('radio', { name: 'Email' }).check();
      await page.getByRole('button', { name: 'Agree more time with the school' }).click();
    };
    await agreeMoreTime('100');
    expect(await page.locator('#extraWorkingDays-error').innerText()).toContain(
      'Extensions may add at most 10 working days in all: enter 10 or fewer',
    );
    await agreeMoreTime('5');
    await banner(page).getByText('More time agreed').waitFor();
    expect(await page.locator('.moj-timeline').innerText()).toContain(
      'Payroll reruns on the 20th.',
    );

    await page.getByRole('link', { name: 'Propose a resolution' }).click();
    expect(await world.look(page, 'service-propose-resolution')).toEqual([]);
    await page
      .getByLabel('How has the service resolved the complaint?')
      .fill('Corrected the rate and paid the arrears on 9 May.');
    await page.getByRole('button', { name: 'Propose a resolution' }).click();
    await banner(page).getByText('Resolution proposed to the school').waitFor();
    expect(await page.locator('main').innerText()).toContain('Resolution proposed');
    expect(await world.look(page, 'service-resolution-proposed')).toEqual([]);
  });

  it('asks Business Support to move a complaint that is another service’s, who may keep it with the service, saying why', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${recruitmentId}`);
    await page
      .getByRole('link', { name: 'Ask Business Support to move it to another service' })
      .click();
    await page
      .getByRole('button', { name: 'Ask Business Support to move it to another service' })
      .click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter why the complaint is another service’s',
    );
    expect(await world.look(page, 'service-ask-to-reroute-error')).toEqual([]);
    await page
      .getByLabel('Why is it another service’s complaint?')
      .fill('It is about supply teachers: the Teaching Agency');
    await page
      .getByRole('button', { name: 'Ask Business Support to move it to another service' })
      .click();
    await banner(page).getByText('Business Support has been asked to move it').waitFor();

    const support = await world.staffPage(SUPPORT);
    await support.goto('/triage');
    expect(await support.locator('#reroute-asked').innerText()).toContain(COMPLAINTS[2].summary);
    expect(await world.look(support, 'triage-reroute-asked')).toEqual([]);
    await support.locator('#reroute-asked').getByRole('link').first().click();
    expect(await support.locator('#reroute-asked').innerText()).toContain('the Teaching Agency');
    await support.getByRole('link', { name: 'Keep it with the service' }).click();
    expect(await world.look(support, 'support-keep-with-service')).toEqual([]);
    await support
      .getByLabel('Why does the complaint stay with the service?')
      .fill('The pack was sent by HR');
    await support.getByRole('button', { name: 'Keep it with the service' }).click();
    await banner(support)
      .getByText('The service has been told the complaint stays with it')
      .waitFor();
    await support.goto('/triage');
    expect(await support.locator('#reroute-asked').count()).toBe(0);
  });
});
