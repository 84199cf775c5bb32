import { AcceleratedClock } from '@sg/complaint-service';
import { timerHostOn } from '@sg/deadlines';
import { type Page } from 'playwright-core';
import { SCHOOL } from '../support/complaints-app';
import { answerEveryQuestion } from './support/lodging-on-the-form';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(180_000);

/** A minute of real time is about 70 days: ten working days pass in a quarter of a minute. */
const SCALE = 100_000;

/** Time that runs by itself: a test cannot set it, only wait for it. */
class RunningClock extends AcceleratedClock {
  set(): void {
    throw new Error('Accelerated time runs by itself');
  }
}

const HEAD = 'head@brookside.lancs.sch.uk';
const staff = (personId: string, name: string, roles: StaffMember['roles']): StaffMember => ({
  personId,
  name,
  email: `${personId}@county.gov.uk`,
  roles,
});
const OFFICER = staff('whole-support', 'Bea Support', [{ role: 'business-support' }]);
const CHAIR = staff('whole-chair', 'Ada Chair', [{ role: 'board-member', chair: true }]);
const MEMBERS = [
  staff('whole-second', 'Ben Member', [{ role: 'board-member', chair: false }]),
  staff('whole-third', 'Cat Member', [{ role: 'board-member', chair: false }]),
];
const FINANCE = staff('whole-finance', 'Fay Finance', [{ role: 'finance' }]);

/**
 * The whole guarantee on the pages, as the issue asks: a complaint lodged on the school's form,
 * referred by Business Support, escalated by its own deadline while the engine runs on an
 * accelerated clock (no test reaches in to fire it), and reimbursed through the Board's pages.
 */
describe('a complaint from the form to a reimbursement, on accelerated time', () => {
  let world: PagesWorld;

  beforeAll(async () => {
    const clock = new RunningClock(SCALE);
    world = await PagesWorld.start(undefined, {
      clock,
      timerHost: timerHostOn(clock),
      env: { TIME_SCALE: String(SCALE) },
    });
    await world.registerSchoolAddress(SCHOOL, HEAD);
    for (const person of [OFFICER, CHAIR, ...MEMBERS, FINANCE]) await world.addStaff(person);
  });

  afterAll(() => world?.close());

  const openAction = async (page: Page, complaintPath: string, link: string) => {
    await page.goto(complaintPath);
    await page.getByRole('link', { name: link }).click();
  };

  it('is lodged, referred, escalated by its deadline, decided, approved and paid', async () => {
    const school = await world.schoolPage(HEAD);
    await answerEveryQuestion(school, 'Our HR adviser never called back');
    await school.getByRole('button', { name: 'Send complaint' }).click();
    const panel = await school.locator('.govuk-panel').innerText();
    const reference = /SG-\d{4}-\d{6}/.exec(panel)![0];
    await school.getByRole('link', { name: 'View your complaint' }).click();
    const complaintPath = new URL(school.url()).pathname;

    const officer = await world.staffPage(OFFICER);
    await officer.goto('/triage');
    await officer.getByRole('link', { name: reference }).click();
    await officer.getByRole('link', { name: 'Refer to a service' }).click();
    await officer.getByLabel('Schools HR').check();
    await officer.getByRole('button', { name: 'Refer to a service' }).click();
    expect(await officer.locator('main').innerText()).toContain('Complaint referred');

    // Nobody at the service acts: its ten working days run out and the engine escalates.
    const chair = await world.staffPage(CHAIR);
    for (let waited = 0; waited < 120_000; waited += 1_000) {
      await chair.goto('/board');
      if ((await chair.locator('main').innerText()).includes(reference)) break;
      await chair.waitForTimeout(1_000);
    }
    await chair.getByRole('link', { name: reference }).click();
    expect(await chair.locator('main').innerText()).toContain('Escalated to the Board');

    await openAction(chair, complaintPath, 'Record the Board’s decision');
    await chair.getByLabel('Upheld', { exact: true }).check();
    await chair.getByLabel('Significant').check();
    await chair.getByLabel('The Board’s reasons').fill('Nobody called the school at all.');
    await chair.getByRole('button', { name: 'Record the Board’s decision' }).click();
    await chair.getByText('Your decision has been recorded').waitFor();

    await openAction(chair, complaintPath, 'Propose a reimbursement');
    await chair.getByLabel('Amount to reimburse').fill('£500.00');
    await chair.getByRole('button', { name: 'Propose a reimbursement' }).click();
    await chair.getByText('Reimbursement proposed', { exact: true }).first().waitFor();

    for (const member of MEMBERS) {
      const page = await world.staffPage(member);
      await openAction(page, complaintPath, 'Approve the reimbursement');
      await page.getByRole('button', { name: 'Approve the reimbursement' }).click();
      await page.getByText('Your approval has been recorded').waitFor();
    }

    const finance = await world.staffPage(FINANCE);
    await finance.goto('/finance');
    await finance.getByRole('link', { name: reference }).click();
    await finance.getByRole('link', { name: 'Record the payment' }).click();
    await finance.getByLabel('Credit note', { exact: true }).check();
    await finance.getByLabel('Payment or credit note reference').fill('CN-WHOLE-1');
    // Paid on the day the Board approved it: no sooner, and never in the future.
    const timeline = (await (
      await finance.request.get(`/api${complaintPath}/timeline`)
    ).json()) as { type: string; at: string }[];
    const approvedOn = new Date(timeline.find((line) => line.type === 'ReimbursementApproved')!.at);
    const day = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      day: 'numeric',
      month: 'numeric',
      year: 'numeric',
    }).formatToParts(approvedOn);
    const part = (type: string) => day.find((piece) => piece.type === type)!.value;
    await finance.getByLabel('Day').fill(part('day'));
    await finance.getByLabel('Month').fill(part('month'));
    await finance.getByLabel('Year').fill(part('year'));
    await finance.getByRole('button', { name: 'Record the payment' }).click();
    await finance.getByText('Payment recorded').waitFor();

    await school.goto(complaintPath);
    const seen = await school.locator('main').innerText();
    expect(seen).toContain('Closed');
    expect(seen).toContain('Reimbursement paid');
    expect(await world.look(school, 'whole-journey-paid')).toEqual([]);
  });
});
