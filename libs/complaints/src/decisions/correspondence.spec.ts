import { type Actor } from '../actor';
import {
  ADMIN,
  BOARD_A,
  by,
  commandBuilder,
  DEADLINE_WORKER,
  FINANCE,
  HEAD,
  HEAD_BY,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  OTHER_MANAGER,
  recordReimbursementPaid,
  referred,
  reimbursementApproved,
  SUPPORT,
  withdrawn,
} from '../testing/fixtures';
import { andThen, given, itForbids } from '../testing/given-when-then';

const AT = '2025-04-25T10:00:00.000Z';

describe('AddInternalNote', () => {
  const note = commandBuilder('AddInternalNote', {
    actor: MANAGER,
    at: AT,
    noteId: 'n-1',
    text: '  Tutor off sick for a month  ',
  });

  it('the service manager adds a note', () => {
    given(...referred())
      .when(note())
      .then({
        type: 'InternalNoteAdded',
        data: { noteId: 'n-1', text: 'Tutor off sick for a month', by: MANAGER_BY, at: AT },
      });
  });

  it.each([
    ['Business Support', SUPPORT, 'business-support'],
    ['a Board member', BOARD_A, 'board-member'],
  ] as const)('%s adds a note', (_, actor: Actor, role) => {
    given(...referred())
      .when(note({ actor }))
      .thenMatch({ type: 'InternalNoteAdded', data: { by: by(actor, role) } });
  });

  it('finance writes no note, as it reads none: not on a complaint it pays, nor on one it is not told exists', () => {
    given(...reimbursementApproved())
      .when(note({ actor: FINANCE }))
      .thenFails('NOT_AUTHORISED', 'forbidden');
    given(...referred())
      .when(note({ actor: FINANCE }))
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  itForbids('%s may not add a note', referred(), (actor) => note({ actor }), {
    'school staff (notes are internal)': HEAD,
    "another service's manager": OTHER_MANAGER,
    'an admin': ADMIN,
    'the deadline worker': DEADLINE_WORKER,
  });

  it('a service manager may not add a note to a complaint that names no service, nor learn it exists', () => {
    given(...lodged({ serviceId: null }))
      .when(note())
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  it('notes are allowed on a closed complaint', () => {
    given(...withdrawn())
      .when(note({ actor: SUPPORT }))
      .thenMatch({ type: 'InternalNoteAdded' });
  });

  it('needs text', () => {
    given(...referred())
      .when(note({ text: ' \n ' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('is refused for a complaint that does not exist', () => {
    given()
      .when(note({ actor: SUPPORT }))
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});

describe('SendMessage', () => {
  const message = commandBuilder('SendMessage', {
    actor: HEAD,
    at: AT,
    messageId: 'm-1',
    text: ' Any news? ',
  });

  it('the school writes to the council', () => {
    given(...referred())
      .when(message())
      .then({
        type: 'MessageSent',
        data: { messageId: 'm-1', from: 'school', text: 'Any news?', by: HEAD_BY, at: AT },
      });
  });

  it.each([
    ['the service manager', MANAGER],
    ['Business Support', SUPPORT],
    ['a Board member', BOARD_A],
  ])('%s writes to the school', (_, actor) => {
    given(...referred())
      .when(message({ actor }))
      .thenMatch({ type: 'MessageSent', data: { from: 'council' } });
  });

  it('finance writes to the school about a complaint it pays', () => {
    given(...reimbursementApproved())
      .when(message({ actor: FINANCE }))
      .thenMatch({ type: 'MessageSent', data: { from: 'council' } });
  });

  itForbids('%s may not write about this complaint', referred(), (actor) => message({ actor }), {
    "another school's staff": OTHER_HEAD,
    "another service's manager": OTHER_MANAGER,
    'an admin': ADMIN,
  });

  it('messages are allowed after the complaint closed', () => {
    const closed = andThen(reimbursementApproved(), recordReimbursementPaid());
    given(...closed)
      .when(message({ at: '2025-06-03T10:00:00.000Z', text: 'Thank you' }))
      .thenMatch({ type: 'MessageSent', data: { from: 'school', text: 'Thank you' } });
  });

  it('needs text', () => {
    given(...referred())
      .when(message({ text: '' }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('is refused for a complaint that does not exist', () => {
    given().when(message()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });
});
