import { dateAndTimeMessages, londonInstant } from './consent-fields';

describe('a date-and-time field’s messages', () => {
  const messages = dateAndTimeMessages('Enter the date and time you contacted the school', {
    both: 'Date and time of contact',
    date: 'Date of contact',
    time: 'Time of contact',
  });
  const given = (day: string, month: string, year: string, time: string) =>
    londonInstant(
      {
        contactedAtDay: day,
        contactedAtMonth: month,
        contactedAtYear: year,
        contactedAtTime: time,
      },
      'contactedAt',
    );

  it('asks for a time left out, rather than calling it wrong', () => {
    expect(messages.invalidAs(given('17', '4', '2025', ''))).toBe(
      'Enter the time of contact, such as 2:30pm',
    );
  });

  it('says a time that is none is wrong, and a date that is none', () => {
    expect(messages.invalidAs(given('17', '4', '2025', 'teatime'))).toBe(
      'Time of contact must be a time, such as 2:30pm or 14:30',
    );
    expect(messages.invalidAs(given('31', '2', '2025', '2pm'))).toBe(
      'Date of contact must be a real date, such as 27 3 2025',
    );
    // GOV.UK's words for a year typed short.
    expect(messages.invalidAs(given('17', '4', '25', '2pm'))).toBe('Year must include 4 numbers');
  });
});
