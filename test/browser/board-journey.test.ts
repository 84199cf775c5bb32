import { POLICY } from '@sg/complaint-service';
import { type Policy } from '@sg/complaints';
import { type Page } from 'playwright-core';
import { escalateAfterDeadline, lodgeBody } from '../support/complaints-app';
import { PagesWorld, type StaffMember } from './support/pages-world';

jest.setTimeout(60_000);

const CHAIR: StaffMember = {
  personId: 'bd-chair',
  name: 'Ada Chair',
  email: 'ada.chair@county.gov.uk',
  roles: [{ role: 'board-member', chair: true }],
};
const SECOND: StaffMember = {
  personId: 'bd-second',
  name: 'Ben Member',
  email: 'ben.member@county.gov.uk',
  roles: [{ role: 'board-member', chair: false }],
};
const THIRD: StaffMember = {
  personId: 'bd-third',
  name: 'Cat Member',
  email: 'cat.member@county.gov.uk',
  roles: [{ role: 'board-member', chair: false }],
};
const STOOD_ASIDE: StaffMember = {
  personId: 'bd-aside',
  name: 'Dev Member',
  email: 'dev.member@county.gov.uk',
  roles: [{ role: 'board-member', chair: false }],
};
const FINANCE: StaffMember = {
  personId: 'fin-officer',
  name: 'Fay Finance',
  email: 'fay.finance@county.gov.uk',
  roles: [{ role: 'finance' }],
};

/**
 * A complaint the service let run past its deadline, taken by the Board from its queue to a
 * decision and a reimbursement two other members approve, and paid by Finance: in Chromium with
 * JavaScript off, each person signed in on the sign-in pages.
 */
