import { redisSettingsWarnings } from './bullmq-deadline-scheduler';

describe('redisSettingsWarnings', () => {
  it('says nothing of a Redis that keeps every timer: noeviction, append-only', () => {
    expect(redisSettingsWarnings({ maxmemoryPolicy: 'noeviction', appendonly: 'yes' })).toEqual([]);
  });

  it('names each setting that could lose timers, and what to set it to', () => {
    expect(redisSettingsWarnings({ maxmemoryPolicy: 'allkeys-lru', appendonly: 'no' })).toEqual([
      expect.stringMatching(/maxmemory-policy is allkeys-lru: .*set it to noeviction$/),
      expect.stringMatching(/appendonly is no: .*set appendonly yes$/),
    ]);
    expect(redisSettingsWarnings({ maxmemoryPolicy: 'noeviction', appendonly: 'no' })).toHaveLength(
      1,
    );
  });
});
