import { type OpenComplaint } from '../state';
import {
  ADMIN,
  ANSWERED_AT,
  BOARD_A,
  BOARD_A_BY,
  changeSchoolContact,
  CONTACT_CHANGED_AT,
  DECIDED_AT,
  DEPUTY,
  escalated,
  FINANCE,
  HEAD,
  HEAD_BY,
  lodged,
  MANAGER,
  MANAGER_BY,
  OTHER_HEAD,
  OTHER_MANAGER,
  referred,
  resolutionProposed,
  SUPPORT,
  SUPPORT_BY,
  withdrawn,
} from '../testing/fixtures';
import { andThen, fold, given, itForbids } from '../testing/given-when-then';

/** Wednesday 16 April 2025, 11:00 BST: Business Support has until the end of the next day. */
const BEFORE_TRIAGE_DUE = '2025-04-16T10:00:00.000Z';

const open = (history: Parameters<typeof fold>[0]) => fold(history) as OpenComplaint;

describe('ChangeSchoolContact', () => {
  it('the school names someone else to write to; the name and details are kept trimmed, blanks left out', () => {
    given(...referred())
      .when(changeSchoolContact())
      .then({
        type: 'SchoolContactChanged',
        data: { contact: { ...DEPUTY }, by: HEAD_BY, at: CONTACT_CHANGED_AT },
      });
    expect(open(andThen(referred(), changeSchoolContact())).contact).toEqual(DEPUTY);
  });

  it.each([
    ['Business Support, before it is passed on', lodged(), SUPPORT, SUPPORT_BY, BEFORE_TRIAGE_DUE],
    ['the service, once it is theirs', referred(), MANAGER, MANAGER_BY, CONTACT_CHANGED_AT],
    [
      'the service, with a resolution proposed',
      resolutionProposed(),
      MANAGER,
      MANAGER_BY,
      ANSWERED_AT,
    ],
    ['a Board member, once it is the Board’s', escalated(), BOARD_A, BOARD_A_BY, DECIDED_AT],
  ])('%s records the change the school asked for', (_, history, actor, by, at) => {
    given(...history)
      .when(changeSchoolContact({ actor, at }))
      .thenMatch({ type: 'SchoolContactChanged', data: { contact: DEPUTY, by } });
  });

  it('a contact known only by telephone is recorded without an email address', () => {
    given(...referred())
      .when(changeSchoolContact({ contact: { name: 'Bea Bursar', phone: '01772 123456' } }))
      .thenMatch({
        type: 'SchoolContactChanged',
        data: { contact: { name: 'Bea Bursar', phone: '01772 123456' } },
      });
  });

  it('refuses a contact without a name, naming the field', () => {
    const refusal = given(...referred())
      .when(changeSchoolContact({ contact: { name: '  ', email: DEPUTY.email } }))
      .thenFails('FIELD_REQUIRED', 'rule');
    expect(refusal.message).toContain('contact.name');
  });

  it('refuses to change the contact to the one it has (an address differing only in case included)', () => {
    const changed = andThen(referred(), changeSchoolContact());
    const refusal = given(...changed)
      .when(
        changeSchoolContact({
          at: '2025-04-25T10:00:00.000Z',
          contact: { ...DEPUTY, email: DEPUTY.email.toUpperCase() },
        }),
      )
      .thenFails('CONTACT_UNCHANGED', 'conflict');
    expect(refusal.message).toContain(DEPUTY.name);
  });

  it('refuses once the complaint is closed', () => {
    given(...withdrawn())
      .when(changeSchoolContact())
      .thenFails('COMPLAINT_CLOSED', 'conflict');
  });

  it('is not handling the complaint: a Board member in Business Support who did it may still judge it', () => {
    expect(open(andThen(referred(), changeSchoolContact({ actor: SUPPORT }))).handledBy).toEqual([
      SUPPORT.id,
    ]);
    expect(
      open(andThen(lodged(), changeSchoolContact({ actor: SUPPORT, at: BEFORE_TRIAGE_DUE })))
        .handledBy,
    ).toEqual([]);
  });

  itForbids(
    '%s may not change the school’s contact',
    referred(),
    (actor) => changeSchoolContact({ actor }),
    {
      'another school’s head': OTHER_HEAD,
      'another service’s manager': OTHER_MANAGER,
      finance: FINANCE,
      'an administrator': ADMIN,
    },
  );

  it('the head who lodged it may still change it after handing it over', () => {
    const handedOver = andThen(referred(), changeSchoolContact());
    given(...handedOver)
      .when(
        changeSchoolContact({
          actor: HEAD,
          at: '2025-04-28T09:00:00.000Z',
          contact: { name: 'Asha Head', role: 'Headteacher', email: 'head@school.example' },
        }),
      )
      .thenMatch({ type: 'SchoolContactChanged', data: { contact: { name: 'Asha Head' } } });
  });
});
