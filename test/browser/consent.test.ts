import { ComplaintQueries } from '@sg/read-models';
import { type Page } from 'playwright-core';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const OFFICER: StaffMember = {
  personId: 'consent-officer',
  name: 'Cass Support',
  email: 'cass.support@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

const HEAD = 'head@brookside.lancs.sch.uk';

/** Business Support confirming and withdrawing for a school, which it may do only with consent. */
describe('Business Support acting for the school', () => {
  let world: PagesWorld;

  /** A complaint lodged by the school and with its service; proposed a resolution if asked. */
  const lodge = async (summary: string, { proposed }: { proposed: boolean }) => {
    const { id } = await world.lodgeAndRefer({ summary });
    if (proposed) await world.proposeResolution(id);
    return id;
  };

  /** Who agreed, when (17 April 2025 at the test clock's 10am in London, as it was lodged) and how. */
  const giveConsent = async (page: Page, method: string) => {
    await page.getByLabel('Who at the school agreed?').fill('Pat Head, headteacher');
    await page.getByLabel('Day', { exact: true }).fill('17');
    await page.getByLabel('Month', { exact: true }).fill('4');
    await page.getByLabel('Year', { exact: true }).fill('2025');
    await page.getByLabel('Time', { exact: true }).fill('10am');
    await page.getByRole('radio', { name: method }).check();
  };

  /** The data of the complaint's events of one type, as the pages read its history. */
  const recorded = async (id: string, type: string) => {
    const found = await world.api.app.get(ComplaintQueries).complaint(id);
    return (found?.history ?? []).filter((event) => event.type === type).map((event) => event.data);
  };

  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
  const banner = (page: Page) => page.locator('.govuk-notification-banner');

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(OFFICER);
    await world.registerSchoolAddress('119300', HEAD);
  });

  afterAll(() => world?.close());

  it('confirms a proposed resolution for the school only once it says how the school agreed', async () => {
    const id = await lodge('Adviser missed two calls', { proposed: true });
    const page = await world.staffPage(OFFICER);
    await page.goto(`/complaints/${id}`);
    await page.getByRole('link', { name: 'Confirm the resolution for the school' }).click();
    expect(await page.locator('h1').innerText()).toBe('Confirm the resolution for the school');
    expect(await world.look(page, 'consent-confirm')).toEqual([]);

    await page.getByRole('button', { name: 'Confirm the resolution for the school' }).click();
    const errors = await errorSummary(page);
    expect(errors).toContain('Enter who at the school agreed');
    expect(errors).toContain('Enter the date and time the school agreed');
    expect(errors).toContain('Select how the school agreed');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await world.look(page, 'consent-confirm-error')).toEqual([]);
    await page.locator('.govuk-error-summary').getByRole('link').first().click();
    expect(await page.locator('#consent-givenBy:focus').count()).toBe(1);

    await giveConsent(page, 'Phone');
    await page.getByRole('button', { name: 'Confirm the resolution for the school' }).click();
    await banner(page).getByText('Resolution confirmed. The complaint is closed.').waitFor();
    expect(await page.locator('.govuk-tag').first().innerText()).toBe('Closed');
    expect(await world.look(page, 'consent-confirmed')).toEqual([]);

    // The consent is recorded with the confirmation: who, when (London's 10am) and how.
    expect(await recorded(id, 'ResolutionConfirmed')).toMatchObject([
      {
        consent: {
          givenBy: 'Pat Head, headteacher',
          givenAt: '2025-04-17T09:00:00.000Z',
          method: 'phone',
        },
      },
    ]);
  });

  it('withdraws a complaint for the school with its consent', async () => {
    const id = await lodge('Sorted out on the phone', { proposed: false });
    const page = await world.staffPage(OFFICER);
    await page.goto(`/complaints/${id}`);
    await page.getByRole('link', { name: 'Withdraw the complaint for the school' }).click();
    await page
      .getByLabel('Why is the school withdrawing the complaint?')
      .fill('The adviser called after all.');
    await page.getByRole('button', { name: 'Withdraw the complaint for the school' }).click();
    expect(await errorSummary(page)).toContain('Enter who at the school agreed');
    // What was typed is kept on the page with the errors.
    expect(await page.getByLabel('Why is the school withdrawing the complaint?').inputValue()).toBe(
      'The adviser called after all.',
    );
    expect(await world.look(page, 'consent-withdraw-error')).toEqual([]);

    // Consent given the day before the complaint was made is no consent to withdrawing it.
    await giveConsent(page, 'Email');
    await page.getByLabel('Day', { exact: true }).fill('16');
    await page.getByRole('button', { name: 'Withdraw the complaint for the school' }).click();
    // With the moment it was received, so the officer sees why a time on the right day is refused.
    expect(await errorSummary(page)).toMatch(
      /The date and time the school agreed must be after the complaint was received, \d{1,2} \w+ \d{4} at (\d{1,2}(:\d\d)?(am|pm)|midday)/,
    );
    await page.locator('.govuk-error-summary').getByRole('link').first().click();
    expect(await page.locator('#consent-givenAt:focus, #consent-givenAt-day:focus').count()).toBe(
      1,
    );
    expect(await recorded(id, 'ComplaintWithdrawn')).toEqual([]);
    // Nor is consent the officer says the school will give tomorrow.
    await page.getByLabel('Day', { exact: true }).fill('18');
    await page.getByRole('button', { name: 'Withdraw the complaint for the school' }).click();
    expect(await errorSummary(page)).toContain(
      'The date and time the school agreed must be now or in the past',
    );

    await giveConsent(page, 'Email');
    await page.getByRole('button', { name: 'Withdraw the complaint for the school' }).click();
    await banner(page).getByText('Complaint withdrawn').waitFor();
    expect(await page.locator('.govuk-tag').first().innerText()).toBe('Closed');
    expect(await recorded(id, 'ComplaintWithdrawn')).toMatchObject([
      { consent: { givenBy: 'Pat Head, headteacher', method: 'email' } },
    ]);
  });

  it('does not ask the school how it agreed when it acts itself', async () => {
    const id = await lodge('Asked of the school itself', { proposed: true });
    const page = await world.schoolPage(HEAD);
    await page.goto(`/complaints/${id}/actions/withdraw`);
    expect(await page.locator('h1').innerText()).toBe('Withdraw your complaint');
    expect(await page.getByLabel('Who at the school agreed?').count()).toBe(0);
    await page.goto(`/complaints/${id}/actions/confirm`);
    expect(await page.getByLabel('Who at the school agreed?').count()).toBe(0);
    await page.getByRole('button', { name: 'Confirm the resolution' }).click();
    await banner(page).getByText('Resolution confirmed').waitFor();
  });
});
