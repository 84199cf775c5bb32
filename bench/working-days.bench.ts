import { performance } from 'node:perf_hooks';
import { naiveDueDate, WorkingDayCalendar } from '@sg/working-days';
import { seededRandom } from '@sg/directory';
import { compare, formatRate, report } from './harness';

const SAMPLES = 10_000;
const TARGET = 10;

/** Due-date computations per second: the table-driven calendar against a day-by-day luxon walk. */
export async function workingDaysBench(): Promise<void> {
  const constructStart = performance.now();
  const calendar = new WorkingDayCalendar();
  const constructMs = performance.now() - constructStart;

  const holidays = new Set<string>();
  for (let year = 2012; year <= 2029; year += 1) {
    for (const holiday of calendar.bankHolidays(year)) holidays.add(holiday.date);
  }
  const isHoliday = (date: string) => holidays.has(date);

  const random = seededRandom(20250417);
  const from = Date.parse('2012-01-01T00:00:00Z');
  const to = Date.parse('2028-06-30T00:00:00Z');
  const starts = Array.from({ length: SAMPLES }, () => new Date(from + random() * (to - from)));

  for (const start of starts) {
    const fast = calendar.addWorkingDays(start, TARGET);
    const naive = naiveDueDate(start, TARGET, isHoliday);
    if (fast.dueDate !== naive.dueDate || fast.deadline.getTime() !== naive.deadline.getTime()) {
      throw new Error(
        `The two disagree for ${start.toISOString()}: ${JSON.stringify({ fast, naive })}`,
      );
    }
  }

  let sink = 0;
  const { candidate, baseline, ratio } = await compare({
    opsPerCall: SAMPLES,
    candidate: () => {
      for (const start of starts) sink += calendar.addWorkingDays(start, TARGET).deadline.getTime();
    },
    baseline: () => {
      for (const start of starts) sink += naiveDueDate(start, TARGET, isHoliday).deadline.getTime();
    },
  });
  if (sink === 0) throw new Error('unreachable: keeps the work from being optimised away');

  report(
    [
      ['due dates (10 working days), WorkingDayCalendar', formatRate(candidate.opsPerSec)],
      ['due dates (10 working days), naive luxon day loop', formatRate(baseline.opsPerSec)],
      ['ratio (calendar / naive)', `${ratio.toFixed(1)}x`],
      ['calendar construction, 2010–2100', `${constructMs.toFixed(1)} ms`],
    ],
    {
      bench: 'working-days',
      opsPerSec: Math.round(candidate.opsPerSec),
      baselineOpsPerSec: Math.round(baseline.opsPerSec),
      ratio: Number(ratio.toFixed(2)),
      constructMs: Number(constructMs.toFixed(1)),
    },
  );
}
