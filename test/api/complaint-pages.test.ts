import { PeopleRecords } from '@sg/directory';
import { type Server } from 'node:http';
import request from 'supertest';
import { ExecuteComplaintCommand } from '@sg/complaint-service';
import {
  type ComplaintEvent,
  DEADLINE_WORKER,
  type OpenComplaint,
  QUALITY_STANDARDS,
} from '@sg/complaints';
import { ComplaintQueries } from '@sg/read-models';
import { PAGE_ACTIONS } from '../../apps/api/src/pages/complaint/actions';
import { type FormMessages } from '../../apps/api/src/pages/core/page-form';
import {
  recordPayment,
  type ComplaintsApp,
  CONTRACT,
  escalateAfterDeadline,
  lodgeBody,
  CONTRACT_FEES,
  uphold,
  upholdAndPropose,
  lodgedAndReferred,
  SCHOOL,
  startComplaintsApp,
  OTHER_SCHOOL,
} from '../support/complaints-app';

/** A complaint's page as a person reads it. */
const complaintPageAs = async (api: ComplaintsApp, id: string, personId: string) =>
  (
    await request(api.app.getHttpServer() as Server)
      .get(`/complaints/${id}`)
      .set('X-Acting-Person', personId)
      .expect(200)
  ).text;

/**
 * A form done for the school asks how the school agreed exactly when the domain wants a consent:
 * not of the school's own staff, even one who is Business Support too (the domain records them
 * as the school, and refuses a consent they send).
 */
