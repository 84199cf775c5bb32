import { eventsFor, readsCouncilNotes, requireAccess, roleSeeing } from './access';
import { DomainError } from './errors';
import { type ComplaintEvent } from './events';
import {
  ADMIN,
  APPROVED_AT,
  BOARD_A,
  BOARD_MANAGER,
  conflictDeclared,
  FINANCE,
  HEAD,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  OTHER_MANAGER,
  recordContact,
  referred,
  reimbursementApproved,
  reimbursementProposed,
  SUPPORT,
} from './testing/fixtures';
import { fold, given } from './testing/given-when-then';
import { INITIAL_STATE, type OpenComplaint } from './state';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};

/** Events as the store gives them, each with its revision. */
const numbered = (events: readonly ComplaintEvent[]) =>
  events.map((event, index) => ({ ...event, revision: BigInt(index) }));

describe('who may see a complaint', () => {
  const complaint = fold(referred());

  it.each([
    ['its school', HEAD],
    ['its service', MANAGER],
    ['Business Support', SUPPORT],
    ['a Board member', BOARD_A],
    ['an administrator', ADMIN],
  ])('%s', (_, actor) => {
    expect(requireAccess(actor, complaint)).toBe(complaint);
  });

  it.each([
    ['another school', OTHER_HEAD],
    ['another service', OTHER_MANAGER],
    ['finance, with no reimbursement to pay on it', FINANCE],
  ])('not %s, who is told exactly what a missing complaint would tell them', (_, actor) => {
    const refused = refusal(() => requireAccess(actor, complaint));
    const missing = refusal(() => requireAccess(actor, INITIAL_STATE));
    expect(refused).toBeInstanceOf(DomainError);
    expect({ ...refused, message: refused.message }).toEqual({
      ...missing,
      message: missing.message,
    });
    expect(refused.code).toBe('COMPLAINT_NOT_FOUND');
  });

  it('refuses a stranger before any rule of the command, so no state leaks through a 409', () => {
    // Contact is recorded once the complaint is referred; lodged only, it would be a conflict.
    given(...lodged())
      .when(recordContact({ actor: OTHER_MANAGER }))
      .thenFails('COMPLAINT_NOT_FOUND', 'not-found');
    given(...lodged())
      .when(recordContact({ actor: MANAGER }))
      .thenFails('INVALID_TRANSITION', 'conflict');
  });

  it.each([
    ['its school', HEAD, 'school-staff'],
    ['its service', MANAGER, 'service-manager'],
    ['Business Support', SUPPORT, 'business-support'],
    // A Board member who manages the service sees it first as its manager.
    ['a Board member of the service', BOARD_MANAGER, 'service-manager'],
    ['another school', OTHER_HEAD, null],
  ])('%s sees it as %s', (_, actor, role) => {
    expect(roleSeeing(actor, complaint as OpenComplaint)).toBe(role);
  });

  describe('the officer who logged it for the school', () => {
    const note = {
      type: 'InternalNoteAdded',
      data: { noteId: 'n-1', text: 'The officer was off sick', by: MANAGER_BY, at: APPROVED_AT },
    } as const;
    const history = numbered([...referred(), note, conflictDeclared()]);
    const loggedBy = (actor: typeof OTHER_MANAGER) =>
      ({
        ...fold(history),
        lodgedBy: { id: actor.id, role: actor.roles[0].role },
      }) as OpenComplaint;

    it('follows it in the role they logged it in, about another service, without the council’s notes', () => {
      const complaint = loggedBy(OTHER_MANAGER);
      expect(roleSeeing(OTHER_MANAGER, complaint)).toBe('service-manager');
      const read = eventsFor(OTHER_MANAGER, complaint, history).map((event) => event.type);
      expect(read).toContain('ComplaintReferred');
      expect(read).not.toContain('InternalNoteAdded');
      expect(read).not.toContain('ConflictOfInterestDeclared');
      // The service's own manager reads it all, as ever.
      expect(eventsFor(MANAGER, complaint, history)).toEqual(history);
    });

    it('no longer once they hold that role no more, nor anyone else of the role', () => {
      const complaint = loggedBy(OTHER_MANAGER);
      expect(roleSeeing({ ...OTHER_MANAGER, roles: [] }, complaint)).toBeNull();
      expect(roleSeeing({ ...OTHER_MANAGER, id: 'someone-else' }, complaint)).toBeNull();
    });

    it('but a school’s staff who lodged it follow it only while they are its staff', () => {
      const complaint = {
        ...fold(history),
        lodgedBy: { id: HEAD.id, role: 'school-staff' },
      } as OpenComplaint;
      expect(roleSeeing(HEAD, complaint)).toBe('school-staff');
      expect(roleSeeing({ ...HEAD, roles: OTHER_HEAD.roles }, complaint)).toBeNull();
    });
  });

  it('the council’s own working (its notes, the copies of emails filed on it) is read by those with a part in handling it', () => {
    const approved = fold(reimbursementApproved()) as OpenComplaint;
    expect(
      [SUPPORT, MANAGER, BOARD_A, HEAD, FINANCE, OTHER_MANAGER].map((actor) =>
        readsCouncilNotes(actor, approved),
      ),
    ).toEqual([true, true, true, false, false, false]);
    const logged = { ...approved, lodgedBy: { id: OTHER_MANAGER.id, role: 'service-manager' } };
    expect(roleSeeing(OTHER_MANAGER, logged as OpenComplaint)).toBe('service-manager');
    expect(readsCouncilNotes(OTHER_MANAGER, logged as OpenComplaint)).toBe(false);
  });

  describe('finance, which pays what the Board approved', () => {
    const note = {
      type: 'InternalNoteAdded',
      data: { noteId: 'n-1', text: 'The officer was off sick', by: MANAGER_BY, at: APPROVED_AT },
    } as const;

    it('sees a complaint once a reimbursement on it is approved, and still once it is paid', () => {
      const approved = fold(reimbursementApproved()) as OpenComplaint;
      expect(roleSeeing(FINANCE, approved)).toBe('finance');
      const paid = { ...approved, proposal: { ...approved.proposal!, status: 'paid' as const } };
      expect(roleSeeing(FINANCE, paid)).toBe('finance');
      expect(() => requireAccess(FINANCE, fold(reimbursementProposed()))).toThrow(DomainError);
    });

    it('sees one it logged for a school itself, whatever its state', () => {
      const logged = fold(referred()) as OpenComplaint;
      expect(
        roleSeeing(FINANCE, { ...logged, lodgedBy: { id: FINANCE.id, role: 'finance' } }),
      ).toBe('finance');
    });

    it('is not given the council’s notes nor a Board member’s reasons for standing aside', () => {
      const history = numbered([...reimbursementApproved(), note, conflictDeclared()]);
      const complaint = fold(history) as OpenComplaint;
      const paying = eventsFor(FINANCE, complaint, history);
      const read = paying.map((event) => event.type);
      // Numbered among themselves: no gap tells that something was left out, nor when.
      expect(paying.map((event) => event.revision)).toEqual(read.map((_, index) => BigInt(index)));
      expect(paying.length).toBe(history.length - 2);
      expect(read).not.toContain('InternalNoteAdded');
      expect(read).not.toContain('ConflictOfInterestDeclared');
      expect(read).toContain('ReimbursementApproved');
      // Anyone who reads the complaint for more than paying it is given everything.
      expect(eventsFor(SUPPORT, complaint, history)).toEqual(history);
      expect(
        eventsFor(
          { ...FINANCE, roles: [...FINANCE.roles, { role: 'board-member', chair: false }] },
          complaint,
          history,
        ),
      ).toEqual(history);
    });
  });
});
