import { type Page } from 'playwright-core';
import { CONTRACT } from '../../support/complaints-app';

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue' }).click();

/**
 * A school's staff answering every question of the complaint form with good answers, from the
 * service onwards, up to Check your answers: a complaint about Schools HR and its contract.
 */
export async function answerEveryQuestion(page: Page, summary: string): Promise<void> {
  await page.goto('/complaints/new/service');
  await page.getByLabel('Schools HR').check();
  await continueButton(page);
  await page.getByLabel(`Contract ${CONTRACT}`).check();
  await continueButton(page);
  await page.getByLabel('Summary').fill(summary);
  await page.getByLabel('Details').fill('The adviser did not call back.');
  await continueButton(page);
  // Standards, what would put it right and files are optional.
  await continueButton(page);
  await continueButton(page);
  await continueButton(page);
  await page.getByLabel('Name').fill('Pat Head');
  await continueButton(page);
  await page
    .getByRole('heading', { name: 'Check your answers before sending your complaint' })
    .waitFor();
}
