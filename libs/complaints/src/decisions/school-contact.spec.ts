import { type OpenComplaint } from '../state';
import {
  ADMIN,
  ANSWERED_AT,
  BOARD_A,
  BOARD_SUPPORT,
  changeSchoolContact,
  CONTACT_CHANGED_AT,
  DECIDED_AT,
  DEPUTY,
  escalated,
  FINANCE,
  HEAD,
  HEAD_BY,
  lodged,
  LODGED_AT,
  MANAGER,
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
/** The head rang Business Support that morning to say the deputy takes the complaint on. */
const RANG = {
  givenBy: 'Asha Head',
  givenAt: '2025-04-16T08:30:00.000Z',
  method: 'phone',
} as const;

const open = (history: Parameters<typeof fold>[0]) => fold(history) as OpenComplaint;

describe('ChangeSchoolContact', () => {
  it('the school names someone else to write to; the name and details are kept trimmed, blanks left out', () => {
    given(...referred())
      .when(changeSchoolContact())
      .then({
        type: 'SchoolContactChanged',
        data: { contact: { ...DEPUTY }, consent: null, by: HEAD_BY, at: CONTACT_CHANGED_AT },
      });
    expect(open(andThen(referred(), changeSchoolContact())).contact).toEqual(DEPUTY);
  });

  it.each([
    ['before it is passed on', lodged(), BEFORE_TRIAGE_DUE],
    ['once the service has it', referred(), CONTACT_CHANGED_AT],
    ['with a resolution proposed', resolutionProposed(), ANSWERED_AT],
    ['once it is the Board’s', escalated(), DECIDED_AT],
  ])(
    'Business Support changes it for the school %s, recording how the school agreed',
    (_, history, at) => {
      given(...history)
        .when(changeSchoolContact({ actor: SUPPORT, at, consent: RANG }))
        .thenMatch({
          type: 'SchoolContactChanged',
          data: { contact: DEPUTY, consent: RANG, by: SUPPORT_BY },
        });
    },
  );

  it('refuses Business Support without the school’s consent, or with one before the complaint was lodged', () => {
    given(...referred())
      .when(changeSchoolContact({ actor: SUPPORT, consent: null }))
      .thenFails('CONSENT_REQUIRED', 'rule');
    given(...referred())
      .when(
        changeSchoolContact({
          actor: SUPPORT,
          consent: { ...RANG, givenAt: new Date(Date.parse(LODGED_AT) - 60_000).toISOString() },
        }),
      )
      .thenFails('CONSENT_BEFORE_LODGED', 'rule');
  });

  it('refuses a consent from the school’s own staff, whose act is the school’s consent', () => {
    given(...referred())
      .when(changeSchoolContact({ consent: RANG }))
      .thenFails('CONSENT_NOT_APPLICABLE', 'rule');
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
    expect(
      open(
        andThen(
          lodged(),
          changeSchoolContact({ actor: BOARD_SUPPORT, at: BEFORE_TRIAGE_DUE, consent: RANG }),
        ),
      ).handledBy,
    ).toEqual([]);
  });

  // The contact's replies are the school's words, a resolution's confirmation included: nobody
  // working the complaint chooses whom the council hears from.
  itForbids(
    '%s may not change the school’s contact',
    referred(),
    (actor) => changeSchoolContact({ actor, consent: RANG }),
    {
      'the service’s manager': MANAGER,
      'a Board member': BOARD_A,
      'another school’s head': OTHER_HEAD,
      'another service’s manager': OTHER_MANAGER,
      finance: FINANCE,
      'an administrator': ADMIN,
    },
  );

  it('the head who lodged it may still change it back after handing it over', () => {
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
