import { labelLines } from './label-lines';

describe('a long label broken into lines', () => {
  it('leaves a short label on one line', () => {
    expect(labelLines('Music Service', 24, 3)).toEqual(['Music Service']);
  });

  it('breaks at spaces, never inside a word that fits on a line', () => {
    expect(labelLines('Inclusion and Disability Support Service (traded)', 24, 3)).toEqual([
      'Inclusion and Disability',
      'Support Service (traded)',
    ]);
  });

  it('ends in an ellipsis when the label needs more lines than it has', () => {
    const lines = labelLines('Quality and Continuous Improvement (School Improvement)', 16, 2);
    expect(lines).toEqual(['Quality and', 'Continuous…']);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(16);
  });

  it('cuts a word longer than a line', () => {
    expect(labelLines('Supercalifragilistic', 8, 3)).toEqual(['Supercal', 'ifragili', 'stic']);
    expect(labelLines('Supercalifragilistic', 8, 2)).toEqual(['Supercal', 'ifragil…']);
  });

  it('counts characters, not UTF-16 units, so an emoji is never split in half', () => {
    expect(labelLines('🎻🎻🎻🎻', 2, 2)).toEqual(['🎻🎻', '🎻🎻']);
    expect(labelLines('🎻🎻🎻🎻🎻', 2, 2)).toEqual(['🎻🎻', '🎻…']);
  });

  it('gives no lines for a blank label', () => {
    expect(labelLines('   ', 10, 2)).toEqual([]);
  });
});
