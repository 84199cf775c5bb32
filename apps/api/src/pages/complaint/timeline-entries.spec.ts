import { type TimelineLine } from '@sg/read-models';
import { timelineEntries } from './timeline-entries';

const line = (
  revision: number,
  type: string,
  details: Record<string, unknown> = {},
): TimelineLine => ({
  revision,
  type,
  at: `2025-04-${String(10 + revision).padStart(2, '0')}T09:00:00.000Z`,
  by: { id: 'someone', role: revision === 0 ? 'school-staff' : 'system' },
  recordedAt: '2025-04-10T09:00:00.000Z',
  details,
});

describe('a complaint’s timeline as the page shows it', () => {
  const entries = timelineEntries([
    line(0, 'ComplaintLodged', { summary: 'Advice came late', details: 'Long story' }),
    line(1, 'ClockStarted', { clock: 'triage' }),
    line(2, 'ComplaintEscalated', { reason: 'resolution-deadline-missed' }),
    line(3, 'SomethingNew'),
  ]);

  it('puts the newest first and leaves out the clocks’ bookkeeping', () => {
    expect(entries.map((entry) => entry.label.text)).toEqual([
      'Something New',
      'Escalated to the Board',
      'Complaint received',
    ]);
  });

  it('says who acted and why an escalation happened, in words', () => {
    expect(entries[1]).toEqual({
      label: { text: 'Escalated to the Board' },
      byline: { text: 'Service Guarantee' },
      datetime: { timestamp: '2025-04-12T09:00:00.000Z', type: 'datetime' },
      text: 'The service did not resolve it by its deadline.',
    });
    expect(entries[2].byline.text).toBe('School');
    expect(entries[2].text).toBe('Advice came late');
  });
});
