import { readsLikeAnAutoReply } from './reads-like-an-auto-reply';

describe('readsLikeAnAutoReply', () => {
  it.each([
    'Thank you for your email. I am out of the office until Monday 4 January.',
    'I’m currently on annual leave, returning on 5 January.',
    "I'm away until Tuesday with limited access to email.",
    'Hello,\n\nI will be out of office till the new year.',
    'I am not in school until Monday.',
    'This mailbox is not monitored. Please call the school office.',
    'This is an automatic reply: your message has been received.',
    // A school's holiday responder and a helpdesk's receipt, sent with no header to say so.
    'Thank you for your email. The school is now closed for the Christmas holidays and will reopen on Tuesday 5 January.',
    'Our school office is closed until Monday 2 June.',
    'Your request has been received and a ticket has been created. Ticket #4711.',
    'Dear sender,\n\nA new ticket has been created for your request.',
  ])('%j opens as a responder does', (text) => {
    expect(readsLikeAnAutoReply(text)).toBe(true);
  });

  it.each([
    'We have the dates now: 3, 10 and 17 March.',
    'Not resolved: the head is away until Monday, and nothing has changed.',
    'Not resolved. The tutor still has not come. I am on leave from Friday so please ring the deputy head.',
    'The dates were 3 and 10 March; I will be away from school until Monday.',
    'The adviser said she was out of the office that week, which is why we complained.',
    `${'We asked twice. '.repeat(30)}I am out of the office until Monday.`,
    'Not resolved: the school was closed for snow on the day the adviser was to come.',
    'The school is closed on Friday for the inset day, so please call on Monday.',
    '',
  ])('%j is a person’s', (text) => {
    expect(readsLikeAnAutoReply(text)).toBe(false);
  });
});
