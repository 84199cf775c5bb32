import { type Actor, type Role } from '../actor';
import { type DomainError } from '../errors';
import { type AttachmentRef } from '../events';
import {
  ADMIN,
  addAttachments,
  ATTACHED_AT,
  attachmentAdded,
  BOARD_A,
  by,
  DEADLINE_WORKER,
  FINANCE,
  HEAD,
  HEAD_BY,
  LETTER,
  lodged,
  MANAGER,
  OTHER_HEAD,
  OTHER_MANAGER,
  referred,
  reimbursementApproved,
  SUPPORT,
  TIMETABLE,
  withdrawn,
} from '../testing/fixtures';
import { fold, given } from '../testing/given-when-then';
import { requireMayAttach } from './attachments';

describe('AddAttachments', () => {
  it('the school adds a file to its complaint', () => {
    given(...referred())
      .when(addAttachments())
      .then(attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT));
  });

  it('records one event per file of the upload, in order', () => {
    given(...referred())
      .when(addAttachments({ attachments: [LETTER, TIMETABLE] }))
      .then(
        attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT),
        attachmentAdded(TIMETABLE, HEAD_BY, ATTACHED_AT),
      );
  });

  it.each([
    ["the service's manager", MANAGER, 'service-manager'],
    ['Business Support', SUPPORT, 'business-support'],
    ['a Board member', BOARD_A, 'board-member'],
    ['an admin', ADMIN, 'admin'],
    ['the engine itself (mail intake)', DEADLINE_WORKER, 'system'],
  ] as const satisfies readonly (readonly [string, Actor, Role])[])(
    '%s, who may see the complaint, adds a file in the role they see it in',
    (_, actor, role) => {
      given(...referred())
        .when(addAttachments({ actor }))
        .then(attachmentAdded(LETTER, by(actor, role), ATTACHED_AT));
    },
  );

  it('finance adds a file to a complaint it pays', () => {
    given(...reimbursementApproved())
      .when(addAttachments({ actor: FINANCE }))
      .thenMatch({ type: 'AttachmentAdded', data: { by: by(FINANCE, 'finance') } });
  });

  it('a file may be added while the complaint is still in triage', () => {
    const beforeTriageEnds = '2025-04-16T09:00:00.000Z';
    given(...lodged())
      .when(addAttachments({ at: beforeTriageEnds }))
      .then(attachmentAdded(LETTER, HEAD_BY, beforeTriageEnds));
  });

  it.each([
    ['staff of another school', OTHER_HEAD],
    ["another service's manager", OTHER_MANAGER],
  ])('%s are told the complaint does not exist', (_, actor) => {
    given(...referred())
      .when(addAttachments({ actor }))
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  it('is refused for a complaint that does not exist', () => {
    given().when(addAttachments()).thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  it('is refused once the complaint is closed, to whoever may see it', () => {
    given(...withdrawn())
      .when(addAttachments())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
    given(...withdrawn())
      .when(addAttachments({ actor: SUPPORT }))
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('someone who may not see a closed complaint is told it does not exist, not that it is closed', () => {
    given(...withdrawn())
      .when(addAttachments({ actor: OTHER_HEAD }))
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
  });

  it('needs at least one file', () => {
    given(...referred())
      .when(addAttachments({ attachments: [] }))
      .thenFails('FIELD_REQUIRED', 'rule');
    given(...referred())
      .when(addAttachments({ attachments: [], filesNotKept: [] }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('records the files sent with them that were refused, and why, after those kept', () => {
    const refused = { name: 'tool.exe', reason: 'Programs cannot be kept' };
    given(...referred())
      .when(addAttachments({ filesNotKept: [refused] }))
      .then(attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT), {
        type: 'FilesNotKept',
        data: { files: [refused], by: HEAD_BY, at: ATTACHED_AT },
      });
    // Every file refused: the refusal alone is recorded.
    given(...referred())
      .when(
        addAttachments({ attachments: [], filesNotKept: [refused, { name: '', reason: 'Empty' }] }),
      )
      .then({
        type: 'FilesNotKept',
        data: { files: [refused, { name: '', reason: 'Empty' }], by: HEAD_BY, at: ATTACHED_AT },
      });
    given(...referred())
      .when(addAttachments({ filesNotKept: [{ name: 'x.exe', reason: ' ' }] }))
      .thenFails('FIELD_REQUIRED', 'rule');
  });

  it('the same file under the same name again is on the complaint already: nothing new', () => {
    const history = [...referred(), attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT)];
    given(...history)
      .when(addAttachments({ attachments: [{ ...LETTER, attachmentId: 'a-retry' }] }))
      .thenNothing();
    given(...history)
      .when(addAttachments({ actor: MANAGER }))
      .thenNothing();
  });

  it('the same file chosen twice in one upload is recorded once', () => {
    given(...referred())
      .when(addAttachments({ attachments: [LETTER, { ...LETTER, attachmentId: 'a-again' }] }))
      .then(attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT));
  });

  it('the same bytes under another name are another file on the complaint', () => {
    const renamed = { ...LETTER, attachmentId: 'a-copy', name: 'Copy of the letter.pdf' };
    given(...referred(), attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT))
      .when(addAttachments({ attachments: [renamed] }))
      .then(attachmentAdded(renamed, HEAD_BY, ATTACHED_AT));
  });

  it('refuses an id already given to another file', () => {
    given(...referred(), attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT))
      .when(addAttachments({ attachments: [{ ...TIMETABLE, attachmentId: LETTER.attachmentId }] }))
      .thenFails('ATTACHMENT_EXISTS', 'conflict');
  });

  it('trims the name, and records only what an attachment is', () => {
    const untidy = {
      ...LETTER,
      name: '  Letter from the music service.pdf ',
      claimedType: 'text/html',
    } as AttachmentRef;
    given(...referred())
      .when(addAttachments({ attachments: [untidy] }))
      .then(attachmentAdded(LETTER, HEAD_BY, ATTACHED_AT));
  });

  it.each([
    ['no name', { name: ' ' }, 'FIELD_REQUIRED'],
    ['no id', { attachmentId: '' }, 'FIELD_REQUIRED'],
    ['a name with a folder', { name: '../etc/passwd' }, 'INVALID_ATTACHMENT'],
    ['a name with a backslash', { name: 'C:\\Users\\head\\letter.pdf' }, 'INVALID_ATTACHMENT'],
    ['a name with a control character', { name: 'letter\u0000.pdf' }, 'INVALID_ATTACHMENT'],
    ['a name over 200 characters', { name: `${'a'.repeat(197)}.pdf` }, 'INVALID_ATTACHMENT'],
    ['no bytes', { sizeBytes: 0 }, 'INVALID_ATTACHMENT'],
    ['a fraction of a byte', { sizeBytes: 1.5 }, 'INVALID_ATTACHMENT'],
    ['a digest that is not SHA-256 hex', { sha256: 'A'.repeat(64) }, 'INVALID_ATTACHMENT'],
    ['a short digest', { sha256: 'a'.repeat(63) }, 'INVALID_ATTACHMENT'],
    ['no media type', { mediaType: '' }, 'INVALID_ATTACHMENT'],
    ['a media type with parameters', { mediaType: 'text/html; x=1' }, 'INVALID_ATTACHMENT'],
  ] as const)('refuses a file with %s', (_, change, code) => {
    given(...referred())
      .when(addAttachments({ attachments: [TIMETABLE, { ...LETTER, ...change }] }))
      .thenFails(code, 'rule');
  });
});

describe('requireMayAttach', () => {
  it('says who adds, in the role they see the complaint in', () => {
    expect(requireMayAttach(MANAGER, fold(referred()))).toEqual(by(MANAGER, 'service-manager'));
    expect(requireMayAttach(HEAD, fold(referred()))).toEqual(HEAD_BY);
  });

  it('refuses as the decider does: the unseen complaint first, then the closed one', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as DomainError).code;
      }
      return null;
    };
    expect(codeOf(() => requireMayAttach(OTHER_HEAD, fold(withdrawn())))).toBe(
      'COMPLAINT_NOT_FOUND',
    );
    expect(codeOf(() => requireMayAttach(HEAD, fold(withdrawn())))).toBe('COMPLAINT_CLOSED');
  });
});
