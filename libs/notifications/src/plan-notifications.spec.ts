import { type ComplaintEvent } from '@sg/complaints';
import { WorkingDayCalendar } from '@sg/working-days';
import { type Audience, type ComplaintFacts } from './audience';
import { planNotifications } from './plan-notifications';

const calendar = new WorkingDayCalendar();
const system = { id: 'deadline-worker', role: 'system' } as const;
const person = (name: string) => ({ name, email: `${name}@county.example` });

const audience: Audience = {
  businessSupport: () => [person('support-1'), person('support-2')],
  managersOf: (serviceId) => (serviceId === 'schools-hr' ? [person('hr-manager')] : []),
  boardMembers: () => [person('chair'), person('member'), person('Member')],
  boardChairs: () => [person('chair')],
  finance: () => [person('finance-1')],
  schoolName: (urn) => (urn === '119300' ? 'Brookside Primary School' : null),
};

const complaint: ComplaintFacts = {
  complaintId: 'c-1',
  reference: 'SG-2025-000042',
  schoolUrn: '119300',
  serviceId: 'schools-hr',
  summary: 'No reply about a grievance',
  contact: { name: 'Jane Head', email: 'head@brookside.example' },
};

const plan = (event: ComplaintEvent, facts = complaint) =>
  planNotifications({ ...event, id: 'event-1' }, facts, audience, calendar);

