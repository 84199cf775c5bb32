import { DEADLINE_WORKER, MAIL_OUTBOX } from '@sg/complaints';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messagesEndedBy } from './messages-of-a-clock';

const TEMPLATES = join(__dirname, '..', 'templates');

/** The kinds whose message gives a date: their template says one. */
const kindsGivingADate = readdirSync(TEMPLATES)
  .filter((file) => !file.startsWith('_') && file.endsWith('.njk'))
  .filter((file) => readFileSync(join(TEMPLATES, file), 'utf8').includes('dueDate'))
  .map((file) => file.replace(/\.njk$/, ''));

const MANAGER = { id: 'p-manager', role: 'service-manager' } as const;

const stopped = (id: string) =>
  messagesEndedBy({
    type: 'ClockStopped',
    data: {
      clock: 'school-confirmation',
      revision: 1,
      metDeadline: true,
      by: { id, role: 'system' },
      at: '2025-06-16T07:00:00.000Z',
    },
  });

describe('the messages a clock event ends', () => {
  it('a run stopped ends its warning and what asked someone to act within it', () => {
    expect(stopped(DEADLINE_WORKER.id)).toEqual({
      kinds: [
        'school-confirmation-warning',
        'resolution-proposed-for-school',
        'resolution-returned-for-staff',
        'school-confirmation-warning-for-service',
      ],
      upToRevision: 1,
    });
  });

  it('the service’s run ended (a resolution proposed, its deadline missed) ends a request that Business Support move the complaint; paused or given more time, it stands', () => {
    const stoppedBy = { id: MANAGER.id, role: 'service-manager' as const };
    expect(
      messagesEndedBy({
        type: 'ClockStopped',
        data: { clock: 'resolution', revision: 2, metDeadline: true, by: stoppedBy, at: 'x' },
      })?.kinds,
    ).toContain('reroute-asked-for-support');
    expect(
      messagesEndedBy({
        type: 'DeadlineMissed',
        data: { clock: 'resolution', revision: 2, deadline: 'x', by: stoppedBy, at: 'x' },
      })?.kinds,
    ).toContain('reroute-asked-for-support');
    expect(stopped(DEADLINE_WORKER.id)?.kinds).not.toContain('reroute-asked-for-support');
    expect(
      messagesEndedBy({
        type: 'ClockPaused',
        data: { clock: 'resolution', revision: 2, by: stoppedBy, at: 'x' },
      } as never)?.kinds,
    ).not.toContain('reroute-asked-for-support');
  });

  it('a run given more time ends every message that gave its old date, to the service as to the school', () => {
    const ended = messagesEndedBy({
      type: 'ClockExtended',
      data: {
        clock: 'resolution',
        timing: {
          revision: 4,
          anchor: '2026-12-06T09:00:00.000Z',
          workingDays: 13,
          dueDate: '2026-12-23',
          deadline: '2026-12-24T00:00:00.000Z',
          warningAt: null,
        },
        extraWorkingDays: 3,
        by: MANAGER,
        at: '2026-12-06T12:00:00.000Z',
      },
    });
    expect(ended?.upToRevision).toBe(3);
    expect(ended?.kinds).toEqual(
      expect.arrayContaining([
        'resolution-warning',
        'referred-for-school',
        'referred-to-service',
        'information-received-for-service',
        'extension-for-service',
        'resolution-disputed-for-service',
        'assigned-to-officer',
      ]),
    );
  });

  it('a run paused ends only its warning: its date is given again when it runs again', () => {
    expect(
      messagesEndedBy({
        type: 'ClockPaused',
        data: {
          clock: 'resolution',
          revision: 2,
          remainingWorkingDays: 9,
          by: MANAGER,
          at: '2026-12-06T10:00:00.000Z',
        },
      }),
    ).toEqual({ kinds: ['resolution-warning'], upToRevision: 2 });
  });

  it('the window the outbox starts afresh when the proposal goes ends only its old warning: the proposal is what went', () => {
    expect(stopped(MAIL_OUTBOX.id)).toEqual({
      kinds: ['school-confirmation-warning'],
      upToRevision: 1,
    });
  });

  it('a complaint the council closes unresolved ends its acknowledgement: the closing mail gives the reference', () => {
    for (const outcome of ['duplicate', 'withdrawn'] as const)
      expect(
        messagesEndedBy({
          type: 'ComplaintClosed',
          data: { outcome, by: { id: 'support-1', role: 'business-support' }, at: 'x' },
        })?.kinds,
      ).toEqual(expect.arrayContaining(['acknowledgement-for-school', 'triage-deadline-missed']));
  });

  it('a closed complaint ends every run’s, and never the acknowledgement of one the school withdrew itself', () => {
    const ended = messagesEndedBy({
      type: 'ComplaintClosed',
      data: { outcome: 'withdrawn', by: { id: 'p-head', role: 'school-staff' }, at: 'x' },
    });
    expect(ended?.upToRevision).toBeNull();
    expect(ended?.kinds).toEqual(
      expect.arrayContaining(['escalated-to-board', 'resolution-proposed-for-school']),
    );
    expect(ended?.kinds).not.toContain('acknowledgement-for-school');
  });

  it('a closed complaint ends every message that gives a date, but those that record what was done', () => {
    const ended = messagesEndedBy({
      type: 'ComplaintClosed',
      data: { outcome: 'resolved', by: { id: 'p-head', role: 'school-staff' }, at: 'x' },
    });
    // The complaint's reference, the Board's decision and an approved sum stay true once closed.
    const records = [
      'acknowledgement-for-school',
      'board-decision-for-school',
      'board-decision-for-service',
      'reimbursement-approved-for-school',
    ];
    expect(kindsGivingADate.length).toBeGreaterThan(records.length);
    for (const kind of kindsGivingADate.filter((kind) => !records.includes(kind)))
      expect([kind, (ended?.kinds as readonly string[]).includes(kind)]).toEqual([kind, true]);
    expect(ended?.kinds).toContain('board-quorum-short-for-staff');
  });

  it('closed without a reimbursement ends the school’s decision mail still held, which says a sum is being settled', () => {
    const closed = (outcome: 'upheld-without-reimbursement' | 'resolved') =>
      messagesEndedBy({
        type: 'ComplaintClosed',
        data: { outcome, by: { id: 'p-chair', role: 'board-member' }, at: 'x' },
      })?.kinds as readonly string[];
    expect(closed('upheld-without-reimbursement')).toContain('board-decision-for-school');
    expect(closed('upheld-without-reimbursement')).not.toContain('board-decision-for-service');
    expect(closed('resolved')).not.toContain('board-decision-for-school');
  });

  it('a payment recorded ends the school’s mail saying when it will be paid, held for the morning; a payment late does not', () => {
    expect(
      messagesEndedBy({
        type: 'ReimbursementPaid',
        data: {
          proposalId: 'r-1',
          amountPence: 39_100,
          method: 'bank-payment',
          paymentReference: 'BACS 1',
          paidOn: '2027-01-04',
          by: { id: 'p-finance', role: 'finance' },
          at: '2027-01-04T06:59:00.000Z',
        },
      }),
    ).toEqual({ kinds: ['reimbursement-approved-for-school'], upToRevision: null });
    const late = messagesEndedBy({
      type: 'DeadlineMissed',
      data: {
        clock: 'reimbursement-payment',
        revision: 1,
        deadline: '2027-01-30T00:00:00.000Z',
        by: { id: DEADLINE_WORKER.id, role: 'system' },
        at: '2027-01-30T00:00:00.000Z',
      },
    });
    expect(late?.kinds).not.toContain('reimbursement-approved-for-school');
  });

  it('an approval given ends the requests to approve held for that member alone', () => {
    const members = [
      { personId: 'p-chair', name: 'Chair', email: 'Chair@County.example' },
      { personId: 'p-other', name: 'Other', email: 'other@county.example' },
    ];
    const approval = (id: string) =>
      messagesEndedBy(
        {
          type: 'ReimbursementApprovalGiven',
          data: {
            proposalId: 'r-1',
            by: { id, role: 'board-member' },
            at: '2027-01-18T01:35:00.000Z',
          },
        },
        null,
        { managersOf: () => [], boardMembers: () => members },
      );
    expect(approval('p-chair')).toEqual({
      kinds: ['reimbursement-proposed-for-board', 'reimbursement-approval-warning'],
      upToRevision: null,
      to: ['chair@county.example'],
    });
    expect(approval('p-gone')).toBeNull();
  });

  it('a complaint assigned again ends what the last assignment still had to say', () => {
    expect(
      messagesEndedBy({
        type: 'CaseOfficerAssigned',
        data: {
          officerId: 'p-officer',
          officerName: 'Olu Officer',
          by: { id: 'p-manager', role: 'service-manager' },
          at: 'x',
        },
      }),
    ).toEqual({ kinds: ['assigned-to-officer', 'unassigned-from-officer'], upToRevision: null });
  });
});
