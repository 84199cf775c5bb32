/** What schools write about: a subject and the sentences a complaint about it is made of. */
interface Topic {
  readonly subjects: readonly string[];
  readonly sentences: readonly string[];
}

const TOPICS: readonly Topic[] = [
  {
    subjects: [
      'Violin lessons cancelled without notice',
      'Music Service tutor has not attended for three weeks',
      'Instrument hire invoice for instruments we returned',
      'Whole-class ensemble sessions cut short',
    ],
    sentences: [
      'Our Year 4 violin lessons have been cancelled three weeks running and nobody told us in advance.',
      'The tutor did not arrive on Tuesday and the children waited in the hall for forty minutes.',
      'We were invoiced £312.50 for the hire of six cellos that were collected from us in July.',
      'Parents have paid for the term and are now asking the school office for refunds we cannot give.',
      'The timetable we agreed in September has been changed twice without anyone speaking to us.',
      'When we rang the Music Service office we were told someone would call back, but nobody did.',
    ],
  },
  {
    subjects: [
      'Advice on a grievance came three weeks late',
      'Schools HR did not return our calls about a disciplinary hearing',
      'Wrong contract issued to a new teaching assistant',
      'Late DBS advice held up an appointment',
    ],
    sentences: [
      'We asked Schools HR for advice on a grievance on 20 March and heard nothing until 10 April.',
      'The hearing had to be postponed because the adviser did not send the paperwork in time.',
      'A new teaching assistant was sent a term-time only contract when the post is all year round.',
      'Our business manager left four voicemails over two weeks and none of them was answered.',
      'The delay meant a candidate we wanted to appoint took a job at another school.',
      'We pay for the enhanced HR package precisely so that we get an answer within two working days.',
    ],
  },
  {
    subjects: [
      'Supply teacher booked through the agency did not arrive',
      'Teaching Agency sent a supply teacher without the right checks',
      'Charged for a full day when the supply teacher left at lunchtime',
    ],
    sentences: [
      'The supply teacher booked for Monday did not arrive and we had to split the Year 2 class.',
      'The teacher who came had no record of a safeguarding check that we could see on the day.',
      'We were charged for a full day although the teacher left at 12:15 after being taken ill.',
      'We were given no warning that the booking had been cancelled until 8:50 that morning.',
      'The headteacher had to teach the class herself and missed a meeting with a parent.',
    ],
  },
  {
    subjects: [
      'Outdoor education residential cancelled at short notice',
      'Deposit not returned for the Year 6 residential',
      'Staffing at the outdoor centre was not as agreed',
    ],
    sentences: [
      'Our Year 6 residential at the outdoor centre was cancelled four days before we were due to go.',
      'The deposit of £1,150.00 that we paid in October has still not been returned.',
      'Only two instructors were on site for a group of 34 pupils, not the four we were promised.',
      'Several families had bought kit especially for the trip and are understandably upset.',
      'We were offered alternative dates in July, which clash with our sports day and transition week.',
    ],
  },
  {
    subjects: [
      'Governor clerk did not attend the full governing board meeting',
      'Minutes from the governors meeting not received',
      'Governor training course cancelled twice',
    ],
    sentences: [
      'The clerk booked through Governor Services did not attend our full governing board meeting.',
      'We have still not received the minutes from the meeting held on 12 February.',
      'The chair of governors had to take the minutes herself, which is not what we pay for.',
      'The safeguarding training for new governors has now been cancelled twice this term.',
      'Two of our new governors cannot start their monitoring visits until the training is done.',
    ],
  },
  {
    subjects: [
      'Inclusion support visit did not happen',
      'Report from the inclusion service has not arrived',
      'No reply about support for a pupil with an EHCP',
    ],
    sentences: [
      'The inclusion support visit planned for a pupil in Year 3 did not happen and was not rearranged.',
      'We were told the report would follow within ten working days; it has now been six weeks.',
      'The family have asked twice when the report will arrive and we have had nothing to tell them.',
      'Without the report we cannot put the agreed adjustments in place for next term.',
      'Our SENCo has chased by email on 3, 10 and 17 March without a reply.',
    ],
  },
  {
    subjects: [
      'Professional development course changed to online without notice',
      'Charged for a training day that was cancelled',
      'Certificates from the leadership course not issued',
    ],
    sentences: [
      'The middle leaders course was moved online the day before without anyone asking us.',
      'We were charged £195.00 for a training day that the service itself cancelled.',
      'Our deputy head completed the leadership course in December but has no certificate.',
      'We released two members of staff and paid for cover, so the change cost us twice.',
      'The booking system still shows the course as running on the original date.',
    ],
  },
];

const GREETINGS = ['Dear Sir or Madam,', 'Hello,', 'Good morning,', 'Dear complaints team,', 'Hi,'];
const CLOSINGS = [
  'Please could someone look into this and let me know what will happen next.',
  'I would like a written explanation and an assurance this will not happen again.',
  'We would like a refund for the sessions that did not take place.',
  'I look forward to hearing from you.',
  'Please treat this as a formal complaint under the service guarantee.',
];
const SIGN_OFFS = ['Kind regards,', 'Many thanks,', 'Best wishes,', 'Regards,', 'Thank you,'];

const REPLY_OPENINGS = [
  'Thank you for getting back to me.',
  'Thanks for your email.',
  'Thank you for the update.',
  'Further to your message,',
  'In answer to your question,',
];
const REPLY_SENTENCES = [
  'The lessons that were missed were on 3, 10 and 17 March.',
  'I have attached the invoice we received so you can see the amounts.',
  'Our business manager can be reached on 01772 555 014 any morning this week.',
  'The pupils affected are in Year 4 and Year 5, about 48 children in all.',
  'We have not had any further contact from the service since I wrote.',
  'The adviser did ring on Friday, but only to say she would ring again.',
  'We would accept a credit against next year’s agreement instead of a refund.',
  'The deposit was paid by BACS on 14 October; our reference was RES-2025-114.',
  'Yes, we are happy for you to share our complaint with the service manager.',
  'The replacement tutor has now started, but the three lost weeks have not been made up.',
];

export type Pick = <T>(items: readonly T[]) => T;

/** Fisher–Yates, from the seeded sequence. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export interface ComplaintProse {
  readonly subject: string;
  readonly paragraphs: readonly string[];
}

/** A complaint as a person at a school writes one: a greeting, what went wrong, what they want. */
export function complaintProse(pick: Pick, random: () => number): ComplaintProse {
  const topic = pick(TOPICS);
  const sentences = shuffled(topic.sentences, random);
  const told = sentences.slice(0, 2 + Math.floor(random() * (sentences.length - 1)));
  const middle: string[] = [];
  for (let i = 0; i < told.length; i += 2) middle.push(told.slice(i, i + 2).join(' '));
  return {
    subject: pick(topic.subjects),
    paragraphs: [pick(GREETINGS), ...middle, pick(CLOSINGS)],
  };
}

/** What a school writes back on its complaint: an opening and a sentence or three. */
export function replyProse(pick: Pick, random: () => number): readonly string[] {
  const count = 1 + Math.floor(random() * 3);
  const sentences = Array.from({ length: count }, () => pick(REPLY_SENTENCES));
  return [`${pick(REPLY_OPENINGS)} ${sentences.join(' ')}`];
}

export const signOff = (pick: Pick) => pick(SIGN_OFFS);
