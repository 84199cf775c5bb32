import { type Page } from 'playwright-core';
import { TEST_PASSWORD } from '../support/signing-in';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(90_000);

const WRITER: StaffMember = {
  personId: 'bs-writer',
  name: 'Wyn Writer',
  email: 'wyn.writer@county.gov.uk',
  roles: [{ role: 'business-support' }],
};

const LATE: StaffMember = {
  personId: 'bs-late',
  name: 'Lee Late',
  email: 'lee.late@county.gov.uk',
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
    await world.addStaff(LATE);
  });
  beforeEach(async () => {
    page = await world.staffPage(WRITER, { javaScript: true });
    await page.clock.install();
    await page.goto('/complaints/new/for-a-school');
  });
  afterEach(() => page.close());
  afterAll(() => world?.close());

  it('near the session’s absolute limit, says nothing keeps it going and offers no button', async () => {
    const last = await world.staffPage(LATE, { javaScript: true });
    // Busy all day: the idle timeout never ends the session, the absolute limit does.
    const signedInAt = world.api.clock.now().getTime();
    for (let minutes = 20; minutes <= 11 * 60 + 40; minutes += 20) {
      world.api.clock.set(new Date(signedInAt + minutes * 60_000).toISOString());
      expect((await last.request.get('/home')).status()).toBe(200);
    }
    world.api.clock.set(new Date(signedInAt + (11 * 60 + 45) * 60_000).toISOString());
    await last.clock.install();
    await last.goto('/complaints/new/for-a-school');
    await last.clock.fastForward('13:01');
    await banner(last).waitFor({ state: 'visible' });
    expect(await banner(last).innerText()).toContain('A session lasts at most 12 hours');
    expect(await last.getByRole('button', { name: 'Stay signed in' }).isHidden()).toBe(true);
    world.api.clock.set(new Date(signedInAt).toISOString());
    await last.close();
  });

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
    expect(await answer.json()).toEqual({ secondsLeft: 30 * 60, extendable: true });
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

  it('says a page is out of date, not that the person was signed out, once they signed in again elsewhere', async () => {
    await page.clock.fastForward('28:30');
    await banner(page).waitFor({ state: 'visible' });
    // Signed in again in this browser (another tab): the page's form token is the old session's.
    const again = await page.request.post('/api/auth/sign-in', {
      data: { email: WRITER.email, password: TEST_PASSWORD },
    });
    expect(again.status()).toBe(200);
    const kept = keptAlive(page);
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    expect((await kept).status()).toBe(403);
    await banner(page).getByText('This page is out of date', { exact: true }).waitFor();
    expect(await banner(page).innerText()).not.toContain('You have been signed out');
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
