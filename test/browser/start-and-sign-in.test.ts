import { SCHOOL } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const OFFICER: StaffMember = {
  personId: 'bs-officer',
  name: 'Bea Support',
  email: 'bea.support@county.gov.uk',
  roles: [{ role: 'business-support' }],
};
const CHAIR: StaffMember = {
  personId: 'board-chair',
  name: 'Ada Chair',
  email: 'ada.chair@county.gov.uk',
  roles: [{ role: 'board-member', chair: true }],
};
const HEAD = 'head@brookside.lancs.sch.uk';

/** The start of every journey, in Chromium with JavaScript off: what the guarantee is, and signing in. */
describe('start and sign-in pages', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(OFFICER);
    await world.addStaff(CHAIR);
    await world.registerSchoolAddress(SCHOOL, HEAD);
  });

  afterAll(() => world?.close());

  it('says what the service guarantee promises, with its statements a click away', async () => {
    const page = await world.anonymousPage();
    await page.goto('/');
    expect(await page.title()).toMatch(/^Complain about a Lancashire Learning Excellence service/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('within 10 working days');
    expect(text).toContain('Board');
    expect(await world.look(page, 'start')).toEqual([]);
    for (const [link, heading] of [
      ['Accessibility statement', 'Accessibility statement for Service Guarantee'],
      ['Cookies', 'Cookies'],
      ['Privacy', 'Privacy notice'],
    ]) {
      await page.goto('/');
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      expect(await world.look(page, `statement-${link.toLowerCase().split(' ')[0]}`)).toEqual([]);
    }
  });

  it('refuses a wrong password with an error summary linked to the field, then signs in', async () => {
    const page = await world.anonymousPage();
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.innerText()).toContain('Enter your email address');
    expect(await summary.innerText()).toContain('Enter your password');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await world.look(page, 'sign-in-errors')).toEqual([]);
    await page.getByLabel('Email address').fill(OFFICER.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await summary.innerText()).toContain('Enter a correct email address and password');
    await summary.getByRole('link').first().click();
    expect(await page.locator('#email:focus').count()).toBe(1);
  });

  it('sends a page that needs sign-in to the sign-in page and back after it', async () => {
    const page = await world.anonymousPage();
    await page.goto('/home');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/home');
  });

  it('brings a form sent after its session ended back after sign-in: the browser says which page it was', async () => {
    const expiring: StaffMember = {
      personId: 'bs-expiring',
      name: 'Eve Expiring',
      email: 'eve.expiring@county.gov.uk',
      roles: [{ role: 'business-support' }],
    };
    await world.addStaff(expiring);
    const page = await world.staffPage(expiring);
    await page.goto('/complaints/new/for-a-school');
    // The session ends while the form is open.
    await page.context().clearCookies();
    await page
      .locator('main form:not([data-sg-session-keep-alive])')
      .first()
      .evaluate((form) => (form as unknown as { requestSubmit(): void }).requestSubmit());
    await page.waitForURL(/\/sign-in\?/);
    const sentTo = new URL(page.url());
    expect(sentTo.searchParams.get('next')).toBe('/complaints/new/for-a-school');
    expect(sentTo.searchParams.get('unsent')).toBe('1');
  });

  it('asks a Board member for the code from their authenticator app', async () => {
    const page = await world.staffPage(CHAIR);
    expect(await page.locator('.govuk-service-navigation').innerText()).toContain('Board');
    expect(await world.look(page, 'board-home')).toEqual([]);
  });

  it('signs school staff in with a link sent to their registered address', async () => {
    const page = await world.anonymousPage();
    await page.goto('/sign-in/school');
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Enter your school email address',
    );
    expect(await world.look(page, 'school-sign-in-error')).toEqual([]);
    await page.getByLabel('What is your school email address?').fill(HEAD);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    expect(await world.look(page, 'school-check-email')).toEqual([]);
    await page.goto(await world.signInLink(HEAD));
    expect(await world.look(page, 'school-sign-in-link')).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/auth/'));
  });

  it('brings school staff who follow a link to their complaint back to it after signing in by email', async () => {
    const { id } = await world.lodgeAndRefer({ summary: 'Calls not returned' });
    const page = await world.anonymousPage();
    // Every email to a school links straight to its complaint.
    await page.goto(`/complaints/${id}`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByRole('link', { name: /sign in with a link sent to your school email/ }).click();
    const linksBefore = world.signInLinksSoFar(HEAD);
    await page.getByLabel('What is your school email address?').fill(HEAD);
    await page.getByRole('button', { name: 'Send the link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.goto(await world.signInLink(HEAD, linksBefore));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/complaints/${id}`);
    expect(await page.locator('h1').innerText()).toContain('Calls not returned');
  });

  it('signs out, after which the forms of the old session no longer work', async () => {
    const page = await world.staffPage(OFFICER);
    await page.goto('/home');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
    expect(await world.look(page, 'signed-out')).toEqual([]);
    await page.goto('/home');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });

  it('answers an unknown page with a GOV.UK page not found', async () => {
    const page = await world.staffPage(CHAIR);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    expect(await world.look(page, 'not-found')).toEqual([]);
  });
});
