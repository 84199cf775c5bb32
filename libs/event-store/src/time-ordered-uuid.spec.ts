import { timeOrderedUuid } from './time-ordered-uuid';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedUuid', () => {
  it('is a version 7 UUID in the RFC 9562 variant', () => {
    for (let i = 0; i < 1000; i += 1) expect(timeOrderedUuid()).toMatch(UUID_V7);
  });

  it('begins with the milliseconds since 1970 in 48 bits, however large', () => {
    const at = Date.UTC(2026, 11, 6, 23, 30, 0, 123);
    const id = timeOrderedUuid(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(timeOrderedUuid(2 ** 48 - 1).slice(0, 13)).toBe('ffffffff-ffff');
    expect(timeOrderedUuid(0).slice(0, 13)).toBe('00000000-0000');
  });

  it('sorts ids made in a later millisecond after those made earlier', () => {
    const ids = Array.from({ length: 600 }, (_, i) => timeOrderedUuid(1_780_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
  });

  it('never repeats, across refills of its random pool', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(at)));
    expect(ids.size).toBe(10_000);
  });
});
