import { type ComplaintEvent } from '@sg/complaints';
import { SCHOOL_ACTIONS } from './school-actions';

const dispute = SCHOOL_ACTIONS.find((action) => action.name === 'dispute')!;
const by = { id: 'head', role: 'school-staff' as const };
const at = '2026-12-22T09:00:00.000Z';
const timing = (dueDate: string) => ({
  revision: 2,
  anchor: at,
  workingDays: 10,
  dueDate,
  deadline: `${dueDate}T23:59:59.000Z`,
  warningAt: null,
});
const disputed: ComplaintEvent = { type: 'ResolutionDisputed', data: { reason: 'No', by, at } };
const windowStopped: ComplaintEvent = {
  type: 'ClockStopped',
  data: { clock: 'school-confirmation', revision: 1, metDeadline: true, by, at },
};

/** The school, or Business Support for it, is told where the dispute sent the complaint. */
describe('what the school is told after saying the resolution did not work', () => {
  it('that the service has it back, and by when, while the service’s deadline stood', () => {
    const recorded: ComplaintEvent[] = [
      disputed,
      windowStopped,
      { type: 'ComplaintReopened', data: { by, at } },
      { type: 'ClockStarted', data: { clock: 'resolution', timing: timing('2026-12-23'), by, at } },
    ];
    expect(dispute.doneAs!(recorded)).toBe(
      'The service has been told the resolution did not work, and must resolve the complaint by 23 December 2026',
    );
  });

  it('that it has gone to the Board, not the service, once the service’s deadline had passed', () => {
    const recorded: ComplaintEvent[] = [
      disputed,
      windowStopped,
      {
        type: 'ComplaintEscalated',
        data: { reason: 'resolution-disputed-after-deadline', by, at },
      },
      {
        type: 'ClockStarted',
        data: { clock: 'board-decision', timing: timing('2027-01-22'), by, at },
      },
    ];
    const told = dispute.doneAs!(recorded);
    expect(told).toBe(
      'The service’s deadline had passed, so the complaint has gone to the Board, to decide by 22 January 2027',
    );
    expect(told).not.toContain('The service has been told');
  });
});
