import { type Actor, isSchoolStaffOf, managesService } from '../actor';
import { type CommandOf } from '../commands';
import { type ComplaintEvent } from '../events';
import { type ComplaintState, type OpenComplaint } from '../state';
import { actingAs, existing, requireText, staffOf } from './support';

/**
 * Council staff who read the council's notes on this complaint. Finance, paying a reimbursement,
 * reads none (they say things about people paying does not need), so writes none either.
 */
const noteReaders = (complaint: OpenComplaint) => {
  // Staff of the complaint's school read it as the school, whatever else they are (a governor on
  // the Board): they neither read the council's notes nor write them.
  const outsideTheSchool = (actor: Actor) => !isSchoolStaffOf(actor, complaint.schoolUrn);
  return [
    { role: 'business-support' as const, when: outsideTheSchool },
    {
      role: 'service-manager' as const,
      when: (actor: Actor) => managesService(actor, complaint.serviceId) && outsideTheSchool(actor),
    },
    { role: 'board-member' as const, when: outsideTheSchool },
  ] as const;
};

/** A note for council staff only; the school never sees it. */
export function addInternalNote(
  command: CommandOf<'AddInternalNote'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = existing(state);
  const by = actingAs(
    command.actor,
    'add internal notes to this complaint',
    ...noteReaders(complaint),
  );
  const text = requireText(command.text, 'text');
  return [
    { type: 'InternalNoteAdded', data: { noteId: command.noteId, text, by, at: command.at } },
  ];
}

/** Correspondence the school sees, in either direction. */
export function sendMessage(
  command: CommandOf<'SendMessage'>,
  state: ComplaintState,
): ComplaintEvent[] {
  const complaint = existing(state);
  const by = actingAs(
    command.actor,
    'write to the school about this complaint',
    staffOf(complaint),
    ...noteReaders(complaint),
    { role: 'finance' },
  );
  const text = requireText(command.text, 'text');
  return [
    {
      type: 'MessageSent',
      data: {
        messageId: command.messageId,
        from: by.role === 'school-staff' ? 'school' : 'council',
        text,
        by,
        at: command.at,
      },
    },
  ];
}
