import { wrongBoxClasses } from './wrong-box-classes';

describe('wrongBoxClasses', () => {
  it('marks no box without an error', () => {
    expect(wrongBoxClasses(undefined)).toEqual({ day: '', month: '', year: '', time: '' });
  });

  it('marks every box when the error does not say which', () => {
    expect(Object.values(wrongBoxClasses({}))).toEqual(Array(4).fill(' govuk-input--error'));
  });

  it('marks only the boxes the error names', () => {
    expect(wrongBoxClasses({ parts: ['month', 'time'] })).toEqual({
      day: '',
      month: ' govuk-input--error',
      year: '',
      time: ' govuk-input--error',
    });
  });
});
