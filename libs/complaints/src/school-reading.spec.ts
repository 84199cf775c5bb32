import { eventsReadBy } from './school-reading';

describe('what a school reads of its complaint', () => {
  const history = [
    { type: 'ComplaintLodged', data: {}, revision: 0n },
    { type: 'DeadlineWarningIssued', data: { clock: 'triage' }, revision: 1n },
    { type: 'DeadlineMissed', data: { clock: 'triage' }, revision: 2n },
    { type: 'InternalNoteAdded', data: {}, revision: 3n },
  ];

  it('whether a deadline was missed, not the council’s own warning that it was near, nor notes', () => {
    expect(eventsReadBy(history, false).map((event) => [event.type, event.revision])).toEqual([
      ['ComplaintLodged', 0n],
      ['DeadlineMissed', 1n],
    ]);
    expect(eventsReadBy(history, true)).toEqual(history);
  });
});
