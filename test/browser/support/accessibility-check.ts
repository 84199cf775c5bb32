import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the standard the council's sites must meet. */
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface Violation {
  readonly id: string;
  readonly help: string;
  readonly nodes: { readonly target: unknown; readonly html: string }[];
}

/** The narrowest page WCAG 2.2's reflow (1.4.10) asks for: 320 CSS pixels, as at 400% zoom. */
const REFLOW_WIDTH = 320;

/**
 * What axe does not check: at 320 pixels wide, whether the page scrolls sideways, and if so the
 * first element that reaches past the edge (text that overflows its box shows as none).
 */
async function reflowsAt320(page: Page): Promise<string[]> {
  await page.setViewportSize({ width: REFLOW_WIDTH, height: 640 });
  const found = await page.evaluate((width) => {
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number };
          querySelectorAll(selector: string): ArrayLike<{
            getBoundingClientRect(): { right: number };
            tagName: string;
            className: string;
          }>;
        };
      }
    ).document;
    const scrollWidth = doc.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const past = Array.from(doc.querySelectorAll('body *')).find(
      (element) => element.getBoundingClientRect().right > width + 1,
    );
    return {
      scrollWidth,
      past: past ? `${past.tagName.toLowerCase()}.${String(past.className)}` : 'overflowing text',
    };
  }, REFLOW_WIDTH);
  const squeezed = await page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          querySelectorAll(selector: string): ArrayLike<{
            rows: ArrayLike<{ cells: { length: number } }>;
            caption: { textContent: string | null } | null;
          }>;
        };
      }
    ).document;
    const view = globalThis as unknown as {
      getComputedStyle(element: unknown): { display: string };
    };
    const style = (element: unknown) => view.getComputedStyle(element);
    return Array.from(doc.querySelectorAll('table'))
      .filter(
        (table) =>
          style(table).display === 'table' &&
          Array.from(table.rows).some((row) => row.cells.length > 2),
      )
      .map((table) => (table.caption?.textContent ?? '(no caption)').trim().replace(/\s+/g, ' '));
  });
  return [
    ...(found
      ? [
          `reflow: the page is ${found.scrollWidth} px wide at ${REFLOW_WIDTH} px (WCAG 1.4.10), past the edge: ${found.past}`,
        ]
      : []),
    // With nothing scrolling sideways, columns squeezed to 320 px break their words letter by letter.
    ...squeezed.map(
      (caption) =>
        `reflow: the table "${caption}" keeps three or more columns side by side at ${REFLOW_WIDTH} px (WCAG 1.4.10): stack it (sg-stacked-table)`,
    ),
  ];
}

/**
 * Runs axe-core over the page exactly as it is now and answers its WCAG 2.2 AA violations, each
 * with the elements at fault, so a failing test says what to fix; then whether it reflows at 320
 * pixels wide.
 *
 * The journeys run with JavaScript off, and axe needs it (its checks wait on timers), so it runs
 * on a copy: the page's HTML, its own scripts taken out so it stays as the person saw it, loaded
 * with its address as the base so its styles apply, in a page of the same browser with scripts on.
 */
export async function accessibilityViolations(page: Page, baseUrl: string): Promise<string[]> {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
  const copy = await page
    .context()
    .browser()!
    .newContext({ bypassCSP: true, javaScriptEnabled: true });
  try {
    const checked = await copy.newPage();
    await checked.route('**/*', (route) =>
      route.request().url().startsWith(baseUrl) ? route.continue() : route.abort(),
    );
    await checked.goto(`${baseUrl}/assets/service-guarantee.css`);
    await checked.setContent(
      html.replace(/<head>/i, `<head><base href="${new URL(page.url()).href}">`),
      { waitUntil: 'load' },
    );
    await checked.evaluate(AXE_SOURCE);
    const violations = await checked.evaluate(
      (tags) =>
        (
          globalThis as unknown as {
            axe: { run(options: object): Promise<{ violations: Violation[] }> };
          }
        ).axe
          .run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then((results) => results.violations),
      WCAG_22_AA,
    );
    return [
      ...violations.map(
        (violation) =>
          `${violation.id}: ${violation.help} at ${violation.nodes
            .map((node) => `${JSON.stringify(node.target)} ${node.html.slice(0, 120)}`)
            .join(' | ')}`,
      ),
      ...(await reflowsAt320(checked)),
    ];
  } finally {
    await copy.close();
  }
}
