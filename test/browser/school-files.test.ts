import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Server } from 'node:http';
import { type Page } from 'playwright-core';
import request from 'supertest';
import { lodgeBody, SCHOOL } from '../support/complaints-app';
import { PagesWorld } from './support/pages-world';

jest.setTimeout(60_000);

const HEAD = 'head@brookside.lancs.sch.uk';
const FIXTURES = join(__dirname, '..', 'fixtures', 'attachments');
const fixture = (name: string) => join(FIXTURES, name);

const heading = (page: Page) => page.locator('h1').first().innerText();
const errorSummary = (page: Page) => page.locator('.govuk-error-summary');
const banner = (page: Page) => page.locator('.govuk-notification-banner');
const continueButton = (page: Page) =>
  page.getByRole('button', { name: 'Continue', exact: true }).click();
const addFiles = (page: Page) =>
  page.getByRole('button', { name: 'Add files and choose more' }).click();

/** A school's staff send files with the complaint they lodge, and find them on it afterwards. */
describe('files sent with a complaint', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.registerSchoolAddress(SCHOOL, HEAD);
  });

  afterAll(() => world?.close());

  it('takes in allowed files, refuses others by name, lets one be removed and lodges the rest', async () => {
    const page = await world.schoolPage(HEAD);
    await page.goto('/complaints/new/service');
    await page.getByLabel('Schools HR').check();
    await continueButton(page);
    await page.getByLabel('None of these or not sure').check();
    await continueButton(page);
    await page.getByLabel('Summary').fill('Letter about the missed calls ignored');
    await page.getByLabel('Details').fill('We wrote on 8 April and heard nothing.');
    await continueButton(page);
    await continueButton(page);
    await continueButton(page);

    expect(await heading(page)).toBe('Do you want to send any files with your complaint?');
    expect(await world.look(page, 'school-files')).toEqual([]);

    // Nothing chosen, but asked to add: say what to do.
    await addFiles(page);
    expect(await errorSummary(page).innerText()).toContain('Choose a file to upload');

    // A web page is not a kind of file the service takes: the refusal names it, linked to the field.
    await page.locator('#files').setInputFiles(fixture('page.html'));
    await addFiles(page);
    const refused = errorSummary(page);
    expect(await refused.innerText()).toContain('"page.html" is not a kind of file accepted here');
    expect(await refused.getByRole('link').first().getAttribute('href')).toBe('#files');
    expect(await page.title()).toMatch(/^Error: /);
    expect(await world.look(page, 'school-files-refused')).toEqual([]);

    await page.locator('#files').setInputFiles([fixture('letter.pdf'), fixture('notes.txt')]);
    await addFiles(page);
    await banner(page).getByText('2 files added').waitFor();
    const listed = page.locator('main .govuk-summary-list');
    expect(await listed.innerText()).toContain('letter.pdf');
    expect(await listed.innerText()).toContain('notes.txt');
    expect(await world.look(page, 'school-files-added')).toEqual([]);

    await page.getByRole('button', { name: 'Remove notes.txt' }).click();
    await banner(page).getByText('notes.txt removed').waitFor();
    expect(await listed.innerText()).not.toContain('notes.txt');

    // A refused file among good ones: the good one is kept and listed, the refused one named.
    await page.locator('#files').setInputFiles([fixture('timetable.png'), fixture('setup.exe')]);
    await continueButton(page);
    expect(await errorSummary(page).innerText()).toContain('"setup.exe"');
    expect(await errorSummary(page).innerText()).not.toContain('timetable.png');
    expect(await listed.innerText()).toContain('timetable.png');
    expect(await world.look(page, 'school-files-some-refused')).toEqual([]);
    await continueButton(page);

    expect(await heading(page)).toContain('Who should the service contact about it?');
    await page.getByLabel('Name').fill('Pat Head');
    await continueButton(page);

    expect(await heading(page)).toBe('Check your answers before sending your complaint');
    const answers = await page.locator('.govuk-summary-list').innerText();
    expect(answers).toContain('letter.pdf');
    expect(answers).toContain('timetable.png');
    expect(answers).not.toContain('setup.exe');
    expect(await world.look(page, 'school-files-check-answers')).toEqual([]);

    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('link', { name: 'View your complaint' }).click();
    const link = page.locator('main').getByRole('link', { name: 'letter.pdf' });
    const href = (await link.getAttribute('href'))!;
    // What it is in words, and its size as the upload pages gave it.
    expect(await page.locator('main li', { hasText: 'letter.pdf' }).innerText()).toMatch(
      /^letter\.pdf \(PDF, \d+ KB\)$/,
    );
    expect(await world.look(page, 'school-files-complaint')).toEqual([]);

    const download = await page.request.get(href);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.compare(await download.body(), readFileSync(fixture('letter.pdf')))).toBe(0);

    // The two files kept lodged with the complaint, as the API shows them.
    const id = new URL(page.url()).pathname.split('/').pop()!;
    const lodged = await world.api.as('head').get(`/api/complaints/${id}`).expect(200);
    expect((lodged.body as { attachments: { name: string }[] }).attachments).toEqual([
      expect.objectContaining({ name: 'letter.pdf', mediaType: 'application/pdf' }),
      expect.objectContaining({ name: 'timetable.png', mediaType: 'image/png' }),
    ]);
  });

  it('removes a file from the check answers page', async () => {
    const page = await world.schoolPage(HEAD);
    await page.goto('/complaints/new/service');
    await page.getByLabel('Schools HR').check();
    await continueButton(page);
    await page.getByLabel('None of these or not sure').check();
    await continueButton(page);
    await page.getByLabel('Summary').fill('A second complaint with a file');
    await page.getByLabel('Details').fill('The timetable shows the missed visits.');
    await continueButton(page);
    await continueButton(page);
    await continueButton(page);
    await page.locator('#files').setInputFiles(fixture('timetable.png'));
    await continueButton(page);
    await page.getByLabel('Name').fill('Pat Head');
    await continueButton(page);

    const answers = page.locator('.govuk-summary-list');
    expect(await answers.innerText()).toContain('timetable.png');
    await page.getByRole('button', { name: 'Remove timetable.png' }).click();
    await banner(page).getByText('timetable.png removed').waitFor();
    expect(new URL(page.url()).pathname).toBe('/complaints/new/check');
    expect(await answers.innerText()).toContain('None added');
  });

  it('shows a file whose name is one long word without pushing the page sideways', async () => {
    const { id } = await world.lodgeAndRefer();
    const name = `${'Minutes_of_the_governors_meeting_'.repeat(8)}.txt`;
    await request(world.api.app.getHttpServer() as Server)
      .post(`/api/complaints/${id}/attachments`)
      .set('X-Acting-Person', 'head')
      .attach('files', Buffer.from('Minutes'), name)
      .expect(200);
    const page = await world.schoolPage(HEAD);
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`/complaints/${id}`);
    // Kept under its name, or as much of it as a file name may hold.
    await expect(page.locator('a[download]').first().innerText()).resolves.toMatch(
      /^Minutes_of_the_governors_meeting_Minutes_of/,
    );
    const scrollWidth = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(1000);
  });

  it('lists a complaint whose summary is one long pasted link without pushing the page sideways', async () => {
    const link = `https://portal.example/${'Case12345_'.repeat(16)}`;
    await world.api
      .as('head')
      .post('/api/complaints', lodgeBody({ summary: link }))
      .expect(201);
    const page = await world.schoolPage(HEAD);
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.goto('/complaints');
    await page.getByText(link.slice(0, 40)).first().waitFor();
    const scrollWidth = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
          .document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(1024);
  });
});