describe('the consent fields of the pages done for a school', () => {
  let api: ComplaintsApp;
  let id: string;

  beforeAll(async () => {
    api = await startComplaintsApp();
    await new PeopleRecords(api.directory).add(
      {
        personId: 'head-and-support',
        name: 'Dee Dual',
        email: 'dee.dual@county.gov.uk',
        roles: [{ role: 'school-staff', schoolUrn: SCHOOL }, { role: 'business-support' }],
      },
      { actor: { id: 'test', role: 'admin' } },
    );
    id = await lodgedAndReferred(api);
  });
  afterAll(() => api.close());

  const page = async (personId: string, action: string) =>
    (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}/actions/${action}`)
        .set('X-Acting-Person', personId)
        .expect(200)
    ).text;

  it.each([
    ['support', true],
    ['head', false],
    ['head-and-support', false],
  ])('withdrawing as %s asks for consent: %s', async (personId, asked) => {
    expect((await page(personId, 'withdraw')).includes('name="consentGivenBy"')).toBe(asked);
  });

  it.each([
    ['support', true],
    ['head', false],
    ['head-and-support', false],
  ])('changing the school’s contact as %s asks for consent: %s', async (personId, asked) => {
    expect((await page(personId, 'changeSchoolContact')).includes('name="consentGivenBy"')).toBe(
      asked,
    );
  });

  it('withdraws for a person who is both, as the school, with no consent asked or sent', async () => {
    await api
      .as('head-and-support')
      .post(`/api/complaints/${id}/withdrawal`, { reason: 'Sorted out with the service' })
      .expect(200);
  });
});

describe('the complaint page', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  it('shows the standards the school said were not met, and the contract it named', async () => {
    const lodged = await api
      .as('head')
      .post('/api/complaints', { ...lodgeBody(), relatedContractId: CONTRACT })
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    for (const personId of ['support', 'head']) {
      const page = (
        await request(api.app.getHttpServer() as Server)
          .get(`/complaints/${id}`)
          .set('X-Acting-Person', personId)
          .expect(200)
      ).text;
      expect(page).toContain('Standards not met');
      expect(page).toContain(QUALITY_STANDARDS['listen-and-respond']);
      expect(page).toContain(`Contract ${CONTRACT}`);
    }
  });
});

/** The school reads what it answers, confirms or disputes on the page where it does it. */
/** The school's own page says what it is asked and when the council is late. */
describe('what happens next, on the school’s page', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  const schoolPage = async (id: string) =>
    (await complaintPageAs(api, id, 'head')).replace(/\s+/g, ' ');

  it('sets out the question and the proposed resolution the school is asked to answer', async () => {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const id = await lodgedAndReferred(api);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, { question: 'Which dates were booked?' })
      .expect(200);
    expect(await schoolPage(id)).toMatch(
      /The service has asked you the question below\..*The service’s question<\/h3> <div class="govuk-inset-text sg-preserve-lines">Which dates were booked\?<\/div>/,
    );
    await api.as('head').post(`/api/complaints/${id}/information`, { summary: '7 April.' });
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'An adviser calls on Monday.' })
      .expect(200);
    expect(await schoolPage(id)).toMatch(
      /as set out below\..*What the service proposes<\/h3> <div class="govuk-inset-text sg-preserve-lines">An adviser calls on Monday\.<\/div>/,
    );
  });

  it('says Business Support is late once its deadline to pass the complaint on has passed', async () => {
    api.clock.set('2025-04-17T09:00:00.000Z');
    const lodged = await api.as('head').post('/api/complaints', lodgeBody()).expect(201);
    const id = (lodged.body as { id: string }).id;
    expect(await schoolPage(id)).toContain(
      'Business Support will pass your complaint to the service concerned by 23 April 2025.',
    );
    const view = await api.as('support').get(`/api/complaints/${id}`).expect(200);
    const revision = (view.body as { clocks: { triage: { revision: number } } }).clocks.triage
      .revision;
    const timerRuns = (timer: 'warning' | 'deadline') =>
      api.commands.execute(
        new ExecuteComplaintCommand(
          id,
          {
            type: 'ReachDeadline',
            actor: DEADLINE_WORKER,
            at: api.clock.now().toISOString(),
            clock: 'triage',
            revision,
            timer,
          },
          { correlationId: `${timer}-${id}` },
        ),
      );
    // The council is warned the day before; the school's page shows the date, not the warning.
    api.clock.set('2025-04-22T23:30:00.000Z');
    await timerRuns('warning');
    expect(await complaintPageAs(api, id, 'support')).toContain('Deadline warning');
    expect(await schoolPage(id)).not.toContain('Deadline warning');
    api.clock.set('2025-04-24T07:00:00.000Z');
    await timerRuns('deadline');
    const late = await schoolPage(id);
    expect(late).toContain(
      'Business Support should have passed your complaint to the service concerned by 23 April 2025. It is late: we have told them, and we are sorry for the delay.',
    );
    expect(late).toContain('Deadline missed');
    expect(late).not.toContain('Deadline warning');
  });
});

describe('the school’s answer pages', () => {
  let api: ComplaintsApp;

  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  const page = async (id: string, action: string, personId = 'head') =>
    (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}/actions/${action}`)
        .set('X-Acting-Person', personId)
        .expect(200)
    ).text;

  it('shows the service’s question where the school answers it, and the proposed resolution where it confirms or disputes it', async () => {
    const id = await lodgedAndReferred(api);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, {
        question: 'Which dates were booked? <b>Both</b>, please.',
      })
      .expect(200);
    for (const personId of ['head', 'hr-manager'])
      expect(await page(id, 'informationReceived', personId)).toContain(
        'Which dates were booked? &lt;b&gt;Both&lt;/b&gt;, please.',
      );
    await api
      .as('head')
      .post(`/api/complaints/${id}/information`, { summary: '7 and 10 April.' })
      .expect(200);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, {
        resolution: 'The adviser will call on Monday and send written advice by Friday.',
      })
      .expect(200);
    for (const action of ['confirm', 'dispute'])
      expect(await page(id, action)).toContain(
        'The adviser will call on Monday and send written advice by Friday.',
      );
  });

  it('tells the service proposing a resolution that its deadline still stands, and shows that date beside the school’s while the school decides', async () => {
    // Referred on Thursday 17 April 2025: the service's deadline is the end of Tuesday 6 May.
    const id = await lodgedAndReferred(api);
    const proposing = await page(id, 'proposeResolution', 'hr-manager');
    expect(proposing).not.toContain('clock stops');
    expect(proposing).toContain('The service’s deadline of 6 May 2025 still stands');
    expect(proposing).toContain(
      'If the school says it did not work after 6 May 2025, the complaint goes to the Board.',
    );
    // Five working days after Thursday, Good Friday and Easter Monday skipped.
    expect(proposing).toContain(
      'If the school says nothing within 5 working days (28 April 2025 if you propose it now), the complaint is taken as resolved and closed.',
    );
    // On a Saturday evening, the email waits for Monday morning, and the school's days with it.
    api.clock.set('2025-04-26T19:00:00.000Z');
    expect(await page(id, 'proposeResolution', 'hr-manager')).toContain(
      'If the school says nothing within 5 working days (6 May 2025 if you propose it now: the email waits until 28 April 2025 at 8am, and the days count from then), the complaint is taken as resolved and closed.',
    );
    api.clock.set('2025-04-17T09:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'Advice sent on Friday.' })
      .expect(200);
    for (const personId of ['hr-manager', 'head']) {
      const shown = (await complaintPageAs(api, id, personId)).replace(/\s+/g, ' ');
      expect(shown).toMatch(/School to confirm or dispute by <\/dt> <dd[^>]*> \d+ \w+ 2025/);
      // The school reads it as said to it.
      const decides =
        personId === 'head' ? 'you decide: if you say' : 'the school decides: if the school says';
      expect(shown).toMatch(
        new RegExp(
          `Service to resolve by </dt> <dd[^>]*> 6 May 2025 \\(\\w+ working days left\\)\\. This date still stands while ${decides} the resolution did not work after it, the complaint goes to the Board\\.`,
        ),
      );
    }
  });

  it('once the service’s date has passed with its resolution proposed in time, says so rather than calling it overdue', async () => {
    const id = await lodgedAndReferred(api);
    api.clock.set('2025-05-06T14:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'Advice sent today.' })
      .expect(200);
    api.clock.set('2025-05-08T09:00:00.000Z');
    for (const [personId, says] of [
      ['hr-manager', 'the school says'],
      ['head', 'you say'],
    ]) {
      const shown = (await complaintPageAs(api, id, personId)).replace(/\s+/g, ' ');
      expect(shown).toContain(
        `Service to resolve by </dt> <dd class="govuk-summary-list__value"> 6 May 2025. The service proposed its resolution on 6 May 2025, in time. If ${says} it did not work, the complaint now goes to the Board.`,
      );
      expect(shown).not.toContain('overdue');
    }
  });

  it('gives the school, while the proposal’s email waits for the working day, the date the email will give', async () => {
    const id = await lodgedAndReferred(api);
    // Proposed on Saturday 26 April 2025 in the evening: the email goes on Monday 28 April at 8am,
    // and the school's 5 working days count from then: Tuesday 6 May (Monday 5 May a bank holiday).
    api.clock.set('2025-04-26T19:00:00.000Z');
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/resolution`, { resolution: 'Advice sent on Friday.' })
      .expect(200);
    const shown = (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}`)
        .set('X-Acting-Person', 'head')
        .expect(200)
    ).text.replace(/\s+/g, ' ');
    expect(shown).toContain(
      'School to confirm or dispute by </dt> <dd class="govuk-summary-list__value"> 6 May 2025 (the email to the school goes 28 April 2025 at 8am, and the working days count from then)',
    );
    api.clock.set('2025-04-17T09:00:00.000Z');
  });

  it('warns a service proposing a resolution to a school with no email address that it must tell the school itself, and that silence will not close the complaint', async () => {
    const lodged = await api
      .as('support')
      .post(
        '/api/complaints',
        lodgeBody({ channel: 'phone', contact: { name: 'Bea Bursar', phone: '01772 123456' } }),
      )
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const proposing = (await page(id, 'proposeResolution', 'hr-manager')).replace(/\s+/g, ' ');
    expect(proposing).toContain(
      'The school’s contact, Bea Bursar, has no email address, so the school is not sent the resolution. Tell them yourself (01772 123456), today',
    );
    expect(proposing).not.toContain('The school is sent the resolution');
    expect(proposing).not.toContain('the email waits');
    // Never sent it, the school's silence is not its acceptance.
    expect(proposing).toContain(
      'If Business Support has not recorded the school’s answer within 5 working days (28 April 2025 if you propose it now), the complaint is not taken as resolved',
    );
    expect(proposing).not.toContain('taken as resolved and closed');
  });

  it('tells the service how many more working days may still be agreed, quotes that range when refusing, and says when none may', async () => {
    const id = await lodgedAndReferred(api);
    const extend = (extraWorkingDays: number) =>
      api
        .as('head')
        .post(`/api/complaints/${id}/extensions`, { extraWorkingDays, reason: 'Exams week.' })
        .expect(200);
    expect((await page(id, 'extend', 'hr-manager')).replace(/\s+/g, ' ')).toContain(
      'Up to <strong>10 more working days</strong> may be agreed, in one go or in several.',
    );
    await extend(4);
    const form = (await page(id, 'extend', 'hr-manager')).replace(/\s+/g, ' ');
    expect(form).toContain(
      'More time may add up to 10 working days in all, and 4 have been agreed already: up to <strong>6 more working days</strong> may be agreed.',
    );
    const extendAction = PAGE_ACTIONS.find((action) => action.name === 'extend')!;
    const { state } = (await api.app.get(ComplaintQueries).complaint(id))!;
    const messages = extendAction.messages as (complaint: OpenComplaint) => FormMessages<object>;
    expect(messages(state).extraWorkingDays?.invalid).toBe(
      'Extra working days must be a whole number from 1 to 6',
    );
    await extend(6);
    const closed = await request(api.app.getHttpServer() as Server)
      .get(`/complaints/${id}/actions/extend`)
      .set('X-Acting-Person', 'hr-manager')
      .expect(409);
    expect(closed.text).toContain(
      'All 10 working days of more time the policy allows have been agreed.',
    );
  });

  it('shows staff what the school was sent, word for word, and the school nothing of the kind', async () => {
    const id = await lodgedAndReferred(api);
    await api.clocksSettled();
    const pageAs = async (personId: string) =>
      (
        await request(api.app.getHttpServer() as Server)
          .get(`/complaints/${id}`)
          .set('X-Acting-Person', personId)
          .expect(200)
      ).text;
    let shown = '';
    for (let tries = 0; tries < 50 && !shown.includes('What the school was sent'); tries += 1) {
      shown = await pageAs('hr-manager');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const sent = api
      .outbox()
      .filter((mail) => mail.complaintId === id && mail.to.email === 'head@brookside.lancs.sch.uk');
    expect(sent.map((mail) => mail.kind)).toEqual(
      expect.arrayContaining(['acknowledgement-for-school', 'referred-for-school']),
    );
    for (const mail of sent) {
      expect(shown).toContain(mail.subject);
      expect(shown).toContain(mail.text.split('\n')[0]);
    }
    expect(shown).toContain('To Jane Head (head@brookside.lancs.sch.uk)');
    // Nothing anyone else was sent.
    const others = api
      .outbox()
      .filter(
        (mail) =>
          mail.complaintId === id &&
          mail.to.email !== 'head@brookside.lancs.sch.uk' &&
          !sent.some((school) => school.subject === mail.subject),
      );
    expect(others.length).toBeGreaterThan(0);
    for (const mail of others) expect(shown).not.toContain(mail.subject);
    expect(await pageAs('head')).not.toContain('What the school was sent');
  });

  it('says how a closed complaint ended, under its status and in its history', async () => {
    const lodge = async () =>
      (
        (await api.as('head').post('/api/complaints', lodgeBody()).expect(201)).body as {
          id: string;
        }
      ).id;
    const first = await lodge();
    const repeat = await lodge();
    const { reference } = (await api.as('support').get(`/api/complaints/${first}`)).body as {
      reference: string;
    };
    await api
      .as('support')
      .post(`/api/complaints/${repeat}/duplicate`, { duplicateOf: reference })
      .expect(200);
    const shown = (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${repeat}`)
        .set('X-Acting-Person', 'head')
        .expect(200)
    ).text.replace(/\s+/g, ' ');
    expect(shown).toMatch(
      />Closed<\/strong> Closed as a repeat of another complaint, \d+ April 2025/,
    );
    expect(shown.split('Closed as a repeat of another complaint').length - 1).toBe(2);
  });

  it('tells staff writing to a school whose contact has no email address that nothing will be emailed', async () => {
    const lodged = await api
      .as('support')
      .post(
        '/api/complaints',
        lodgeBody({ channel: 'phone', contact: { name: 'Pat Phone', phone: '01772 000111' } }),
      )
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    const flat = (html: string) => html.replace(/\s+/g, ' ');
    expect(flat(await page(id, 'requestInformation', 'hr-manager'))).toContain(
      'The school’s contact, Pat Phone, has no email address, so the school is not sent your question. Ask them yourself (01772 000111), today',
    );
    expect(flat(await page(id, 'message', 'hr-manager'))).toContain(
      'Its contact, Pat Phone, has no email address, so the school is not told of it by email.',
    );
    const { state } = (await api.app.get(ComplaintQueries).complaint(id))!;
    const done = (name: string, recorded: readonly ComplaintEvent[] = []) =>
      PAGE_ACTIONS.find((action) => action.name === name)!.doneAs!(recorded, state);
    expect(done('requestInformation')).toBe(
      'Question recorded. The school’s contact, Pat Phone, has no email address, so nothing was emailed: tell them yourself (01772 000111)',
    );
    const message = {
      type: 'MessageSent',
      data: {
        messageId: 'm',
        text: 'Hello',
        by: { id: 'hr-manager', role: 'service-manager' },
        at: '2025-04-17T10:00:00.000Z',
      },
    } as ComplaintEvent;
    expect(done('message', [message])).toMatch(
      /^Message recorded\. The school’s contact, Pat Phone/,
    );
  });

  it('tells the service asking a question how long the school has to answer, and what the service will have left when its clock runs again', async () => {
    // Referred on Thursday 17 April 2025 and asked the same day: ten working days, with Easter and
    // the early May bank holiday skipped, to Tuesday 6 May.
    const id = await lodgedAndReferred(api);
    expect((await page(id, 'requestInformation', 'hr-manager')).replace(/\s+/g, ' ')).toContain(
      'The school sees your question and has 10 working days to answer it: until 6 May 2025 if you ask today.',
    );
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/information-requests`, { question: 'Which dates?' })
      .expect(200);
    const shown = (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}`)
        .set('X-Acting-Person', 'hr-manager')
        .expect(200)
    ).text.replace(/\s+/g, ' ');
    expect(shown).toContain(
      'Paused while waiting for the school: the service will have 10 working days when its clock runs again',
    );
    expect(shown).toMatch(/School to reply by <\/dt> <dd[^>]*> 6 May 2025/);
  });

  it('names the case officer on the complaint, to the school and to the council', async () => {
    const id = await lodgedAndReferred(api);
    await api
      .as('hr-manager')
      .post(`/api/complaints/${id}/case-officer`, { officerId: 'hr-manager' })
      .expect(200);
    for (const personId of ['head', 'support']) {
      const html = (
        await request(api.app.getHttpServer() as Server)
          .get(`/complaints/${id}`)
          .set('X-Acting-Person', personId)
          .expect(200)
      ).text;
      expect(html).toMatch(/Case officer\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*\S/);
    }
  });
});

describe('the Board’s pages', () => {
  let api: ComplaintsApp;

  // Each from the same morning: escalating moves the app's clock past the service's deadline.
  beforeEach(async () => {
    api = await startComplaintsApp();
  });
  afterEach(() => api.close());

  it('offer no approval of a reimbursement the fees can no longer pay, only declining it', async () => {
    const proposals: Record<string, string> = {};
    const ids = [await lodgedAndReferred(api), await lodgedAndReferred(api)];
    for (const id of ids) await escalateAfterDeadline(api, id);
    for (const id of ids)
      proposals[id] = await upholdAndPropose(api, id, {
        failureLevel: 'complete',
        amountPence: CONTRACT_FEES,
      });
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${ids[0]}/reimbursement/approvals`, {
          proposalId: proposals[ids[0]],
        })
        .expect(200);
    const page = (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${ids[1]}/actions/approve`)
        .set('X-Acting-Person', 'board-2')
        .expect(200)
    ).text;
    expect(page).toContain('so it cannot be approved');
    expect(page).not.toContain(`action="/complaints/${ids[1]}/actions/approve"`);
    expect(page).toContain(`href="/complaints/${ids[1]}/actions/decline"`);
  });

  it('offer no sum to propose when the school has no contract or booking, only the way on', async () => {
    const lodged = await api
      .as('other-head')
      .post('/api/complaints', lodgeBody({ schoolUrn: OTHER_SCHOOL }))
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await escalateAfterDeadline(api, id);
    await uphold(api, id);
    const page = (
      await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}/actions/proposeReimbursement`)
        .set('X-Acting-Person', 'board-2')
        .expect(200)
    ).text;
    expect(page).toContain('so no reimbursement can be set against one');
    expect(page).toContain(`href="/complaints/${id}/actions/closeWithoutReimbursement"`);
    expect(page).not.toContain('name="amountPence"');
  });

  it.each(['complete', 'serious'])(
    'say what the Board found in a sentence (%s), never “failure failure”',
    async (failureLevel) => {
      const id = await lodgedAndReferred(api);
      await escalateAfterDeadline(api, id);
      await api
        .as('board-1')
        .post(`/api/complaints/${id}/board-decision`, {
          outcome: 'upheld',
          failureLevel,
          rationale: 'The service missed its deadline.',
        })
        .expect(200);
      const page = await request(api.app.getHttpServer() as Server)
        .get(`/complaints/${id}/actions/proposeReimbursement`)
        .set('X-Acting-Person', 'board-2')
        .expect(200);
      expect(page.text).toContain(`The Board found a ${failureLevel} failure.`);
      expect(page.text).not.toContain('failure failure');
    },
  );

  it('show an approver the sum the schedule suggests and why another was proposed, and finance’s payment once made', async () => {
    const id = await lodgedAndReferred(api);
    await escalateAfterDeadline(api, id);
    const proposalId = await upholdAndPropose(api, id, {
      failureLevel: 'significant',
      amountPence: 40_000,
      overrideReason: 'Two terms of lessons were lost, not one',
    });
    const read = async (personId: string, path = `/complaints/${id}`) =>
      (
        await request(api.app.getHttpServer() as Server)
          .get(path)
          .set('X-Acting-Person', personId)
          .expect(200)
      ).text;
    // While the Board works on it, its page sets out the fees and the schedule's sums.
    expect(await read('board-2')).toContain('Fees a reimbursement could be set against');
    const approving = await read('board-2', `/complaints/${id}/actions/approve`);
    expect(approving).toContain('The schedule suggests');
    expect(approving).toContain('£500.00 (25% of the fees paid)');
    expect(approving).toContain('Two terms of lessons were lost, not one');
    expect(await read('board-2')).toContain('Suggested sum at each failure level');
    for (const member of ['board-2', 'board-3'])
      await api
        .as(member)
        .post(`/api/complaints/${id}/reimbursement/approvals`, { proposalId })
        .expect(200);
    // Approved, the sum is settled: the schedule's suggestions would only mislead beside it.
    expect(await read('finance')).not.toContain('Suggested sum at each failure level');
    await recordPayment(api, id, proposalId, {
      paymentReference: 'BACS 7788',
      paidOn: '2025-05-07',
    });
    const paid = await read('finance');
    expect(paid).toContain('BACS 7788');
    expect(paid).toContain('Paid on');
    // Paid and closed, the planning is over: the Board reads what was paid, not what could be.
    const closed = await read('board-2');
    expect(closed).toContain('BACS 7788');
    expect(closed).not.toContain('Fees a reimbursement could be set against');
    expect(closed).not.toContain('Suggested sum at each failure level');
    // The school reads its reimbursement, not the Board's working on it.
    expect(await read('head')).not.toContain('Two terms of lessons were lost');
  });

  it('tell a Board member who may not judge the complaint why, and nobody else', async () => {
    const lodged = await api
      .as('board-1')
      .post('/api/complaints', lodgeBody({ channel: 'visiting-officer' }))
      .expect(201);
    const id = (lodged.body as { id: string }).id;
    await api.as('support').post(`/api/complaints/${id}/referral`).expect(200);
    await escalateAfterDeadline(api, id);
    const pageOf = (personId: string) => complaintPageAs(api, id, personId);
    expect(await pageOf('board-1')).toContain(
      'You cannot decide this complaint or act on its reimbursement for the Board: you lodged the complaint.',
    );
    expect(await pageOf('board-2')).not.toContain('You cannot decide this complaint');
  });

  it('ask a decision with no outcome for its outcome, not yet for how serious the failure was', async () => {
    const id = await lodgedAndReferred(api);
    await escalateAfterDeadline(api, id);
    const fieldsOf = async (body: object) =>
      (
        (await api.as('board-1').post(`/api/complaints/${id}/board-decision`, body).expect(400))
          .body as { errors: { field: string }[] }
      ).errors.map((error) => error.field);
    expect(await fieldsOf({})).toEqual(['outcome', 'rationale']);
    expect(await fieldsOf({ outcome: 'upheld', rationale: 'Late.' })).toEqual(['failureLevel']);
    expect(await fieldsOf({ outcome: 'partly-upheld', rationale: 'Late.' })).toEqual([
      'failureLevel',
    ]);
  });

  it('say when too few Board members may act on the complaint for the Board to settle it, and what', async () => {
    const id = await lodgedAndReferred(api);
    await escalateAfterDeadline(api, id);
    const pageOf = (personId: string) => complaintPageAs(api, id, personId);
    const standAside = (member: string) =>
      api
        .as(member)
        .post(`/api/complaints/${id}/conflicts-of-interest`, { reason: 'My sister is the head' })
        .expect(200);
    // Three members: one decides, a reimbursement needs its proposer and two more.
    expect(await pageOf('support')).not.toContain('may act on this complaint');
    await standAside('board-3');
    const short = await pageOf('board-1');
    expect(short).toContain(
      'Only 2 Board members may act on this complaint: the others work for the service complained about or at the school, lodged or handled the complaint, or have stood aside from it. A reimbursement needs the member who proposes it and 2 more to approve it, so the Board cannot approve one until an administrator adds Board members who may act on it, or the council changes its policy.',
    );
    await standAside('board-2');
    await standAside('board-1');
    expect(await pageOf('support')).toContain(
      'No Board member may act on this complaint: the others work for the service complained about or at the school, lodged or handled the complaint, or have stood aside from it. A decision needs 1, so the Board cannot decide it until an administrator adds Board members who may act on it, or the council changes its policy.',
    );
    // The school is not told of the Board's members.
    expect(await pageOf('head')).not.toContain('may act on this complaint');
  });
});

describe('the start page', () => {
  let api: ComplaintsApp;
  beforeAll(async () => {
    api = await startComplaintsApp();
  });
  afterAll(() => api.close());

  it('offers someone signed in their home page, not signing in again', async () => {
    const server = api.app.getHttpServer() as Server;
    const anyone = (await request(server).get('/').expect(200)).text;
    expect(anyone).toContain('Start now');
    // Where a school may email its complaint: the mailbox the engine reads.
    expect(anyone).toContain(
      'You can also complain by emailing <a class="govuk-link" href="mailto:service-guarantee@localhost">service-guarantee@localhost</a>',
    );
    expect(anyone).toContain('Sign in as a member of council staff');
    const member = (await request(server).get('/').set('X-Acting-Person', 'board-1').expect(200))
      .text;
    expect(member).toContain('Go to your home page');
    expect(member).not.toContain('Start now');
    expect(member).not.toContain('Sign in as a member of council staff');
  });
});
