import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { ComplaintRepository, ExecuteComplaintCommand } from '@sg/complaint-service';
import { DEADLINE_WORKER } from '@sg/complaints';
import { lodgeBody, OTHER_SCHOOL, SCHOOL } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const MANAGER: StaffMember = {
  personId: 'hr-lead',
  name: 'Hal Manager',
  email: 'hal.manager@county.gov.uk',
  roles: [{ role: 'service-manager', serviceIds: ['schools-hr'] }],
};
const HEAD = 'head@brookside.lancs.sch.uk';
const FIXTURES = join(__dirname, '..', 'fixtures', 'attachments');

/** The complaint page everyone shares: what each sees, and writing on it. */
describe('the complaint page', () => {
  let world: PagesWorld;
  let complaintId: string;

  beforeAll(async () => {
    world = await PagesWorld.start();
    await world.addStaff(MANAGER);
    await world.registerSchoolAddress(SCHOOL, HEAD);
    const contact = {
      name: 'Jane Head',
      role: 'Headteacher',
      email: 'head@brookside.lancs.sch.uk',
      phone: '01254 555 0123',
    };
    const lodged = await world.api
      .as('head')
      .post('/api/complaints', lodgeBody({ contact }))
      .expect(201);
    complaintId = (lodged.body as { id: string }).id;
    await world.api
      .as('support')
      .post(`/api/complaints/${complaintId}/referral`, { serviceId: 'schools-hr' })
      .expect(200);
  });

  afterAll(() => world?.close());

  it('tells the service how to reach the school’s contact: name, role, email and phone', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}`);
    const row = page.locator('.govuk-summary-list__row', { hasText: 'Contact' });
    const text = await row.innerText();
    expect(text).toContain('Jane Head, Headteacher');
    expect(text).toContain('01254 555 0123');
    const email = row.getByRole('link', { name: 'head@brookside.lancs.sch.uk' });
    expect(await email.getAttribute('href')).toBe('mailto:head@brookside.lancs.sch.uk');
  });

  it('lets the service write an internal note the school never sees, and a message it does', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}`);
    expect(await world.look(page, 'complaint-service-view')).toEqual([]);
    await page.getByRole('link', { name: 'Add an internal note' }).click();
    await page.getByRole('button', { name: 'Add an internal note' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain('Enter the note');
    expect(await world.look(page, 'complaint-note-error')).toEqual([]);
    await page.getByLabel('Note').fill('Spoke to the HR adviser; rota problem.');
    await page.getByRole('button', { name: 'Add an internal note' }).click();
    await page.getByText('Note added').waitFor();
    await page.getByRole('link', { name: 'Send a message' }).click();
    await page.getByLabel('Message').fill('We are looking into this and will call you tomorrow.');
    await page.getByRole('button', { name: 'Send a message' }).click();
    await page.getByText('Message sent').waitFor();
    const history = await page.locator('.moj-timeline').innerText();
    expect(history).toContain('Spoke to the HR adviser');
    expect(history).toContain('We are looking into this');

    const school = await world.schoolPage(HEAD);
    await school.goto(`/complaints/${complaintId}`);
    const seen = await school.locator('.moj-timeline').innerText();
    expect(seen).toContain('We are looking into this');
    expect(seen).not.toContain('Spoke to the HR adviser');
    expect(await school.getByRole('link', { name: 'Add an internal note' }).count()).toBe(0);
    expect(await world.look(school, 'complaint-school-view')).toEqual([]);
  });

  it('takes a message as long as the character count allows, line breaks and all, and shows its lines', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}`);
    await page.getByRole('link', { name: 'Send a message' }).click();
    await page.getByLabel('Message').fill('x'.repeat(10_001));
    await page.getByRole('button', { name: 'Send a message' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Your message must be 10,000 characters or fewer',
    );
    // 10,000 characters by the page's count: the browser sends each line break as two.
    const lines = Array.from({ length: 100 }, (_, i) => `Line ${i + 1}.`.padEnd(99, '.'));
    const message = lines.join('\n');
    expect(message).toHaveLength(100 * 99 + 99);
    await page.getByLabel('Message').fill(message.padEnd(10_000, '!'));
    await page.getByRole('button', { name: 'Send a message' }).click();
    await page.getByText('Message sent').waitFor();
    const history = await page.locator('.moj-timeline').innerText();
    expect(history).toContain('Line 1...');
    expect(history).toMatch(/Line 1\.+\nLine 2\.+\n/);
  });

  it('lets the school add files, refuses one whose bytes are not what its name says, and serves them only as downloads', async () => {
    const school = await world.schoolPage(HEAD);
    await school.goto(`/complaints/${complaintId}`);
    await school.getByRole('link', { name: 'Add files' }).click();
    expect(await world.look(school, 'complaint-upload')).toEqual([]);
    await school.getByRole('button', { name: 'Add files' }).click();
    expect(await school.locator('.govuk-error-summary').innerText()).toContain('Choose');
    const disguised = join(world.api.dataDir, 'minutes.pdf');
    writeFileSync(disguised, readFileSync(join(FIXTURES, 'timetable.png')));
    // Chosen with a good file: an upload is recorded whole, so the page says neither was added.
    await school
      .getByLabel('Upload files')
      .setInputFiles([disguised, join(FIXTURES, 'timetable.png')]);
    await school.getByRole('button', { name: 'Add files' }).click();
    const refused = await school.locator('.govuk-error-summary').innerText();
    expect(refused).toContain('minutes.pdf');
    expect(refused).toContain('No file you chose was added');
    expect(await school.locator('#files-error').innerText()).toContain(
      'No file you chose was added',
    );
    expect(await world.look(school, 'complaint-upload-error')).toEqual([]);
    await school.getByLabel('Upload files').setInputFiles(join(FIXTURES, 'timetable.png'));
    await school.getByRole('button', { name: 'Add files' }).click();
    await school.locator('.govuk-notification-banner').getByText('File added').waitFor();
    const link = school.getByRole('link', { name: 'timetable.png' });
    const file = await school.request.get((await link.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(file.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers()['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(await file.body(), readFileSync(join(FIXTURES, 'timetable.png')))).toBe(
      0,
    );
    const manager = await world.staffPage(MANAGER);
    expect((await manager.request.get((await link.getAttribute('href'))!)).status()).toBe(200);
  });

  it('refuses a form shown before someone else changed the complaint, and says so', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}/actions/message`);
    await world.api
      .as('support')
      .post(`/api/complaints/${complaintId}/notes`, { text: 'Meanwhile, Business Support.' })
      .expect(200);
    await page.getByLabel('Message').fill('A message written on a stale page.');
    await page.getByRole('button', { name: 'Send a message' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'This complaint has changed since you opened the page',
    );
    await page.goto(`/complaints/${complaintId}`);
    expect(await page.locator('.moj-timeline').innerText()).not.toContain('stale page');
  });

  it('takes a form shown before the engine itself wrote on the complaint (a deadline warning): nobody else changed it', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}/actions/message`);
    const repository = world.api.app.get(ComplaintRepository);
    const before = await repository.load(complaintId);
    if (!before.state.exists) throw new Error('The complaint was lodged in beforeAll');
    const timing = before.state.clocks.resolution!.timing;
    await world.api.app.get(CommandBus).execute(
      new ExecuteComplaintCommand(
        complaintId,
        {
          type: 'ReachDeadline',
          actor: DEADLINE_WORKER,
          at: timing.warningAt!,
          clock: 'resolution',
          revision: timing.revision,
          timer: 'warning',
        },
        { correlationId: 'deadline-warning-while-the-page-is-open' },
      ),
    );
    expect((await repository.load(complaintId)).revision).toBe(BigInt(before.revision) + 1n);
    await page.getByLabel('Message').fill('Written while the warning went out.');
    await page.getByRole('button', { name: 'Send a message' }).click();
    await page.getByText('Message sent').waitFor();
    expect(await page.locator('.moj-timeline').innerText()).toContain(
      'Written while the warning went out.',
    );
  });

  it('records a double-submitted form once', async () => {
    const page = await world.staffPage(MANAGER);
    await page.goto(`/complaints/${complaintId}/actions/note`);
    const field = (name: string) => page.locator(`main input[name="${name}"]`).inputValue();
    const form = {
      csrfToken: await field('csrfToken'),
      version: await field('version'),
      idempotencyKey: await field('idempotencyKey'),
      text: 'Pressed twice.',
    };
    // What two quick presses of the button send: the same form, twice, at once.
    const [first, second] = await Promise.all(
      [1, 2].map(() =>
        page.request.post(`/complaints/${complaintId}/actions/note`, { form, maxRedirects: 0 }),
      ),
    );
    expect([first.status(), second.status()]).toEqual([303, 303]);
    await page.goto(`/complaints/${complaintId}`);
    const history = await page.locator('.moj-timeline').innerText();
    expect(history.split('Pressed twice.').length - 1).toBe(1);
  });

  it("tells another school's staff there is no such page, as for a complaint that does not exist", async () => {
    await world.registerSchoolAddress(OTHER_SCHOOL, 'head@hillside.lancs.sch.uk');
    const stranger = await world.schoolPage('head@hillside.lancs.sch.uk');
    const theirs = await stranger.goto(`/complaints/${complaintId}`);
    const strangerText = await stranger.locator('main').innerText();
    const none = await stranger.goto('/complaints/00000000-0000-4000-8000-000000000000');
    expect([theirs?.status(), none?.status()]).toEqual([404, 404]);
    expect(strangerText).toBe(await stranger.locator('main').innerText());
    expect(strangerText).not.toContain('Brookside');
  });
});
