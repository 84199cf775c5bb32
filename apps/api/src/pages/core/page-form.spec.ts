import { Line, Text } from '../../complaints/dto/text';
import { checkForm, textField } from './page-form';

class NoteDto {
  @Line(20, 'A one-line summary')
  summary!: string;

  @Text(50, 'Details')
  details!: string;
}

const MESSAGES = {
  summary: { empty: 'Enter a summary', invalid: 'Summary must be 20 characters or fewer' },
  details: { empty: 'Enter the details', invalid: 'Details must be 50 characters or fewer' },
};

const errorsOf = async (body: object) => {
  const checked = await checkForm(NoteDto, body, MESSAGES);
  return checked.ok ? [] : checked.errors.map((error) => `${error.href} ${error.text}`);
};

describe('a page form’s words for what is wrong with a text', () => {
  it('says a line break in a one-line field is one, not that the text is too long', async () => {
    expect(await errorsOf({ summary: 'HR advice\nlate', details: 'Fine' })).toEqual([
      '#summary Summary must be one line: remove the line breaks',
    ]);
  });

  it('says a character that cannot be shown is one, naming the field', async () => {
    expect(await errorsOf({ summary: 'Late', details: 'Bell \u0007 rang' })).toEqual([
      '#details Details has a character in it that cannot be shown, perhaps pasted from another program: remove it, or type the text again',
    ]);
    expect(await errorsOf({ summary: 'Late \ud800', details: 'Fine' })).toEqual([
      '#summary Summary has a character in it that cannot be shown, perhaps pasted from another program: remove it, or type the text again',
    ]);
  });

  it('still says a text is too long when it is', async () => {
    expect(await errorsOf({ summary: 'x'.repeat(21), details: 'Fine' })).toEqual([
      '#summary Summary must be 20 characters or fewer',
    ]);
  });

  it('reads soft returns pasted from Word or PowerPoint as the line breaks they look like', async () => {
    const details = textField({ details: 'First\u000bsecond\u000cthird\r\nfourth' }, 'details');
    expect(details).toBe('First\nsecond\nthird\nfourth');
    expect(await errorsOf({ summary: 'Late', details })).toEqual([]);
  });
});