describe('planNotifications', () => {
  it('an escalation at Friday midnight reaches the Board, the manager and the school on Monday at 08:00', () => {
    const notifications = plan({
      type: 'ComplaintEscalated',
      data: { reason: 'resolution-deadline-missed', by: system, at: '2025-05-09T23:00:00.000Z' },
    });
    expect(notifications.map((n) => [n.kind, n.to.email])).toEqual([
      ['escalated-to-board', 'chair@county.example'],
      ['escalated-to-board', 'member@county.example'],
      ['escalation-for-service', 'hr-manager@county.example'],
      ['escalation-for-school', 'head@brookside.example'],
    ]);
    // Monday 12 May 2025 08:00 BST.
    expect(new Set(notifications.map((n) => n.sendAfter))).toEqual(
      new Set(['2025-05-12T07:00:00.000Z']),
    );
    expect(notifications[0].raisedAt).toBe('2025-05-09T23:00:00.000Z');
    expect(notifications[0].text).toContain(
      'Complaint SG-2025-000042 from Brookside Primary School: No reply about a grievance',
    );
    expect(notifications[3].text).toMatch(/^Dear Jane Head,/);
  });

  it('gives each message an id of its event, kind and recipient, so planning twice adds nothing', () => {
    const event: ComplaintEvent = {
      type: 'DeadlineMissed',
      data: {
        clock: 'triage',
        revision: 1,
        deadline: '2025-05-06T23:00:00.000Z',
        by: system,
        at: '2025-05-06T23:00:00.000Z',
      },
    };
    const first = plan(event).map((n) => n.id);
    expect(plan(event).map((n) => n.id)).toEqual(first);
    expect(new Set(first).size).toBe(2);
  });

  it('sends the warning of each clock to the people who must act on it, during working hours at once', () => {
    const warning = (clock: 'triage' | 'resolution' | 'board-decision') =>
      plan({
        type: 'DeadlineWarningIssued',
        data: {
          clock,
          revision: 1,
          dueDate: '2025-05-06',
          deadline: '2025-05-06T23:00:00.000Z',
          by: system,
          at: '2025-05-02T10:30:00.000Z',
        },
      });
    expect(warning('triage').map((n) => n.to.email)).toEqual([
      'support-1@county.example',
      'support-2@county.example',
    ]);
    const [resolution] = warning('resolution');
    expect(resolution).toMatchObject({
      kind: 'resolution-warning',
      to: { email: 'hr-manager@county.example' },
      subject: 'SG-2025-000042: resolve by Tuesday 6 May 2025',
      sendAfter: '2025-05-02T10:30:00.000Z',
    });
    expect(warning('board-decision').map((n) => n.kind)).toEqual([
      'board-decision-warning',
      'board-decision-warning',
    ]);
  });

  it('tells the Board chair when the Board misses its own deadline', () => {
    const notifications = plan({
      type: 'DeadlineMissed',
      data: {
        clock: 'board-decision',
        revision: 1,
        deadline: '2025-06-03T23:00:00.000Z',
        by: system,
        at: '2025-06-03T23:00:00.000Z',
      },
    });
    expect(notifications.map((n) => [n.kind, n.to.email])).toEqual([
      ['board-decision-deadline-missed', 'chair@county.example'],
    ]);
  });

  it('writes to the school only when it gave an email address, and names an unknown school by URN', () => {
    const notifications = plan(
      {
        type: 'ComplaintEscalated',
        data: {
          reason: 'resolution-disputed-after-deadline',
          by: system,
          at: '2025-05-07T09:00:00.000Z',
        },
      },
      { ...complaint, schoolUrn: '999999', contact: { name: 'By phone' } },
    );
    expect(notifications.map((n) => n.kind)).not.toContain('escalation-for-school');
    expect(notifications[0].text).toContain('from school URN 999999');
    expect(notifications[0].text).toContain(
      'the school disputed the resolution after the deadline',
    );
  });

  it('plans nothing for events people are not told of here', () => {
    expect(
      plan({
        type: 'ClockStopped',
        data: {
          clock: 'resolution',
          revision: 1,
          metDeadline: true,
          by: system,
          at: '2025-05-02T10:00:00.000Z',
        },
      }),
    ).toEqual([]);
  });

  it('tells the school and the service when the school’s reply window lapses', () => {
    const notifications = plan({
      type: 'InformationRequestLapsed',
      data: { by: system, at: '2025-05-08T23:00:00.000Z' },
    });
    expect(notifications.map((n) => [n.kind, n.to.email])).toEqual([
      ['school-reply-lapsed-for-school', 'head@brookside.example'],
      ['school-reply-lapsed-for-service', 'hr-manager@county.example'],
    ]);
    expect(notifications[0].text).toMatch(/carrying on without your answer/);
  });

  it.each([
    ['school-reply', 'school-reply-warning', ['head@brookside.example']],
    [
      'reimbursement-proposal',
      'reimbursement-proposal-warning',
      ['chair@county.example', 'member@county.example'],
    ],
    [
      'reimbursement-approval',
      'reimbursement-approval-warning',
      ['chair@county.example', 'member@county.example'],
    ],
    ['reimbursement-payment', 'reimbursement-payment-warning', ['finance-1@county.example']],
  ] as const)('warns whoever must act before the %s deadline', (clock, kind, to) => {
    const notifications = plan({
      type: 'DeadlineWarningIssued',
      data: {
        clock,
        revision: 1,
        dueDate: '2025-05-21',
        deadline: '2025-05-21T23:00:00.000Z',
        by: system,
        at: '2025-05-19T23:00:00.000Z',
      },
    });
    expect(notifications.map((n) => [n.kind, n.to.email])).toEqual(
      to.map((email) => [kind, email]),
    );
    expect(notifications[0].text).toContain('Wednesday 21 May 2025');
  });

  it.each([
    ['reimbursement-proposal', ['chair@county.example']],
    ['reimbursement-approval', ['chair@county.example']],
    ['reimbursement-payment', ['finance-1@county.example']],
  ] as const)('tells who must act when the %s deadline is missed', (clock, to) => {
    const notifications = plan({
      type: 'DeadlineMissed',
      data: {
        clock,
        revision: 1,
        deadline: '2025-05-21T23:00:00.000Z',
        by: system,
        at: '2025-05-21T23:00:00.000Z',
      },
    });
    expect(notifications.map((n) => [n.kind, n.to.email])).toEqual(
      to.map((email) => [`${clock}-deadline-missed`, email]),
    );
  });
});
