import { BACKGROUND_COLOUR, SERIES_LOOKS, TEXT_COLOUR } from './chart-palette';
import { contrastRatio } from './contrast';

describe('colour contrast', () => {
  it('gives WCAG’s ratios: 21 for black on white, 1 for a colour on itself, either way round', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1d70b8', '#1d70b8')).toBe(1);
    expect(contrastRatio('#1d70b8', '#ffffff')).toBeCloseTo(5.17, 2);
  });

  it('refuses a colour it cannot read', () => {
    expect(() => contrastRatio('blue', '#ffffff')).toThrow('#rrggbb');
  });

  it('keeps every series’ bar edge and the text at WCAG 2.2 AA against the page', () => {
    expect(contrastRatio(TEXT_COLOUR, BACKGROUND_COLOUR)).toBeGreaterThanOrEqual(4.5);
    for (const look of SERIES_LOOKS) {
      expect(contrastRatio(look.outline, BACKGROUND_COLOUR)).toBeGreaterThanOrEqual(3);
    }
    // Orange alone is too faint, so it alone is outlined in the text colour.
    expect(SERIES_LOOKS.filter((look) => look.outline !== look.colour)).toEqual([
      { colour: '#f47738', outline: TEXT_COLOUR, marks: 'cross-hatch' },
    ]);
  });

  it('gives every series its own marks, so none is told from another by colour alone', () => {
    expect(new Set(SERIES_LOOKS.map((look) => look.marks)).size).toBe(SERIES_LOOKS.length);
  });
});
