import { COMPLAINT_STATUSES, type ComplaintStatus } from '@sg/complaints';
import { textField } from '../../core/page-form';
import { type PageAction } from '../page-action';

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
    messages: { text: { empty: 'Enter your message' } },
    done: 'Message sent',
  },
  {
    name: 'note',
    label: 'Add an internal note',
    title: 'Add an internal note',
    view: 'note.njk',
    offeredIn: [...OPEN, 'closed'],
    toBody: (form) => ({ text: textField(form, 'text') }),
    messages: { text: { empty: 'Enter the note' } },
    done: 'Note added',
  },
];
