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

/**
 * Runs axe-core over the page exactly as it is now and answers its WCAG 2.2 AA violations, each
 * with the elements at fault, so a failing test says what to fix.
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
    return violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} at ${violation.nodes
          .map((node) => `${JSON.stringify(node.target)} ${node.html.slice(0, 120)}`)
          .join(' | ')}`,
    );
  } finally {
    await copy.close();
  }
}
