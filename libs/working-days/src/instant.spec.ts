import { InvalidInstantError, parseInstant } from './instant';

describe('parseInstant', () => {
  it.each([
    ['2025-04-17T10:00:00+01:00', '2025-04-17T09:00:00.000Z'],
    ['2025-04-17T10:00:00Z', '2025-04-17T10:00:00.000Z'],
    ['2025-04-17T10:00Z', '2025-04-17T10:00:00.000Z'],
    ['2025-04-17T10:00:00.123456-0500', '2025-04-17T15:00:00.123Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseInstant(text).toISOString()).toBe(iso);
  });

  it.each([
    '2025-04-17',
    '2025-04-17T10:00:00',
    'now',
    '2025-04-31T10:00:00Z',
    '2025-04-17T25:00:00Z',
    '2025-04-17T10:00:00+25:00',
    '2025-04-17T10:00:00+01:60',
  ])('refuses %j', (text) => {
    expect(() => parseInstant(text)).toThrow(InvalidInstantError);
  });
});
