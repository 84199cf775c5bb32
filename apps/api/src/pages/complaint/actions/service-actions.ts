import {
  type Actor,
  extensionDaysLeft,
  isSchoolStaffOf,
  lapsedQuestion,
  managesService,
  WITH_THE_SERVICE,
} from '@sg/complaints';
import { actorOf } from '@sg/directory';
import { textField } from '../../core/page-form';
import { dueIfStartedNow, schoolAnswerIfProposedNow } from '../due-if-started-now';
import { NOT_EMAILED, type PageAction } from '../page-action';
import {
  CONSENT_MESSAGES,
  consentLookups,
  consentOf,
  contactMethods,
  dateAndTimeMessages,
  londonInstant,
} from './consent-fields';

/** A whole number as a number; anything else as written, for the DTO to refuse by name. */
const wholeNumber = (text: string): number | string =>
  /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : text;

/**
 * The service's work on a complaint referred to it: who works it, what was said to the school,
 * questions and answers, more time, and the resolution it proposes. Which statuses offer each
 * follows the domain's decisions (libs/complaints/src/decisions/service.ts and governance.ts).
 */
export const SERVICE_ACTIONS: readonly PageAction[] = [
  {
    name: 'assignCaseOfficer',
    label: 'Assign a case officer',
    title: 'Assign a case officer',
    view: 'assign.njk',
    offeredIn: ['with-service', 'awaiting-school', 'resolution-proposed'],
    toBody: (form) => ({ officerId: textField(form, 'officerId') }),
    messages: { officerId: { empty: 'Select who will work on this complaint' } },
    done: 'Case officer assigned',
    // The service's staff: whoever manages the complaint's service now.
    lookups: async (complaint, { directory }) => ({
      officers: (await directory.people())
        .map(actorOf)
        .filter(
          (actor): actor is Actor => actor !== null && managesService(actor, complaint.serviceId),
        )
        .map((actor) => ({ value: actor.id, text: actor.name })),
    }),
    initial: (complaint) => ({ officerId: complaint.caseOfficer?.id }),
  },
  {
    name: 'contact',
    label: 'Record contact with the school',
    title: 'Record contact with the school',
    view: 'contact.njk',
    offeredIn: ['with-service', 'awaiting-school', 'resolution-proposed', 'escalated'],
    toBody: (form) => ({
      contactedAt: londonInstant(form, 'contactedAt'),
      method: textField(form, 'method'),
      note: textField(form, 'note'),
    }),
    messages: {
      contactedAt: dateAndTimeMessages('Enter the date and time you contacted the school', {
        both: 'Date and time of contact',
        date: 'Date of contact',
        time: 'Time of contact',
      }),
      method: { empty: 'Select how you contacted the school' },
      note: {
        empty: 'Enter what was said',
        invalid: 'What was said must be 5,000 characters or fewer',
      },
    },
    done: 'Contact recorded',
    lookups: () => Promise.resolve({ methods: contactMethods() }),
  },
  {
    name: 'requestInformation',
    label: 'Ask the school for information',
    title: 'Ask the school for information',
    view: 'request-information.njk',
    offeredIn: ['with-service'],
    toBody: (form) => ({ question: textField(form, 'question') }),
    messages: {
      question: {
        empty: 'Enter what you need from the school',
        invalid: 'What you need from the school must be 5,000 characters or fewer',
      },
    },
    done: 'Question sent to the school',
    doneAs: (_recorded, complaint) =>
      complaint && !complaint.contact.email ? `Question recorded. ${NOT_EMAILED(complaint)}` : null,
    lookups: (complaint, { calendar, now }) =>
      Promise.resolve({
        schoolReplyBy: dueIfStartedNow(calendar, complaint, 'school-reply', now),
      }),
  },
  {
    name: 'informationReceived',
    label: 'Record the school’s reply',
    title: 'Record the school’s reply',
    forTheSchool: {
      label: 'Answer the service’s question',
      title: 'Answer the service’s question',
      done: 'Your answer has been sent to the service',
      messages: {
        summary: {
          empty: 'Enter your reply',
          invalid: 'Your reply must be 5,000 characters or fewer',
        },
      },
    },
    view: 'information-received.njk',
    offeredIn: ['awaiting-school'],
    // An answer the school gave in time, written up after its window lapsed: the council's alone.
    alsoOffered: (complaint, actor) =>
      lapsedQuestion(complaint) !== null && !isSchoolStaffOf(actor, complaint.schoolUrn),
    lookups: (complaint) => Promise.resolve({ lapsed: lapsedQuestion(complaint) }),
    doneAs: (recorded) =>
      recorded.some((event) => event.type === 'ComplaintEscalated')
        ? 'The school’s reply is recorded. Counted from when the school answered, the service’s time had run out, so the complaint has gone to the Board'
        : null,
    // Only the council's form asks when the school answered; left blank, it answered now.
    toBody: (form) => {
      const receivedAt = londonInstant(form, 'receivedAt');
      return { summary: textField(form, 'summary'), ...(receivedAt ? { receivedAt } : {}) };
    },
    messages: {
      summary: {
        empty: 'Enter what the school provided',
        invalid: 'What the school provided must be 5,000 characters or fewer',
      },
      receivedAt: dateAndTimeMessages('Enter when the school answered', {
        both: 'When the school answered',
        date: 'The date the school answered',
        time: 'The time the school answered',
      }),
    },
    done: 'The school’s reply is recorded',
  },
  {
    name: 'extend',
    label: 'Agree more time',
    title: 'Agree more time with the school',
    forTheSchool: {
      label: 'Give the service more time',
      title: 'Give the service more time',
    },
    view: 'extension.njk',
    offeredIn: WITH_THE_SERVICE,
    doneForTheSchool: 'AgreeExtension',
    // The council's form asks how the school agreed; the school's own agreement is its consent.
    toBody: (form) => ({
      extraWorkingDays: wholeNumber(textField(form, 'extraWorkingDays')),
      reason: textField(form, 'reason'),
      ...consentOf(form),
    }),
    notOfferedBecause: (complaint) =>
      extensionDaysLeft(complaint) === 0
        ? `All ${complaint.policy.extensionCapWorkingDays} working days of more time the policy allows have been agreed`
        : null,
    messages: (complaint) => ({
      extraWorkingDays: {
        empty: 'Enter how many more working days are agreed',
        invalid: `Extra working days must be a whole number from 1 to ${extensionDaysLeft(complaint)}`,
      },
      reason: {
        empty: 'Enter why more time is needed',
        invalid: 'Why more time is needed must be 2,000 characters or fewer',
      },
      ...CONSENT_MESSAGES,
    }),
    done: 'More time agreed',
    lookups: async (complaint) => ({
      ...(await consentLookups()),
      daysLeft: extensionDaysLeft(complaint),
      daysAgreed: complaint.clocks.resolution?.extendedBy ?? 0,
    }),
  },
  {
    name: 'proposeResolution',
    label: 'Propose a resolution',
    title: 'Propose a resolution',
    view: 'propose-resolution.njk',
    offeredIn: ['with-service'],
    toBody: (form) => ({ resolution: textField(form, 'resolution') }),
    messages: {
      resolution: {
        empty: 'Enter how the service has resolved the complaint',
        invalid: 'How the service has resolved the complaint must be 10,000 characters or fewer',
      },
    },
    done: 'Resolution proposed to the school',
    lookups: (complaint, { calendar, now }) => {
      const { dueDate, emailWaitsUntil } = schoolAnswerIfProposedNow(calendar, complaint, now);
      return Promise.resolve({ schoolAnswerBy: dueDate, emailWaitsUntil });
    },
  },
  {
    name: 'askToReroute',
    label: 'Ask Business Support to move it to another service',
    title: 'Ask Business Support to move it to another service',
    view: 'ask-to-reroute.njk',
    offeredIn: WITH_THE_SERVICE,
    notOfferedBecause: (complaint) =>
      complaint.rerouteAsked ? 'Business Support has already been asked to move it' : null,
    toBody: (form) => ({ reason: textField(form, 'reason').trim() }),
    messages: {
      reason: {
        empty: 'Enter why the complaint is another service’s',
        invalid: 'Why it is another service’s must be 2,000 characters or fewer',
      },
    },
    done: 'Business Support has been asked to move it',
  },
];
