import type { ReactionReport } from '@sg/event-store';
import { reactionsKeepUp } from './engine-readiness';

const report = (overrides: Partial<ReactionReport>): ReactionReport => ({
  name: 'read-models',
  position: '12/12',
  lag: { events: 0, atLeast: false, oldestWaitingSeconds: null },
  lastError: null,
  parked: 0,
  ...overrides,
});
const failing = {
  message: 'Unexpected token n in JSON at position 1',
  at: '2026-12-07T10:00:00.000Z',
  eventId: null,
  attempts: 40,
};

describe('reactionsKeepUp', () => {
  it('is ready while every reaction is within the lag allowed', async () => {
    expect(
      await reactionsKeepUp(() => Promise.resolve([report({}), report({ name: 'deadlines' })]), 10),
    ).toBeNull();
  });

  it('says which reactions are further behind, and by how much', async () => {
    const behind = report({ lag: { events: 11, atLeast: true, oldestWaitingSeconds: 3 } });
    expect(await reactionsKeepUp(() => Promise.resolve([behind]), 10)).toBe(
      'read-models is at least 11 events behind (more than 10)',
    );
  });

  it('stays ready while a reaction cannot read the store past its position: every node would stop at the same event, and serve nothing; the metric and its alert say so instead', async () => {
    const stuck = report({ position: null, lag: null, lastError: failing });
    expect(await reactionsKeepUp(() => Promise.resolve([stuck]), 1000)).toBeNull();
  });
});
