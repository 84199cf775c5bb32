import {
  recordPayment,
  approvedReimbursement,
  type ComplaintsApp,
  escalateAfterDeadline,
  lodgeBody,
  startComplaintsApp,
  uphold,
} from '../support/complaints-app';

/** The words of the school's page under "What happens next", run together; '' without it. */
const whatHappensNext = (html: string) =>
  (html.split('What happens next</h2>')[1]?.split('<h2')[0] ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * What the school's page says comes next at each stage, with the dates its clocks are due, as
 * the mail it was sent says (the app's day: Thursday 17 April 2025, before Easter).
 */
describe('what happens next, on the school’s page', () => {
  let api: ComplaintsApp;
  beforeEach(async () => {
    api = await startComplaintsApp();
  });
  afterEach(() => api.close());

  const pageOf = async (id: string, personId = 'head') =>
    (await api.as(personId).get(`/complaints/${id}`).expect(200)).text;

  it('names who acts next and by when, up to what the Board aims to settle by', async () => {
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    expect(whatHappensNext(await pageOf(id))).toBe(
      'Business Support will pass your complaint to the service concerned by 23 April 2025. The service then has 10 working days to resolve it. If it does not, your complaint goes to the Board, which can decide to reimburse some of your fees.',
    );
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    expect(whatHappensNext(await pageOf(id))).toBe(
      'Schools HR must resolve it by 6 May 2025. If it does not, your complaint goes to the Board, which can decide to reimburse some of your fees.',
    );
    // Council readers have the clocks and their actions instead.
    expect(await pageOf(id, 'support')).not.toContain('What happens next');

    await escalateAfterDeadline(api, id);
    expect(whatHappensNext(await pageOf(id))).toMatch(
      /^Your complaint was not resolved within the time our service guarantee promises, so it has gone to the Board, which will decide on it by \d+ \w+ 2025\./,
    );
    await uphold(api, id);
    expect(whatHappensNext(await pageOf(id))).toMatch(
      /^The Board will now decide whether to reimburse some of your fees: it aims to settle a sum by \d+ \w+ 2025, which its members then approve\./,
    );
    // Past that day, the school is not promised a date gone by.
    const view = (await api.as('support').get(`/api/complaints/${id}`).expect(200)).body as {
      clocks: Record<string, { revision: number; deadline: string }>;
    };
    const proposal = view.clocks['reimbursement-proposal'];
    api.clock.set(proposal.deadline);
    await api.reportDeadline(id, 'reimbursement-proposal', proposal.revision);
    expect(whatHappensNext(await pageOf(id))).toMatch(
      /^The Board will now decide whether to reimburse some of your fees\. It should have settled a sum by \d+ \w+ 2025: it is late, and we have told the Board\./,
    );
  });

  it('says the sum the Board approved and when it will be paid', async () => {
    const { id } = await approvedReimbursement(api);
    expect(whatHappensNext(await pageOf(id))).toMatch(
      /^The Board has approved reimbursing £500\.00 of your fees\. We will pay it by \d+ \w+ 2025, and email you when it has been paid\.$/,
    );
  });

  it('sums up the Board’s decision and the reimbursement for the school, then how it was paid', async () => {
    const { id, proposalId } = await approvedReimbursement(api);
    const summary = (html: string) =>
      (
        html
          .split('The Board’s decision</h2>')[1]
          ?.split('<h2 class="govuk-heading-m">History')[0] ?? ''
      )
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const approved = summary(await pageOf(id));
    expect(approved).toMatch(
      /^Outcome Upheld How badly the service failed Significant.* The Board’s reasons .+ Reimbursement Amount £500\.00 To be paid by \d+ \w+ 2025$/,
    );
    // Not the Board's working: who proposed or approved it, or what the schedule suggested.
    expect(approved).not.toMatch(/board-[123]|Approvals|suggest/);
    await recordPayment(api, id, proposalId, {
      paymentReference: 'BACS 7788',
      paidOn: '2025-05-07',
    });
    expect(summary(await pageOf(id))).toMatch(
      /Reimbursement Amount £500\.00 Paid on 7 May 2025 Paid by Bank payment to the school Payment reference BACS 7788$/,
    );
  });
});
