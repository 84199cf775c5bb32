import { type Page } from 'playwright-core';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(90_000);

const WRITER: StaffMember = {
  personId: 'bs-writer',
  name: 'Wyn Writer',
  email: 'wyn.writer@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

const banner = (page: Page) => page.locator('.sg-session-timeout');
const keptAlive = (page: Page) =>
  page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/session/keep-alive' &&
      response.request().method() === 'POST',
  );

/**
 * A signed-in page, with JavaScript on, warns two minutes before the session would end unused and
 * lets the person stay signed in (WCAG 2.2.1); typing keeps the session going. The browser's clock
 * is Playwright's, moved on by the test; the server's session is real.
 */
describe('before a session ends unused', () => {
  let world: PagesWorld;
  let page: Page;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(WRITER);
  });
  beforeEach(async () => {
    page = await world.staffPage(WRITER, { javaScript: true });
    await page.clock.install();
    await page.goto('/complaints/new/for-a-school');
  });
  afterEach(() => page.close());
  afterAll(() => world?.close());

  it('warns two minutes before, and keeps the session when asked', async () => {
    await page.clock.fastForward('27:00');
    expect(await banner(page).isHidden()).toBe(true);
    await page.clock.fastForward('01:30');
    await banner(page).waitFor({ state: 'visible' });
    expect(await banner(page).innerText()).toContain('You will be signed out soon');
    expect(await world.look(page, 'session-timeout-warning')).toEqual([]);
    const kept = keptAlive(page);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    const answer = await kept;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual({ secondsLeft: 30 * 60 });
    await banner(page).waitFor({ state: 'hidden' });
    // The warning comes again only when the new half hour is nearly over.
    await page.clock.fastForward('27:00');
    expect(await banner(page).isHidden()).toBe(true);
  });

  it('counts typing as using the service, so what is being written is not lost', async () => {
    await page.clock.fastForward('06:00');
    const kept = keptAlive(page);
    await page.getByLabel('Summary of what went wrong').pressSequentially('Late');
    expect((await kept).status()).toBe(200);
    await page.clock.fastForward('27:00');
    expect(await banner(page).isHidden()).toBe(true);
    await page.clock.fastForward('02:00');
    await banner(page).waitFor({ state: 'visible' });
  });

  it('says the person was signed out, and what became of what they typed', async () => {
    await page.clock.fastForward('30:01');
    await banner(page).waitFor({ state: 'visible' });
    const text = await banner(page).innerText();
    expect(text).toContain('You have been signed out');
    expect(text).toContain('has not been sent: copy it before you sign in again');
    expect(await page.getByRole('button', { name: 'Stay signed in' }).isHidden()).toBe(true);
  });

  it('says so when the session has already ended on the server', async () => {
    await page.clock.fastForward('28:30');
    await banner(page).waitFor({ state: 'visible' });
    await page.context().clearCookies();
    const kept = keptAlive(page);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await kept).status()).toBe(401);
    await page.getByText('You have been signed out').waitFor();
  });
});
