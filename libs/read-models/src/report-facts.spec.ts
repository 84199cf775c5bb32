import { type ComplaintEvent, type OpenComplaint } from '@sg/complaints';
import { WorkingDayCalendar } from '@sg/working-days';
import { reportFactsOf } from './report-facts';

describe('report facts', () => {
  it('counts a reimbursement on the London day it was paid, not the day finance recorded it', () => {
    const paid = {
      type: 'ReimbursementPaid',
      data: {
        proposalId: 'p-1',
        amountPence: 50_000,
        method: 'bank-payment',
        paymentReference: 'BACS-1',
        paidOn: '2025-03-31',
        by: { id: 'finance', role: 'finance' },
        at: '2025-04-02T09:00:00.000Z',
      },
    } as ComplaintEvent;
    const after = { serviceId: 'schools-hr' } as OpenComplaint;
    // Midnight on 31 March 2025 in London, a day after the clocks went forward: 23:00 UTC.
    expect(reportFactsOf(paid, after, null, new WorkingDayCalendar())).toEqual([
      {
        kind: 'reimbursed',
        at: '2025-03-30T23:00:00.000Z',
        serviceId: 'schools-hr',
        amountPence: 50_000,
      },
    ]);
  });
});

describe('a complaint logged days after the school made it', () => {
  it('is counted received on the day the school made it, and its service’s from then', () => {
    const lodged = {
      type: 'ComplaintLodged',
      data: {
        channel: 'phone',
        receivedAt: '2025-03-31T10:00:00.000Z',
        by: { id: 'support', role: 'business-support' },
        at: '2025-04-02T09:00:00.000Z',
      },
    } as ComplaintEvent;
    const after = { serviceId: 'schools-hr' } as OpenComplaint;
    expect(reportFactsOf(lodged, after, null, new WorkingDayCalendar())).toEqual([
      {
        kind: 'received',
        at: '2025-03-31T10:00:00.000Z',
        serviceId: 'schools-hr',
        channel: 'phone',
      },
      { kind: 'assigned', at: '2025-03-31T10:00:00.000Z', serviceId: 'schools-hr' },
    ]);
  });
});

describe('the Board’s decision, as the report counts it', () => {
  const decided = {
    type: 'BoardDecisionRecorded',
    data: {
      outcome: 'upheld',
      failureLevel: 'serious',
      rationale: 'Late advice',
      members: ['board-1'],
      by: { id: 'board-1', role: 'board-member' },
      at: '2025-05-15T10:00:00.000Z',
    },
  } as ComplaintEvent;
  // Escalated as the service's deadline passed at midnight starting Thursday 10 April 2025.
  const boardClock = (deadline: string, missed: boolean) =>
    ({
      serviceId: 'schools-hr',
      clocks: {
        'board-decision': {
          kind: 'board-decision',
          status: 'running',
          timing: {
            revision: 1,
            anchor: '2025-04-09T23:00:00.000Z',
            workingDays: 20,
            dueDate: deadline.slice(0, 10),
            deadline,
            warningAt: null,
          },
          remainingWorkingDays: null,
          extendedBy: 0,
          addedOnResume: 0,
          warned: false,
          missed,
          metDeadline: null,
        },
      },
    }) as unknown as OpenComplaint;
  const calendar = new WorkingDayCalendar();

  it('is within its target before the Board’s deadline, with the working days from the escalation', () => {
    expect(
      reportFactsOf(decided, boardClock('2025-05-09T23:00:00.000Z', false), null, calendar),
    ).toEqual([
      {
        kind: 'board-decision',
        at: '2025-05-15T10:00:00.000Z',
        serviceId: 'schools-hr',
        outcome: 'upheld',
        withinTarget: false,
        workingDays: calendar.workingDayNumberOf(
          '2025-04-09T23:00:00.000Z',
          '2025-05-15T10:00:00.000Z',
        ),
      },
    ]);
    expect(
      reportFactsOf(decided, boardClock('2025-05-20T23:00:00.000Z', false), null, calendar),
    ).toMatchObject([{ withinTarget: true }]);
  });

  it('is late once its deadline was missed, whenever it is recorded', () => {
    expect(
      reportFactsOf(decided, boardClock('2025-05-20T23:00:00.000Z', true), null, calendar),
    ).toMatchObject([{ withinTarget: false }]);
  });

  it('is counted, but neither on time nor late, for a complaint escalated before the Board had a clock', () => {
    const facts = reportFactsOf(
      decided,
      { serviceId: 'schools-hr', clocks: {} } as unknown as OpenComplaint,
      null,
      calendar,
    );
    expect(facts).toEqual([
      {
        kind: 'board-decision',
        at: '2025-05-15T10:00:00.000Z',
        serviceId: 'schools-hr',
        outcome: 'upheld',
      },
    ]);
  });
});
