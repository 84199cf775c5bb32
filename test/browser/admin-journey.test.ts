import { type Page } from 'playwright-core';
import { SCHOOL } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const ADMIN: StaffMember = {
  personId: 'site-admin',
  name: 'Ada Min',
  email: 'ada.min@county.gov.uk',
  roles: [{ role: 'admin' }],
};

/** Two schools as a GIAS extract gives them, in the columns the schools importer reads. */
const SCHOOLS_CSV = [
  'URN,LA (name),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),PhaseOfEducation (name),NumberOfPupils,SchoolWebsite',
  '119500,Lancashire,Riverside Primary School,Community school,Open,Primary,180,www.riverside.lancs.sch.uk',
  '119501,Lancashire,St Thomas à Becket High School,Academy converter,Open,Secondary,900,',
].join('\n');
const BAD_SCHOOLS_CSV = [
  'URN,LA (name),EstablishmentName,TypeOfEstablishment (name),PhaseOfEducation (name),NumberOfPupils',
  '119502,Lancashire,Good Primary School,Community school,Primary,120',
  '1195,Lancashire,Short URN School,Community school,Primary,lots',
].join('\n');

const CONTRACTS_CSV = [
  'contract_id,urn,service,financial_year,fee_paid_pence',
  'C2026-119500-HR,119500,schools-hr,2026-27,180000',
].join('\n');

const summary = (page: Page) => page.locator('.govuk-error-summary').innerText();
const banner = (page: Page) => page.locator('.govuk-notification-banner').innerText();

