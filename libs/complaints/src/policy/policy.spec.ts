import { DEFAULT_POLICY } from './default-policy';
import { parsePolicy, PolicyError, unreachableQuorum } from './policy';

describe("the policy's decision quorum", () => {
  it('is 1 by default: one Board member decides, as before it was a setting', () => {
    expect(DEFAULT_POLICY.decisionQuorum).toBe(1);
    expect(parsePolicy({ ...DEFAULT_POLICY })).toEqual(DEFAULT_POLICY);
  });

  it('may be set higher', () => {
    expect(parsePolicy({ ...DEFAULT_POLICY, decisionQuorum: 3 }).decisionQuorum).toBe(3);
  });

  it.each([
    ['missing', undefined],
    ['0', 0],
    ['not whole', 1.5],
    ['not a number', '2'],
  ])('is refused when %s', (_, decisionQuorum) => {
    expect(() => parsePolicy({ ...DEFAULT_POLICY, decisionQuorum })).toThrow(
      new PolicyError(['decisionQuorum must be a whole number, 1 or more']),
    );
  });

  it('cannot need more members than the Board has', () => {
    const policy = { ...DEFAULT_POLICY, approvalQuorum: 1, decisionQuorum: 4 };
    expect(unreachableQuorum(policy, 3)).toBe(
      'decisionQuorum is 4, but there are only 3 Board members',
    );
    expect(unreachableQuorum(policy, 4)).toBeNull();
  });
});
