import { WorkingDayCalendar } from './working-day-calendar';
import { InvalidWorkingHoursError } from './working-hours';

const calendar = new WorkingDayCalendar({ closures: ['2025-05-07'] });
const next = (at: string, hours?: { opens: string; closes: string }) =>
  calendar.nextWorkingMoment(at, hours).toISOString();

describe('WorkingDayCalendar.nextWorkingMoment', () => {
  it('is the moment itself inside working hours on a working day', () => {
    expect(next('2025-05-06T10:15:00+01:00')).toBe('2025-05-06T09:15:00.000Z');
  });

  it('is 08:00 the same day when the day has not yet started', () => {
    expect(next('2025-05-06T06:59:00+01:00')).toBe('2025-05-06T07:00:00.000Z');
  });

  it('is 08:00 on the next working day at midnight, the usual deadline, skipping a closure day', () => {
    // Deadline midnight after Tuesday 6 May 2025; Wednesday 7 is a council closure day.
    expect(next('2025-05-06T23:00:00.000Z')).toBe('2025-05-08T07:00:00.000Z');
  });

  it('waits from Friday evening until Monday morning', () => {
    expect(next('2025-05-09T18:00:00+01:00')).toBe('2025-05-12T07:00:00.000Z');
  });

  it('waits over the Easter weekend, Good Friday to Easter Monday, until Tuesday', () => {
    expect(next('2026-04-03T12:00:00+01:00')).toBe('2026-04-07T07:00:00.000Z');
  });

  it('waits over Christmas 2026 (Boxing Day substitute on Monday 28th) until Tuesday 29th', () => {
    expect(next('2026-12-24T18:30:00Z')).toBe('2026-12-29T08:00:00.000Z');
  });

  it('gives the same answers asked again, however many days have been asked about', () => {
    // Opening and closing instants are kept once worked out; the keeping must not change them.
    const days = Array.from({ length: 5_000 }, (_, i) =>
      new Date(Date.parse('2025-01-01T05:00:00Z') + i * 86_400_000).toISOString(),
    );
    const first = days.map((day) => next(day));
    expect(days.map((day) => next(day))).toEqual(first);
    expect(next('2026-01-10T12:00:00Z')).toBe('2026-01-12T08:00:00.000Z');
    expect(next('2026-07-11T12:00:00Z')).toBe('2026-07-13T07:00:00.000Z');
  });

  it('gives 08:00 London time in winter (GMT) and in summer (BST)', () => {
    expect(next('2026-01-10T12:00:00Z')).toBe('2026-01-12T08:00:00.000Z');
    expect(next('2026-07-11T12:00:00Z')).toBe('2026-07-13T07:00:00.000Z');
  });

  it('crosses the clocks going forward on the last Sunday of March', () => {
    expect(next('2026-03-28T12:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('takes other working hours', () => {
    expect(next('2025-05-06T08:30:00+01:00', { opens: '09:00', closes: '17:00' })).toBe(
      '2025-05-06T08:00:00.000Z',
    );
    expect(next('2025-05-06T17:00:00+01:00', { opens: '09:00', closes: '17:00' })).toBe(
      '2025-05-08T08:00:00.000Z',
    );
  });

  it.each([
    { opens: '8:00', closes: '18:00' },
    { opens: '18:00', closes: '08:00' },
    { opens: '08:00', closes: '24:00' },
  ])('refuses working hours $opens–$closes', (hours) => {
    expect(() => next('2025-05-06T10:00:00Z', hours)).toThrow(InvalidWorkingHoursError);
  });
});
