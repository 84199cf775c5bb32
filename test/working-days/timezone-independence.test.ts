import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

// Jest gives each test file a copy of process.env, so changing TZ inside a test never reaches V8.
// Each zone therefore gets a real Node process running the compiled library.
const library = join(__dirname, '../../dist/libs/working-days/src/index.js');

const program = `
const { WorkingDayCalendar } = require(${JSON.stringify(library)});
const calendar = new WorkingDayCalendar({ closures: ['2026-12-29', '2026-12-30', '2026-12-31'] });
const samples = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
const answers = samples.map(([start, n]) => {
  const { dueDate, deadline } = calendar.addWorkingDays(start, n);
  return [dueDate, deadline.toISOString(), calendar.workingDaysBetween(start, deadline)];
});
process.stdout.write(JSON.stringify({ offset: new Date('2025-01-15T12:00:00Z').getTimezoneOffset(), answers }));
`;

describe('the working-day calendar on machines in other time zones', () => {
  it('gives the same answers in every zone', () => {
    expect(existsSync(library)).toBe(true);
    const samples = fc
      .sample(
        fc.tuple(
          fc.date({
            min: new Date('2010-01-01Z'),
            max: new Date('2096-12-31Z'),
            noInvalidDate: true,
          }),
          fc.integer({ min: 0, max: 300 }),
        ),
        { numRuns: 2000, seed: 20250417 },
      )
      .map(([start, n]) => [start.toISOString(), n]);
    const zones = [
      'UTC',
      'Europe/London',
      'Pacific/Auckland',
      'America/Los_Angeles',
      'Asia/Kolkata',
    ];
    const results = zones.map(
      (zone) =>
        JSON.parse(
          execFileSync(process.execPath, ['-e', program], {
            input: JSON.stringify(samples),
            env: { ...process.env, TZ: zone },
          }).toString(),
        ) as { offset: number; answers: unknown[] },
    );
    expect(new Set(results.map((r) => r.offset)).size).toBe(4);
    for (const result of results) expect(result.answers).toEqual(results[0].answers);
  });
});
