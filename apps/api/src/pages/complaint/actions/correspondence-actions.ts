import { COMPLAINT_STATUSES, type ComplaintStatus, isSchoolStaffOf } from '@sg/complaints';
import { optionalTextField, textField } from '../../core/page-form';
import { CONSENT_MESSAGES, consentLookups, consentOf } from './consent-fields';
import { NOT_EMAILED, type PageAction } from '../page-action';

/** Until it closes, people can write on a complaint. */
const OPEN: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter((status) => status !== 'closed');

/** Writing on a complaint: a message the school sees, and the council's internal note. */
export const CORRESPONDENCE_ACTIONS: readonly PageAction[] = [
  {
    name: 'message',
    label: 'Send a message',
    title: 'Send a message',
    view: 'message.njk',
    offeredIn: OPEN,
    toBody: (form) => ({ text: textField(form, 'text') }),
    messages: {
      text: {
        empty: 'Enter your message',
        invalid: 'Your message must be 10,000 characters or fewer',
      },
    },
    done: 'Message sent',
    // The school's message while a resolution or a question waits for its answer answers it (the
    // domain's messageOnTheComplaint): it is told what became of the proposal, or of the question.
    doneAs: (recorded, complaint) => {
      const happened = (type: string) => recorded.some((event) => event.type === type);
      const fromTheCouncil = recorded.some(
        (event) => event.type === 'MessageSent' && event.data.by.role !== 'school-staff',
      );
      if (fromTheCouncil && complaint && !complaint.contact.email)
        return `Message recorded. ${NOT_EMAILED(complaint)}`;
      if (happened('ResolutionConfirmed'))
        return 'Message sent. You said the proposed resolution put things right, so your complaint is closed';
      if (happened('ComplaintEscalated'))
        return 'Message sent. As you have not accepted the proposed resolution and the service’s time has run out, your complaint goes to the Board';
      if (happened('ResolutionDisputed'))
        return 'Message sent. As you have not accepted the proposed resolution, the service takes your complaint back with what you wrote';
      if (happened('InformationReceived'))
        return 'Message sent. It answers the service’s question, so the service’s time to resolve your complaint runs again';
      return null;
    },
  },
  {
    name: 'note',
    label: 'Add an internal note',
    title: 'Add an internal note',
    view: 'note.njk',
    offeredIn: [...OPEN, 'closed'],
    // As the decider has it: staff of the school read its complaint as the school, notes unread.
    notOfferedBecause: (complaint, actor) =>
      isSchoolStaffOf(actor, complaint.schoolUrn)
        ? 'You work at the school this complaint is from, so you read it as the school does: the council’s notes on it are not yours to read or write'
        : null,
    toBody: (form) => ({ text: textField(form, 'text') }),
    messages: {
      text: { empty: 'Enter the note', invalid: 'The note must be 10,000 characters or fewer' },
    },
    done: 'Note added',
  },
  {
    name: 'changeSchoolContact',
    label: 'Change the school’s contact',
    title: 'Change the school’s contact',
    forTheSchool: { label: 'Change who we write to', title: 'Change who we write to' },
    view: 'school-contact.njk',
    offeredIn: OPEN,
    doneForTheSchool: 'ChangeSchoolContact',
    toBody: (form) => ({
      contact: {
        name: textField(form, 'contact-name'),
        role: optionalTextField(form, 'contact-role'),
        email: optionalTextField(form, 'contact-email'),
        phone: optionalTextField(form, 'contact-phone'),
      },
      ...consentOf(form),
    }),
    messages: {
      'contact.name': {
        empty: 'Enter the name of the person to write to',
        invalid: 'Name must be 200 characters or fewer',
      },
      'contact.role': {
        empty: 'Enter their role, or leave it blank',
        invalid: 'Role must be 200 characters or fewer',
      },
      'contact.email': {
        empty: 'Enter their email address, or leave it blank',
        invalid: 'Enter an email address in the correct format, like name@school.sch.uk',
      },
      'contact.phone': {
        empty: 'Enter their telephone number, or leave it blank',
        invalid: 'Enter a telephone number, like 01772 123456',
      },
      ...CONSENT_MESSAGES,
    },
    done: 'Contact changed',
    lookups: consentLookups,
    // The contact as it is, to correct one detail or to write over.
    initial: ({ contact }) => ({
      'contact-name': contact.name,
      'contact-role': contact.role,
      'contact-email': contact.email,
      'contact-phone': contact.phone,
    }),
  },
];
