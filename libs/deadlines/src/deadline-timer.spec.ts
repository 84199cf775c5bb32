import { CLOCK_KINDS } from '@sg/complaints';
import { timerFromId, timerId } from './deadline-timer';

describe('timer ids', () => {
  it.each(
    CLOCK_KINDS.flatMap((clock) =>
      (['warning', 'deadline'] as const).map((timer) => [clock, timer] as const),
    ),
  )('name the %s clock’s %s timer and read back', (clock, timer) => {
    const complaintId = '3a15dec7-fdd0-42ed-9000-b82fd43595f7';
    const id = timerId({ complaintId, clock, revision: 12, timer });
    expect(id).not.toMatch(/:/);
    expect(id).not.toMatch(/^\d+$/);
    expect(timerFromId(id, '2025-05-06T23:00:00.000Z')).toEqual({
      complaintId,
      clock,
      revision: 12,
      timer,
      fireAt: '2025-05-06T23:00:00.000Z',
    });
  });

  it('differ for every revision, so a moved clock gets new jobs', () => {
    const base = { complaintId: 'c', clock: 'resolution' as const, timer: 'deadline' as const };
    expect(timerId({ ...base, revision: 1 })).not.toBe(timerId({ ...base, revision: 11 }));
  });

  it('are not confused with other jobs', () => {
    expect(timerFromId('repeat:reconcile-deadlines:1700000000', '')).toBeNull();
  });
});
