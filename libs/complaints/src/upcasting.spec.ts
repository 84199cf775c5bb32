import { UnreadableEventError, upcastComplaintEvent, type UpcasterChain } from './upcasting';

// A made-up history: v1 named the field `why`, v2 renamed it `reason`, v3 added `note`.
const chain: UpcasterChain = {
  ComplaintRejected: {
    1: (data) => {
      const { why, ...rest } = data as { why: string };
      return { ...rest, reason: why };
    },
    2: (data) => ({ ...(data as object), note: null }),
  },
};

describe('upcastComplaintEvent', () => {
  it('brings old data up one version at a time to the current schema', () => {
    expect(
      upcastComplaintEvent(
        { type: 'ComplaintRejected', data: { why: 'Not a traded service' }, schemaVersion: 1 },
        chain,
        3,
      ),
    ).toEqual({
      type: 'ComplaintRejected',
      data: { reason: 'Not a traded service', note: null },
    });
  });

  it('leaves current data alone', () => {
    const data = { reason: 'x', note: 'y' };
    expect(
      upcastComplaintEvent({ type: 'ComplaintRejected', data, schemaVersion: 3 }, chain, 3).data,
    ).toBe(data);
  });

  it('refuses data from a newer release, and a version with no way up', () => {
    expect(() =>
      upcastComplaintEvent({ type: 'ComplaintRejected', data: {}, schemaVersion: 4 }, chain, 3),
    ).toThrow(UnreadableEventError);
    expect(() =>
      upcastComplaintEvent({ type: 'ComplaintWithdrawn', data: {}, schemaVersion: 1 }, chain, 2),
    ).toThrow('Cannot read ComplaintWithdrawn at schema version 1: no upcaster from it');
  });
});
