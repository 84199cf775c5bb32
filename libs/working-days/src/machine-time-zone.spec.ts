// The test command runs the date-sensitive suites under TZ=UTC and again under TZ=Pacific/Auckland;
// this proves each run really was in the zone it claims, so the second run is not a repeat of the first.
const requested = process.env.TZ;

(requested ? it : it.skip)(`runs in the requested time zone (${requested ?? 'TZ not set'})`, () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(requested);
  const offset = new Date('2025-01-15T12:00:00Z').getTimezoneOffset();
  if (requested === 'Pacific/Auckland') expect(offset).toBe(-780);
  if (requested === 'UTC') expect(offset).toBe(0);
});
