import { PagesWorld } from './support/pages-world';

jest.setTimeout(60_000);

/**
 * The check every page passes must be able to fail: a field without its label, faint text and a
 * page wider than a phone are caught.
 */
describe('the accessibility check', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    world = await PagesWorld.start();
  });

  afterAll(() => world?.close());

  it('finds a form field whose label was taken away, and text too faint to read', async () => {
    const page = await world.anonymousPage();
    await page.goto('/sign-in');
    expect(await world.look(page, 'accessibility-check-sign-in')).toEqual([]);
    await page
      .locator('label[for="email"]')
      .evaluate((label: { remove(): void }) => label.remove());
    await page
      .locator('h1')
      .evaluate((heading: { setAttribute(name: string, value: string): void }) =>
        heading.setAttribute('style', 'color: #eeeeee'),
      );
    const violations = await world.look(page, 'accessibility-check-broken');
    expect(violations.map((violation) => violation.split(':')[0]).sort()).toEqual([
      'color-contrast',
      'label',
    ]);
  });

  it('finds a page that scrolls sideways at 320 pixels wide', async () => {
    const page = await world.anonymousPage();
    await page.goto('/sign-in');
    await page
      .locator('h1')
      .evaluate((heading: { setAttribute(name: string, value: string): void }) =>
        heading.setAttribute('style', 'width: 600px'),
      );
    const violations = await world.look(page, 'accessibility-check-wide');
    expect(violations).toEqual([
      expect.stringMatching(/^reflow: the page is \d+ px wide at 320 px \(WCAG 1\.4\.10\)/),
    ]);
  });

  it('finds a table that squeezes three columns into 320 pixels, and passes it stacked', async () => {
    const page = await world.anonymousPage();
    await page.goto('/cookies');
    expect(await world.look(page, 'accessibility-check-stacked')).toEqual([]);
    await page
      .locator('table')
      .evaluate((table: { classList: { remove(name: string): void } }) =>
        table.classList.remove('sg-stacked-table'),
      );
    expect(await world.look(page, 'accessibility-check-squeezed')).toEqual([
      'reflow: the table "Essential cookies" keeps three or more columns side by side at 320 px (WCAG 1.4.10): stack it (sg-stacked-table)',
    ]);
  });
});
