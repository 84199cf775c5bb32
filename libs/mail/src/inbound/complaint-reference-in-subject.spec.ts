import {
  complaintReferenceInSubject,
  complaintReferencesInSubject,
} from './complaint-reference-in-subject';

describe('complaintReferenceInSubject', () => {
  it.each([
    ['Re: Your complaint SG-2026-000123 has been received', 'SG-2026-000123'],
    ['re: your complaint sg-2026-000123 has been received', 'SG-2026-000123'],
    ['RE: FW: Your complaint SG-2026-000123', 'SG-2026-000123'],
    ['SG-2026-000123', 'SG-2026-000123'],
    ['[SG-2026-000123] invoice', 'SG-2026-000123'],
    ['Re: (SG-2025-004200), second reminder.', 'SG-2025-004200'],
    ['Complaint SG-2026-1234567 reply', 'SG-2026-1234567'],
    ['About SG-2026-000123.', 'SG-2026-000123'],
    ['Ref SG 2026 000123 invoice', 'SG-2026-000123'],
  ])('finds the reference in %j', (subject, reference) => {
    expect(complaintReferenceInSubject(subject)).toBe(reference);
  });

  it.each([
    ['Re: Your complaint has been received'],
    [''],
    ['Re: SG-2026-12345 has been received'],
    ['Re: SG-26-000123'],
    ['Re: XSG-2026-000123'],
    ['Re: SG-2026-000123X'],
    ['Re: SG-2026-000123_draft'],
    ['Order ABCSG-2026-000123'],
    ['Re: SG-2026 000123'],
    ['Re: SG  2026  000123'],
    ['Re: SG 2026 12345'],
  ])('finds no reference in %j', (subject) => {
    expect(complaintReferenceInSubject(subject)).toBeNull();
  });

  it('skips a reference too short to be one and finds the real one after it', () => {
    expect(complaintReferenceInSubject('Not SG-2026-12345 but SG-2026-000124')).toBe(
      'SG-2026-000124',
    );
  });

  it('skips a reference inside a word and finds the real one after it', () => {
    expect(complaintReferenceInSubject('Ref XSG-2026-000001 and SG-2026-000002')).toBe(
      'SG-2026-000002',
    );
  });

  it('finds every reference a subject quotes, each once, in order', () => {
    expect(
      complaintReferencesInSubject('SG-2026-000006 and sg 2026 000002, not SG-2026-000006 again'),
    ).toEqual(['SG-2026-000006', 'SG-2026-000002']);
    expect(complaintReferencesInSubject('Re: the supply teacher')).toEqual([]);
  });
});
