import { type DirectoryEvent } from '../directory-events';
import { domainOf, foldPerson } from './person';

const registered: DirectoryEvent = {
  type: 'PersonRegistered',
  data: { personId: 'p1', name: 'Pat Trust', email: 'pat@trust.example' },
};

describe('a person, folded from their stream', () => {
  it('is nobody before they are registered', () => {
    expect(foldPerson([])).toBeNull();
    expect(
      foldPerson([{ type: 'AccountDisabled', data: { personId: 'p1', reason: 'x' } }]),
    ).toBeNull();
  });

  it('holds one school-staff grant per school, and a revoke naming a school ends only that one', () => {
    const person = foldPerson([
      registered,
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '1' } },
      },
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '2' } },
      },
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '2' } },
      },
      { type: 'RoleRevoked', data: { personId: 'p1', role: 'school-staff', schoolUrn: '1' } },
    ]);
    expect(person?.roles).toEqual([{ role: 'school-staff', schoolUrn: '2' }]);
  });

  it('replaces a grant of another role, and a revoke without a school ends every grant of the role', () => {
    const person = foldPerson([
      registered,
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'service-manager', serviceIds: ['a'] } },
      },
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'service-manager', serviceIds: ['b'] } },
      },
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '1' } },
      },
      {
        type: 'RoleGranted',
        data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '2' } },
      },
      { type: 'RoleRevoked', data: { personId: 'p1', role: 'school-staff' } },
    ]);
    expect(person?.roles).toEqual([{ role: 'service-manager', serviceIds: ['b'] }]);
  });

  it('follows disabling, enabling, the password and the second factor', () => {
    const events: DirectoryEvent[] = [
      {
        type: 'PersonInvited',
        data: { personId: 'p1', name: 'Pat', email: 'pat@x.example', signIn: 'password' },
      },
      { type: 'PasswordSet', data: { personId: 'p1' } },
      { type: 'SecondFactorEnrolled', data: { personId: 'p1' } },
      { type: 'AccountDisabled', data: { personId: 'p1', reason: 'Left the council' } },
    ];
    expect(foldPerson(events)).toMatchObject({
      signIn: 'password',
      passwordSet: true,
      secondFactorEnrolled: true,
      disabled: true,
    });
    expect(
      foldPerson([
        ...events,
        { type: 'AccountEnabled', data: { personId: 'p1' } },
        { type: 'SecondFactorReset', data: { personId: 'p1' } },
      ]),
    ).toMatchObject({ disabled: false, secondFactorEnrolled: false, passwordSet: true });
  });
});

describe('the domain of an address', () => {
  it.each([
    ['Head@Brookside.Lancs.Sch.UK', 'brookside.lancs.sch.uk'],
    ['no-at-sign', null],
    ['@domain.only', null],
    ['trailing@', null],
  ])('%s → %s', (email, domain) => {
    expect(domainOf(email)).toBe(domain);
  });
});
