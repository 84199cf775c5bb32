import { type TimelineLine } from '@sg/read-models';
import { timelineEntries } from './timeline-entries';

const line = (
  revision: number,
  type: string,
  details: Record<string, unknown> = {},
): TimelineLine => ({
  revision,
  type,
  at: `2025-04-${String(10 + revision).padStart(2, '0')}T09:00:00.000Z`,
  by: { id: 'someone', role: revision === 0 ? 'school-staff' : 'system' },
  recordedAt: '2025-04-10T09:00:00.000Z',
  details,
});

describe('a complaint’s timeline as the page shows it', () => {
  const entries = timelineEntries([
    line(0, 'ComplaintLodged', { summary: 'Advice came late', details: 'Long story' }),
    line(1, 'ClockStarted', { clock: 'triage' }),
    line(2, 'ComplaintEscalated', { reason: 'resolution-deadline-missed' }),
    line(3, 'SomethingNew'),
  ]);

  it('puts the newest first and leaves out the clocks’ bookkeeping', () => {
    expect(entries.map((entry) => entry.label.text)).toEqual([
      'Something New',
      'Escalated to the Board',
      'Complaint received',
    ]);
  });

  it('says who acted and why an escalation happened, in words', () => {
    expect(entries[1]).toEqual({
      label: { text: 'Escalated to the Board' },
      byline: { text: 'Service Guarantee' },
      datetime: { timestamp: '2025-04-12T09:00:00.000Z', type: 'datetime' },
      text: 'The service did not resolve it by its deadline.',
    });
    expect(entries[2].byline.text).toBe('School');
    expect(entries[2].text).toBe('Advice came late');
  });

  it('says an escalation on a reply that did not say whether it resolves the complaint was no dispute', () => {
    const [unclear, disputed] = [true, false].map(
      (unclearAnswer) =>
        timelineEntries([
          line(5, 'ComplaintEscalated', {
            reason: 'resolution-disputed-after-deadline',
            ...(unclearAnswer ? { unclearAnswer } : {}),
          }),
        ])[0].text,
    );
    expect(unclear).toBe(
      'The school replied to the proposed resolution after the deadline had passed, without saying that it resolves the complaint.',
    );
    expect(disputed).toBe('The school disputed the resolution after the deadline had passed.');
  });

  it('names every member who took a decision under the quorum, its proposer first, for the council', () => {
    const decided = {
      ...line(4, 'BoardDecisionRecorded', {
        outcome: 'partly-upheld',
        failureLevel: 'minor',
        rationale: 'Clerk late to one meeting.',
        members: ['b-karen', 'b-chloe'],
      }),
      by: { id: 'b-chloe', role: 'board-member' },
    };
    const names: Record<string, string> = {
      'b-karen': 'Karen Nuttall',
      'b-chloe': 'Chloe Marsden',
    };
    expect(timelineEntries([decided], (id) => names[id])[0].byline.text).toBe(
      'Board: Karen Nuttall, Chloe Marsden',
    );
    // The school is told it was the Board, by no one's name.
    expect(timelineEntries([decided])[0].byline.text).toBe('Board');
  });

  it('says how and when the service reached the school, which was not when it was recorded', () => {
    const [visit, call] = timelineEntries([
      line(5, 'SchoolContacted', {
        contactedAt: '2025-04-14T13:30:00.000Z',
        method: 'phone',
        note: 'Spoke to the head about the missed lessons.',
      }),
      // A day with no time given is kept as the day's first instant, and said as the day.
      line(6, 'SchoolContacted', {
        contactedAt: '2025-04-14T23:00:00.000Z',
        method: 'visit',
        note: 'Met the bursar.',
      }),
    ]);
    expect(call.text).toBe(
      'Phone, 14 April 2025 at 2:30pm. Spoke to the head about the missed lessons.',
    );
    expect(visit.text).toBe('Visit to the school, 15 April 2025. Met the bursar.');
  });

  it('says a reply that did not say whether the resolution works was not taken as accepting it', () => {
    const [unclear, disputed] = timelineEntries([
      line(5, 'ResolutionDisputed', { reason: 'A meeting does not answer it.' }),
      line(6, 'ResolutionDisputed', { reason: 'Could you call me on Monday?', unclear: true }),
    ]);
    expect(unclear.label.text).toBe(
      'Resolution not accepted: the school replied without saying it resolves the complaint',
    );
    expect(unclear.text).toBe('Could you call me on Monday?');
    expect(disputed.label.text).toBe('Resolution disputed');
  });

  it('says when an answer that waited to be filed came, before what it said', () => {
    const [waited, asItCame] = timelineEntries([
      line(5, 'InformationReceived', { summary: 'The dates are 3 and 10 March.' }),
      line(6, 'InformationReceived', {
        summary: 'The dates are 3 and 10 March.',
        receivedAt: '2025-04-14T09:05:00.000Z',
      }),
    ]);
    expect(waited.text).toBe('Received 14 April 2025 at 10:05am. The dates are 3 and 10 March.');
    expect(asItCame.text).toBe('The dates are 3 and 10 March.');
  });

  it('says how a reimbursement was paid, when and under what reference, for the school’s finance office', () => {
    const [credit, bank] = timelineEntries([
      line(5, 'ReimbursementPaid', {
        amountPence: 28_875,
        method: 'bank-payment',
        paymentReference: 'BACS-0042',
        paidOn: '2027-01-04',
      }),
      line(6, 'ReimbursementPaid', {
        amountPence: 28_875,
        method: 'credit-note',
        paymentReference: 'CN-2026-7781',
        paidOn: '2027-01-05',
      }),
    ]);
    expect(credit.text).toBe('£288.75 as a credit note on 5 January 2027, reference CN-2026-7781.');
    expect(bank.text).toBe(
      '£288.75 by bank payment to the school on 4 January 2027, reference BACS-0042.',
    );
  });

  it('names who acted for a council reader, and the part alone for whom no name is given', () => {
    const [named, itself] = timelineEntries(
      [
        line(3, 'ComplaintEscalated', { reason: 'resolution-deadline-missed' }),
        line(4, 'SomethingNew'),
      ].map((each, i) => ({
        ...each,
        by: {
          id: i === 0 ? 'deadline-worker' : 'harry',
          role: i === 0 ? 'system' : 'service-manager',
        },
      })),
      (personId) => (personId === 'harry' ? 'Harry Lord' : undefined),
    );
    expect(named.byline.text).toBe('Service: Harry Lord');
    expect(itself.byline.text).toBe('Service Guarantee');
  });

  it('says the school’s window ended, not that a deadline was missed: the school had none to meet', () => {
    const [confirmation, reply, service] = timelineEntries([
      line(3, 'DeadlineMissed', { clock: 'resolution' }),
      line(4, 'DeadlineMissed', { clock: 'school-reply' }),
      line(5, 'DeadlineMissed', { clock: 'school-confirmation' }),
    ]);
    expect(reply.label.text).toBe('The school’s time to answer ended');
    expect(confirmation.label.text).toBe('The school’s time to confirm or dispute ended');
    expect(service.label.text).toBe('Deadline missed');
  });

  it('says a lapsed proposal in words, not its reason’s code', () => {
    const [lapsed] = timelineEntries([
      line(7, 'ReimbursementProposalLapsed', { proposalId: 'p-1', reason: 'proposer-stood-aside' }),
    ]);
    expect(lapsed).toMatchObject({
      label: { text: 'Reimbursement proposal lapsed: its proposer stood aside' },
      text: '',
    });
  });

  it('names the case officer assigned, and the school’s new contact with their role', () => {
    const [officer, contact] = timelineEntries([
      line(6, 'SchoolContactChanged', {
        contact: { name: 'Dev Deputy', role: 'Deputy headteacher', email: 'd@school.example' },
      }),
      line(5, 'CaseOfficerAssigned', { officerId: 'p-7', officerName: 'Tia Tutorlead' }),
    ]);
    expect(officer).toMatchObject({
      label: { text: 'Case officer assigned' },
      text: 'Tia Tutorlead',
    });
    expect(contact).toMatchObject({
      label: { text: 'School’s contact changed' },
      text: 'Dev Deputy, Deputy headteacher',
    });
  });

  it('names an officer who logged the school’s complaint as a council officer, not by their other role', () => {
    const [logged] = timelineEntries([
      {
        ...line(0, 'ComplaintLodged', { summary: 'Late' }),
        by: { id: 'b-1', role: 'board-member' },
      },
    ]);
    expect(logged.byline.text).toBe('Council officer');
  });

  it('says what the Board found, then its reasons', () => {
    const [decided, notUpheld] = timelineEntries([
      line(5, 'BoardDecisionRecorded', {
        outcome: 'not-upheld',
        failureLevel: null,
        rationale: 'Done on time.',
      }),
      line(4, 'BoardDecisionRecorded', {
        outcome: 'upheld',
        failureLevel: 'serious',
        rationale: 'Four weeks late.',
      }),
    ]);
    expect(decided.text).toBe('Upheld: a serious failure. Four weeks late.');
    expect(notUpheld.text).toBe('Not upheld. Done on time.');
  });

  it('says who at the school agreed, how and when, to what was done for it', () => {
    const [itself, withdrawn] = timelineEntries([
      line(7, 'ComplaintWithdrawn', {
        reason: 'Sorted out',
        consent: { givenBy: 'Jane Head', givenAt: '2025-04-16T10:30:00.000Z', method: 'phone' },
      }),
      line(6, 'ComplaintWithdrawn', {
        reason: 'Sorted out',
        consent: { givenBy: 'Jane Head', givenAt: '2025-04-16T10:30:00.000Z', method: 'portal' },
      }),
    ]);
    expect(itself.text).toBe('Sorted out');
    expect(withdrawn.text).toMatch(
      /^Sorted out\. The school agreed: Jane Head, by phone, 16 April 2025 at 11:30am\.$/,
    );
  });

  it('says a resolution the school let pass was taken as accepted, not confirmed', () => {
    const [deemed, confirmed] = timelineEntries([
      line(9, 'ResolutionConfirmed', { deemed: false, consent: null }),
      line(8, 'ResolutionConfirmed', { deemed: true, consent: null }),
    ]);
    expect(deemed.label.text).toBe(
      'Resolution taken as accepted: the school did not answer in time',
    );
    expect(confirmed.label.text).toBe('Resolution confirmed');
  });
});

describe('a complaint an officer logged for the school, on its timeline', () => {
  const logged = (details: Record<string, unknown>): TimelineLine => ({
    revision: 0,
    type: 'ComplaintLodged',
    at: '2025-04-17T09:00:00.000Z',
    by: { id: 'rachel', role: 'business-support' },
    recordedAt: '2025-04-17T09:00:00.000Z',
    details: { summary: 'Advice came late', ...details },
  });

  it('says it was logged for the school, how the school complained, and on which day', () => {
    const [entry] = timelineEntries(
      [logged({ channel: 'phone', receivedAt: '2025-04-14T23:00:00.000Z' })],
      () => 'Rachel Taylor',
    );
    expect(entry.label.text).toBe('Complaint logged for the school');
    expect(entry.byline.text).toBe('Business Support: Rachel Taylor');
    expect(entry.text).toBe('The school complained by phone, 15 April 2025. Advice came late');
  });

  it('gives no day when the school complained as it was logged', () => {
    const [entry] = timelineEntries([
      logged({ channel: 'visiting-officer', receivedAt: '2025-04-17T09:00:00.000Z' }),
    ]);
    expect(entry.text).toBe('The school complained through a visiting officer. Advice came late');
  });
});
