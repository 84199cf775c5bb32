import { requireAccess, roleSeeing } from './access';
import { DomainError } from './errors';
import {
  ADMIN,
  BOARD_A,
  BOARD_MANAGER,
  FINANCE,
  HEAD,
  lodged,
  MANAGER,
  OTHER_HEAD,
  OTHER_MANAGER,
  recordContact,
  referred,
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

describe('who may see a complaint', () => {
  const complaint = fold(referred());

  it.each([
    ['its school', HEAD],
    ['its service', MANAGER],
    ['Business Support', SUPPORT],
    ['a Board member', BOARD_A],
    ['finance', FINANCE],
    ['an administrator', ADMIN],
  ])('%s', (_, actor) => {
    expect(requireAccess(actor, complaint)).toBe(complaint);
  });

  it.each([
    ['another school', OTHER_HEAD],
    ['another service', OTHER_MANAGER],
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
});