describe('the Board and finance pages', () => {
  let world: PagesWorld;
  let complaintId: string;
  let reference: string;
  let policy: Policy;

  beforeAll(async () => {
    world = await PagesWorld.start();
    for (const person of [CHAIR, SECOND, THIRD, STOOD_ASIDE, FINANCE]) await world.addStaff(person);
    policy = world.api.app.get<Policy>(POLICY);
    const lodged = await world.api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    ({ id: complaintId, reference } = lodged.body as { id: string; reference: string });
    await world.api
      .as('support')
      .post(`/api/complaints/${complaintId}/referral`, { serviceId: 'schools-hr' })
      .expect(200);
    await escalateAfterDeadline(world.api, complaintId);
    await world.api.clocksSettled();
  });

  afterAll(() => world?.close());

  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').innerText();
  const act = async (page: Page, link: string) => {
    await page.goto(`/complaints/${complaintId}`);
    await page.getByRole('link', { name: link }).click();
  };

  it('offers a member who stood aside none of the Board’s actions, and says why if they try', async () => {
    await world.api
      .as(STOOD_ASIDE.personId)
      .post(`/api/complaints/${complaintId}/conflicts-of-interest`, {
        reason: 'I advised the school on this matter',
      })
      .expect(200);
    const page = await world.staffPage(STOOD_ASIDE);
    // The queue says so before they open it.
    await page.goto('/board');
    expect(await page.locator('main table').innerText()).toContain(
      'Not yours to act on: you declared a conflict of interest',
    );
    expect(await world.look(page, 'board-queue-stood-aside')).toEqual([]);
    await page.goto(`/complaints/${complaintId}`);
    expect(await page.getByRole('link', { name: 'Record the Board’s decision' }).count()).toBe(0);

    // An old link to the form says why rather than offer a form that would be refused.
    await page.goto(`/complaints/${complaintId}/actions/decide`);
    expect(await page.locator('main').innerText()).toContain(
      'You cannot act on this complaint for the Board: you declared a conflict of interest.',
    );
    expect(await page.getByRole('link', { name: 'Back to the complaint' }).count()).toBe(1);
    expect(await page.getByLabel('The Board’s reasons').count()).toBe(0);
  });

  it('shows the escalation awaiting a decision, and the Board decides it', async () => {
    const chair = await world.staffPage(CHAIR);
    await chair.goto('/board');
    const queue = chair.locator('main table');
    expect(await queue.innerText()).toContain('Brookside Primary School');
    expect(await queue.innerText()).not.toContain('Not yours to act on');
    expect(await world.look(chair, 'board-awaiting-decision')).toEqual([]);
    await chair.getByRole('link', { name: 'Awaiting payment' }).click();
    expect(await chair.locator('main').innerText()).toContain('There are no complaints');
    expect(await world.look(chair, 'board-awaiting-payment-empty')).toEqual([]);

    await chair.goto('/board');
    await chair.getByRole('link', { name: reference }).click();
    const fees = await chair.locator('main').innerText();
    expect(fees).toContain('£2,000.00');
    expect(fees).toContain('The Board has not decided yet');
    expect(await world.look(chair, 'board-complaint-escalated')).toEqual([]);

    await chair.getByRole('link', { name: 'Record the Board’s decision' }).click();
    expect(await chair.getByText('25% of the fees: suggested £500.00').count()).toBe(1);
    await chair.getByRole('button', { name: 'Record the Board’s decision' }).click();
    const problems = await errorSummary(chair);
    expect(problems).toContain('Select whether the Board upholds the complaint');
    expect(problems).toContain('Enter the Board’s reasons for its decision');
    expect(await world.look(chair, 'board-decide-errors')).toEqual([]);

    // A member who opened the form before the Board decided, and sends it after.
    const late = await world.staffPage(THIRD);
    await act(late, 'Record the Board’s decision');

    // Each member the decision quorum needs puts the same decision; the first proposes it.
    for (const member of [CHAIR, SECOND, THIRD].slice(0, policy.decisionQuorum)) {
      const page = await world.staffPage(member);
      await act(page, 'Record the Board’s decision');
      await page.getByLabel('Upheld', { exact: true }).check();
      await page.getByLabel('Significant').check();
      await page
        .getByLabel('The Board’s reasons')
        .fill('The service missed its deadline by weeks.');
      await page.getByRole('button', { name: 'Record the Board’s decision' }).click();
      await page.getByText('Your decision has been recorded').waitFor();
    }
    if (policy.decisionQuorum < 3) {
      // The late form is told the complaint moved on, and not offered the form again.
      await late.getByLabel('Not upheld').check();
      await late.getByLabel('The Board’s reasons').fill('The service was not at fault.');
      await late.getByRole('button', { name: 'Record the Board’s decision' }).click();
      const refused = await late.locator('main').innerText();
      expect(refused).toContain('This complaint has changed since you opened the page');
      expect(refused).toContain('not open to you at the complaint’s current stage');
      expect(await late.getByRole('button', { name: 'Record the Board’s decision' }).count()).toBe(
        0,
      );
    }
    await chair.goto(`/complaints/${complaintId}`);
    const decided = await chair.locator('main').innerText();
    expect(decided).toContain('Board decided');
    expect(decided).toContain('The service missed its deadline by weeks.');
    expect(await world.look(chair, 'board-complaint-decided')).toEqual([]);
    // Decided, it waits in the Board's queue for a reimbursement to be proposed.
    await chair.goto('/board');
    await chair.getByRole('link', { name: 'Awaiting a proposal' }).click();
    expect(await chair.locator('main table').innerText()).toContain(reference);
    expect(await world.look(chair, 'board-awaiting-proposal')).toEqual([]);
  });

  it('proposes the suggested sum, which the proposer cannot approve and two others do', async () => {
    const chair = await world.staffPage(CHAIR);
    await act(chair, 'Propose a reimbursement');
    expect(await chair.locator('main').innerText()).toContain('Suggested sum: £500.00');
    await chair.getByLabel('Amount to reimburse').fill('five hundred');
    await chair.getByRole('button', { name: 'Propose a reimbursement' }).click();
    expect(await errorSummary(chair)).toContain('Enter the amount in pounds and pence');
    await chair.locator('.govuk-error-summary a[href="#amountPence"]').waitFor();
    expect(await world.look(chair, 'board-propose-errors')).toEqual([]);
    await chair.getByLabel('Amount to reimburse').fill('£500.00');
    await chair.getByRole('button', { name: 'Propose a reimbursement' }).click();
    await chair.getByText('Reimbursement proposed', { exact: true }).first().waitFor();
    expect(await chair.locator('main').innerText()).toContain(
      `0 of ${policy.approvalQuorum} approvals`,
    );

    // The proposer is offered neither approving nor declining it; an old link says so.
    expect(await chair.getByRole('link', { name: 'Approve the reimbursement' }).count()).toBe(0);
    expect(await chair.getByRole('link', { name: 'Decline the reimbursement' }).count()).toBe(0);
    await chair.goto(`/complaints/${complaintId}/actions/approve`);
    expect(await chair.locator('main').innerText()).toContain(
      'You proposed this reimbursement, so another Board member must approve it.',
    );
    expect(await world.look(chair, 'board-approve-not-open')).toEqual([]);
    // The queue says so before the proposer opens it.
    await chair.goto('/board?queue=awaiting-approval');
    const awaiting = await chair.locator('main table').innerText();
    expect(awaiting).toContain(
      'Done by you: you proposed this reimbursement: other members approve it',
    );
    // What the queue's members weigh: the sum, what it is set against and who proposed it.
    expect(awaiting).toContain('£500.00');
    expect(awaiting).toMatch(/Against contract \S+, proposed by Ada Chair/);

    const second = await world.staffPage(SECOND);
    await second.goto('/board?queue=awaiting-approval');
    await second.getByRole('link', { name: reference }).click();
    await second.getByRole('link', { name: 'Approve the reimbursement' }).click();
    expect(await world.look(second, 'board-approve')).toEqual([]);
    // Another member opens the same form at the same meeting, before the second approves.
    const third = await world.staffPage(THIRD);
    await act(third, 'Approve the reimbursement');
    expect(await third.locator('main').innerText()).toContain('0 of 2 approvals');
    await second.getByRole('button', { name: 'Approve the reimbursement' }).click();
    await second.getByText('Your approval has been recorded').waitFor();
    expect(await second.locator('main').innerText()).toContain('1 of 2 approvals: Ben Member');
    expect(await second.locator('main').innerText()).toContain('Proposed by\tAda Chair');
    expect(await world.look(second, 'board-approved-once')).toEqual([]);
    await second.goto('/board?queue=awaiting-approval');
    expect(await second.locator('main table').innerText()).toContain(
      'Done by you: you have approved this reimbursement',
    );

    // The page changed under it, but an approval stands whatever else was approved meanwhile.
    await third.getByRole('button', { name: 'Approve the reimbursement' }).click();
    await third.getByText('Your approval has been recorded').waitFor();
    expect(await third.locator('main').innerText()).toContain('Reimbursement approved');
    await third.goto('/board?queue=awaiting-payment');
    expect(await third.locator('main table').innerText()).toContain(reference);
    expect(await world.look(third, 'board-awaiting-payment')).toEqual([]);
  });

  it('lets Finance record the payment, refusing a date that does not exist, and closes the complaint', async () => {
    const finance = await world.staffPage(FINANCE);
    await finance.goto('/finance');
    const toPay = await finance.locator('main table').innerText();
    expect(toPay).toContain('£500.00');
    expect(toPay).toMatch(/Against contract \S+, approved \d+ \w+ \d{4}/);
    expect(await world.look(finance, 'finance-to-pay')).toEqual([]);
    await finance.getByRole('link', { name: reference }).click();
    await finance.getByRole('link', { name: 'Record the payment' }).click();
    await finance.getByLabel('Credit note', { exact: true }).check();
    await finance.getByLabel('Payment or credit note reference').fill('CN-2025-0042');
    await finance.getByLabel('Day').fill('31');
    await finance.getByRole('button', { name: 'Record the payment' }).click();
    expect(await errorSummary(finance)).toContain('Date paid must include a month and year');
    // GOV.UK marks only the boxes at fault: here those left empty, then the day of 31 February.
    const marked = async () =>
      Promise.all(
        (await finance.locator('input.govuk-input--error').all()).map((box) =>
          box.getAttribute('name'),
        ),
      );
    expect(await marked()).toEqual(['paidOn-month', 'paidOn-year']);
    await finance.getByLabel('Month').fill('2');
    await finance.getByLabel('Year').fill('2025');
    await finance.getByRole('button', { name: 'Record the payment' }).click();
    expect(await errorSummary(finance)).toContain(
      'Date paid must be a real date, such as 27 3 2025',
    );
    expect(await marked()).toEqual(['paidOn-day']);
    expect(await world.look(finance, 'finance-paid-errors')).toEqual([]);
    // The summary's link lands in the day box, as GOV.UK's date input asks.
    await finance
      .locator('.govuk-error-summary a', { hasText: 'Date paid must be a real date' })
      .click();
    expect(await finance.locator(':focus').getAttribute('name')).toBe('paidOn-day');
    await finance.getByLabel('Day').fill('7');
    // GOV.UK's date input takes a month's name as well as its number.
    await finance.getByLabel('Month').fill('May');
    await finance.getByRole('button', { name: 'Record the payment' }).click();
    await finance.getByText('Payment recorded').waitFor();
    const closed = await finance.locator('main').innerText();
    expect(closed).toContain('Closed');
    expect(closed).toContain('Paid');
    expect(await world.look(finance, 'finance-paid')).toEqual([]);
    await finance.goto('/finance');
    expect(await finance.locator('main').innerText()).toContain(
      'There are no reimbursements waiting to be paid',
    );
  });
});
