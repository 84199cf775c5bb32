import { type Page } from 'playwright-core';
import { escalateAfterDeadline, lodgeBody } from '../support/complaints-app';
import { TEST_PASSWORD } from '../support/signing-in';
import { personsBrowser } from './support/chromium';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const SCRUTINY: StaffMember = {
  personId: 'scrutiny-chair',
  name: 'Sam Scrutiny',
  email: 'sam.scrutiny@county.gov.uk',
  roles: [{ role: 'scrutiny' }],
};
const SUPPORT: StaffMember = {
  personId: 'support-desk',
  name: 'Bea Support',
  email: 'bea.support@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

const CHARTS = [
  'Complaints received per service',
  'Percentage resolved within the deadline per service',
  'Escalations to the Board and complaints upheld per service',
  'Reimbursed to schools per service',
];

/** The figures of one chart's table, row by row. */
const tableOf = (page: Page, title: string) =>
  page
    .locator('table', { has: page.locator('caption', { hasText: title }) })
    .locator('tbody tr')
    .allInnerTexts();

/** The scrutiny committee's report, and where a person is signed in. */
describe('the reports and account pages', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    // Three complaints in April 2025: two for Schools HR, one for Governor Services, one of the
    // HR ones escalated to the Board in May when its deadline passed.
    world = await PagesWorld.start();
    await world.addStaff(SCRUTINY);
    await world.addStaff(SUPPORT);
    const lodge = async (serviceId: string) => {
      const lodged = await world.api
        .as('head')
        .post('/api/complaints', lodgeBody({ serviceId }))
        .expect(201);
      const id = (lodged.body as { id: string }).id;
      await world.api
        .as('support')
        .post(`/api/complaints/${id}/referral`, { serviceId })
        .expect(200);
      return id;
    };
    const late = await lodge('schools-hr');
    await lodge('schools-hr');
    await lodge('governor-services');
    await escalateAfterDeadline(world.api, late);
  });

  afterAll(() => world?.close());

  it('shows the scrutiny committee each chart with its table, for the period it asks for', async () => {
    const page = await world.staffPage(SCRUTINY);
    await page.goto('/reports');
    // Today is in May 2025: the financial year 2025-26.
    await page
      .getByRole('heading', { level: 1, name: 'Complaints by service, financial year 2025-26' })
      .waitFor();
    for (const title of CHARTS) {
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      expect(await page.getByRole('img', { name: new RegExp(`^${title}`) }).count()).toBe(1);
    }
    const received = await tableOf(page, CHARTS[0]);
    expect(received).toContainEqual(expect.stringMatching(/^Schools HR[^\t]*\t2\t/));
    expect(received).toContainEqual(expect.stringMatching(/^Governor Services\t1\t/));
    expect(received[received.length - 1]).toMatch(/^All services\t3\t/);
    const escalated = await tableOf(page, CHARTS[2]);
    expect(escalated[escalated.length - 1]).toMatch(/^All services\t1\t/);
    expect(await world.look(page, 'reports-financial-year')).toEqual([]);

    // April alone: the three received, the escalation in May left out.
    await page.getByLabel('Period').fill('2025-04');
    await page.getByRole('button', { name: 'Show the report' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Complaints by service, April 2025' })
      .waitFor();
    expect((await tableOf(page, CHARTS[0])).at(-1)).toMatch(/^All services\t3\t/);
    expect((await tableOf(page, CHARTS[2])).at(-1)).toMatch(/^All services\t0\t/);
    expect(await world.look(page, 'reports-month')).toEqual([]);

    await page.getByLabel('Period').fill('last spring');
    await page.getByRole('button', { name: 'Show the report' }).click();
    expect(await page.title()).toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Enter a period like FY2025-26');
    expect(await page.getByLabel('Period').inputValue()).toBe('last spring');
    expect(await world.look(page, 'reports-bad-period')).toEqual([]);
    const refused = await page.request.get('/reports?period=last%20spring');
    expect(refused.status()).toBe(400);
  });

  it('downloads the report as a CSV that opens in Excel', async () => {
    const page = await world.staffPage(SCRUTINY);
    await page.goto('/reports?period=AY2024-25');
    const link = page.getByRole('link', { name: 'Download as CSV (opens in Excel)' });
    const href = await link.getAttribute('href');
    expect(href).toBe('/reports/services.csv?period=AY2024-25');
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers()['content-disposition']).toBe(
      'attachment; filename="complaints-by-service-AY2024-25.csv"',
    );
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const firstLine = bytes.subarray(3).toString('utf8').split('\r\n')[0];
    expect(firstLine).toMatch(/^service,service name,received,/);
    expect(bytes.subarray(3).toString('utf8')).toMatch(/\r\nmusic-service,Music Service,/);
    expect((await page.request.get('/reports/services.csv?period=FY2025')).status()).toBe(400);
  });

  it('lists where a person is signed in and signs them out of another browser', async () => {
    const here = await world.staffPage(SUPPORT);
    // The same person signs in again in a second browser.
    const elsewhere = await (await personsBrowser(world.browser, world.baseUrl)).newPage();
    await elsewhere.goto('/sign-in');
    await elsewhere.getByLabel('Email address').fill(SUPPORT.email);
    await elsewhere.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await elsewhere.goto('/account/sessions');
    expect(new URL(elsewhere.url()).pathname).toBe('/account/sessions');

    await here.goto('/home');
    await here.getByRole('link', { name: 'Where you are signed in' }).click();
    await here.getByRole('heading', { level: 1, name: 'Where you are signed in' }).waitFor();
    expect(await here.locator('.govuk-summary-card').count()).toBe(2);
    await here.getByRole('heading', { level: 2, name: 'This browser' }).waitFor();
    expect(await world.look(here, 'reports-account-sessions')).toEqual([]);

    await here.getByRole('button', { name: 'Sign out of this session' }).click();
    await here.getByText('You signed out of that session').waitFor();
    expect(await here.locator('.govuk-summary-card').count()).toBe(1);
    expect(await world.look(here, 'reports-account-session-ended')).toEqual([]);

    // The other browser is signed out: its next page asks it to sign in.
    await elsewhere.goto('/account/sessions');
    expect(new URL(elsewhere.url()).pathname).toBe('/sign-in');
    await elsewhere.context().close();
  });
});