/** An administrator's work, in Chromium with JavaScript off: people, school addresses, tokens, imports. */
describe('the administrators’ pages', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(ADMIN);
  });

  afterAll(() => world?.close());

  /** What the API answers a system reading the service queue with the token. */
  const statusWithToken = async (token: string) =>
    (
      await fetch(`${world.baseUrl}/api/queues/service`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status;

  it('adds a service manager, changes their roles, and disables and enables them', async () => {
    const page = await world.staffPage(ADMIN);
    await page.goto('/admin');
    expect(await world.look(page, 'admin-index')).toEqual([]);
    await page.getByRole('link', { name: 'People' }).click();
    expect(await page.locator('table').innerText()).toContain('Ada Min');
    expect(await world.look(page, 'admin-people')).toEqual([]);
    await page.getByLabel('Name or email address').fill('nobody like this');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Nobody matches').waitFor();
    await page.getByLabel('Name or email address').fill('ada');
    await page.getByLabel('Role').selectOption({ label: 'Administrator' });
    await page.getByRole('button', { name: 'Search' }).click();
    expect(await page.locator('table').innerText()).toContain('Ada Min');
    expect(await world.look(page, 'admin-people-search')).toEqual([]);
    await page.getByRole('link', { name: 'Clear the search' }).click();

    await page.getByRole('button', { name: 'Add a person' }).click();
    await page.getByLabel('Full name').fill('Sam Service');
    await page.getByLabel('With a password').check();
    await page.getByLabel('Service manager').check();
    await page.getByLabel('Schools HR').check();
    await page.getByRole('button', { name: 'Add the person' }).click();
    expect(await summary(page)).toContain('Enter the person’s email address');
    expect(await world.look(page, 'admin-add-person-error')).toEqual([]);
    await page.getByLabel('Email address').fill('sam.service@county.gov.uk');
    await page.getByRole('button', { name: 'Add the person' }).click();
    expect(await banner(page)).toContain('Sam Service added');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(
      'Service manager (Schools HR)',
    );
    expect(await world.look(page, 'admin-person')).toEqual([]);

    await page.getByRole('link', { name: 'Change roles' }).click();
    await page.getByLabel('Business Support').check();
    await page.getByLabel('Music Service').check();
    expect(await world.look(page, 'admin-roles')).toEqual([]);
    await page.getByRole('button', { name: 'Save roles' }).click();
    expect(await banner(page)).toContain('roles changed');
    const roles = await page.locator('.govuk-summary-list').innerText();
    expect(roles).toContain('Business Support');
    expect(roles).toContain('Service manager (Music Service, Schools HR)');

    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.getByRole('button', { name: 'Disable the account' }).click();
    expect(await summary(page)).toContain('Enter why you are disabling the account');
    expect(await world.look(page, 'admin-disable-error')).toEqual([]);
    await page.getByLabel('Why are you disabling the account?').fill('Left the council');
    await page.getByRole('button', { name: 'Disable the account' }).click();
    expect(await banner(page)).toContain('account is disabled');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Disabled');
    expect(await world.look(page, 'admin-person-disabled')).toEqual([]);
    await page.getByRole('button', { name: 'Let Sam Service sign in again' }).click();
    expect(await banner(page)).toContain('Sam Service can sign in again');

    await page.getByRole('link', { name: 'People', exact: true }).click();
    const row = page.locator('tr', { hasText: 'Sam Service' });
    expect(await row.innerText()).toContain('Invited: password not chosen');
    await row.getByRole('link', { name: 'Sam Service' }).click();
    // The council moves its staff to its identity provider.
    await page.getByRole('link', { name: 'Change how they sign in' }).click();
    expect(await page.getByLabel('With a password').isChecked()).toBe(true);
    // A link to an address at a school is for school staff alone: not offered for a manager.
    expect(await page.getByLabel(/With a link emailed/).count()).toBe(0);
    expect(await world.look(page, 'admin-sign-in-method')).toEqual([]);
    await page.getByLabel('With their council account').check();
    await page.getByRole('button', { name: 'Change how they sign in' }).click();
    expect(await banner(page)).toContain(
      'Sam Service now signs in with their council account, and their sessions have ended',
    );
    expect(await page.locator('.govuk-summary-list').innerText()).toContain(
      'Council account (identity provider)',
    );
  });

  it('shows the administrator’s own sessions, each with a button to end it', async () => {
    const page = await world.staffPage(ADMIN);
    await page.goto(`/admin/people/${ADMIN.personId}`);
    expect(await page.getByRole('button', { name: /End this session/ }).count()).toBeGreaterThan(0);
  });

  it('registers a school address and removes it', async () => {
    const page = await world.staffPage(ADMIN);
    await page.goto('/admin/schools');
    expect(await world.look(page, 'admin-schools')).toEqual([]);
    await page.getByLabel('School name or URN').fill(SCHOOL);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('main ul a').first().click();
    await page.getByRole('button', { name: 'Add the address' }).click();
    expect(await summary(page)).toContain(
      'Select whether you are adding an email address or a domain',
    );
    expect(await world.look(page, 'admin-school-addresses-error')).toEqual([]);
    await page.getByLabel('One email address').check();
    await page.getByLabel('Email address or domain').fill('bursar@brookside.lancs.sch.uk');
    await page.getByRole('button', { name: 'Add the address' }).click();
    expect(await banner(page)).toContain('bursar@brookside.lancs.sch.uk now reaches');
    expect(await page.locator('table').innerText()).toContain('bursar@brookside.lancs.sch.uk');
    expect(await world.look(page, 'admin-school-addresses')).toEqual([]);
    const removal = page.locator('form[action$="/addresses/removal"]');
    const field = (name: string) => removal.locator(`input[name="${name}"]`).inputValue();
    const sentAgain = {
      action: (await removal.getAttribute('action'))!,
      fields: {
        csrfToken: await field('csrfToken'),
        kind: await field('kind'),
        value: await field('value'),
      },
    };
    await page.getByRole('button', { name: 'Remove bursar@brookside.lancs.sch.uk' }).click();
    expect(await banner(page)).toContain('no longer reaches');
    expect(await page.locator('main').innerText()).not.toContain('bursar@brookside.lancs.sch.uk\t');
    // Pressed a second time (a slow network, another tab): it is gone, as the page asked.
    const again = await page.request.post(sentAgain.action, {
      form: sentAgain.fields,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toMatch(/\/admin\/schools\/\d+\/addresses$/);
  });

  it('creates an API token, shown once, and revokes it', async () => {
    const page = await world.staffPage(ADMIN);
    await page.goto('/admin/api-tokens');
    await page.getByRole('button', { name: 'Create a token' }).click();
    expect(await page.getByLabel('Administrator').count()).toBe(0);
    await page.getByLabel('What is the token for?').fill('Schools HR case system');
    await page.getByLabel('Service manager').check();
    await page.getByLabel('Schools HR').check();
    await page.getByRole('button', { name: 'Create the token' }).click();
    expect(await summary(page)).toContain('Enter the date the token stops working');
    expect(await world.look(page, 'admin-api-token-error')).toEqual([]);
    const year = String(world.api.clock.now().getUTCFullYear() + 1);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill(year);
    await page.getByRole('button', { name: 'Create the token' }).click();
    const token = (await page.locator('#api-token').innerText()).trim();
    expect(token.length).toBeGreaterThan(20);
    expect(await world.look(page, 'admin-api-token-created')).toEqual([]);
    expect(await statusWithToken(token)).toBe(200);

    await page.getByRole('link', { name: 'Back to API tokens' }).click();
    expect(await page.locator('main').innerText()).not.toContain(token);
    expect(await world.look(page, 'admin-api-tokens')).toEqual([]);
    await page.getByRole('link', { name: 'Revoke the token Schools HR case system' }).click();
    await page.getByLabel('Why are you revoking it?').fill('The case system was replaced');
    expect(await world.look(page, 'admin-api-token-revoke')).toEqual([]);
    await page.getByRole('button', { name: 'Revoke the token' }).click();
    expect(await banner(page)).toContain('no longer works');
    expect(await page.locator('table').innerText()).toContain('Revoked');
    expect(await statusWithToken(token)).toBe(401);
  });

  it('imports a schools file, and refuses a bad one naming each row’s problem', async () => {
    const page = await world.staffPage(ADMIN);
    await page.goto('/admin/imports');
    expect(await world.look(page, 'admin-imports')).toEqual([]);
    await page.getByRole('button', { name: 'Import schools' }).click();
    expect(await summary(page)).toContain('Select a CSV file');

    const upload = (csv: string) =>
      page.getByLabel('Upload the schools file').setInputFiles({
        name: 'schools.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
    await upload(BAD_SCHOOLS_CSV);
    await page.getByRole('button', { name: 'Import schools' }).click();
    expect(await summary(page)).toContain('The schools file has');
    const problems = await page.locator('table').innerText();
    expect(problems).toMatch(/3\s+URN "1195" is not six digits/);
    expect(problems).toMatch(/3\s+NumberOfPupils "lots" is not a whole number/);
    expect(await world.look(page, 'admin-imports-refused')).toEqual([]);
    expect(await world.api.directory.school('119502')).toBeNull();

    // As GIAS publishes its extract: in Windows-1252, where "à" is the one byte 0xE0.
    await page.getByLabel('Upload the schools file').setInputFiles({
      name: 'schools.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(SCHOOLS_CSV, 'latin1'),
    });
    await page.getByRole('button', { name: 'Import schools' }).click();
    expect(await banner(page)).toContain('Schools imported: 2 added, 0 updated, 0 unchanged');
    expect(await world.look(page, 'admin-imports-done')).toEqual([]);
    expect(await world.api.directory.school('119500')).toMatchObject({
      name: 'Riverside Primary School',
    });
    expect(await world.api.directory.school('119501')).toMatchObject({
      name: 'St Thomas à Becket High School',
    });

    await page.getByLabel('Upload the contracts file').setInputFiles({
      name: 'contracts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CONTRACTS_CSV),
    });
    await page.getByRole('button', { name: 'Import contracts' }).click();
    expect(await banner(page)).toContain('Contracts imported: 1 added');

    await page.goto('/admin/schools?q=riverside');
    expect(await page.locator('main ul').innerText()).toContain(
      'Riverside Primary School (URN 119500)',
    );
  });
});
