import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium: the tests never download a browser. `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Quiet and offline: without these Chromium reaches for Google's hosts at every start. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Where each run's screenshots go: kept as the test run's artefacts, never committed. */
export const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');

/**
 * Starts Chromium. Playwright gives each launch a fresh, empty profile folder (its own
 * --user-data-dir), removed when the browser closes.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/**
 * One person's browser: its own cookies. Playwright may inject axe-core only past the page's
 * Content-Security-Policy, which otherwise refuses any script but ours.
 */
export async function personsBrowser(
  browser: Browser,
  baseURL: string,
  options: { readonly javaScript?: boolean } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    bypassCSP: true,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1100, height: 900 },
    javaScriptEnabled: options.javaScript ?? process.env.BROWSER_JAVASCRIPT === 'on',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * A full-page screenshot named for the journey and the step: kept for people to look at. Headless
 * Chromium now and then answers "Unable to capture screenshot" on a busy machine (a CI run failed
 * on one); the picture is taken again, twice at most, before the step fails.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
      return;
    } catch (error) {
      if (attempt >= 3 || !/Unable to capture screenshot/.test(String(error))) throw error;
    }
  }
}
