import { DEADLINE_WORKER, MAIL_OUTBOX } from '@sg/complaints';
import { messagesEndedBy } from './messages-of-a-clock';

const stopped = (id: string) =>
  messagesEndedBy({
    type: 'ClockStopped',
    data: {
      clock: 'school-confirmation',
      revision: 1,
      metDeadline: true,
      by: { id, role: 'system' },
      at: '2025-06-16T07:00:00.000Z',
    },
  });

describe('the messages a clock event ends', () => {
  it('a run stopped ends its warning and what asked someone to act within it', () => {
    expect(stopped(DEADLINE_WORKER.id)).toEqual({
      kinds: ['school-confirmation-warning', 'resolution-proposed-for-school'],
      upToRevision: 1,
    });
  });

  it('the window the outbox starts afresh when the proposal goes ends only its old warning: the proposal is what went', () => {
    expect(stopped(MAIL_OUTBOX.id)).toEqual({
      kinds: ['school-confirmation-warning'],
      upToRevision: 1,
    });
  });

  it('a closed complaint ends every run’s, and never the acknowledgement', () => {
    const ended = messagesEndedBy({
      type: 'ComplaintClosed',
      data: { outcome: 'withdrawn', by: { id: 'p-head', role: 'school-staff' }, at: 'x' },
    });
    expect(ended?.upToRevision).toBeNull();
    expect(ended?.kinds).toEqual(
      expect.arrayContaining(['escalated-to-board', 'resolution-proposed-for-school']),
    );
    expect(ended?.kinds).not.toContain('acknowledgement-for-school');
  });
});
