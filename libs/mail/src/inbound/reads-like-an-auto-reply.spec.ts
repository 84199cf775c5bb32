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
    '',
  ])('%j is a person’s', (text) => {
    expect(readsLikeAnAutoReply(text)).toBe(false);
  });
});
