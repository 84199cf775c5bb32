import { type DirectoryEvent } from '../directory-events';
import { domainOf, foldPerson, signsInBy } from './person';

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

describe('how a person signs in', () => {
  const invited = (signIn: 'password' | 'identity-provider' | 'email-link'): DirectoryEvent => ({
    type: 'PersonInvited',
    data: { personId: 'p1', name: 'Pat Trust', email: 'pat@trust.example', signIn },
  });
  const changed = (
    from: 'password' | 'identity-provider' | 'email-link' | null,
    signIn: 'password' | 'identity-provider' | 'email-link',
  ): DirectoryEvent => ({ type: 'SignInMethodChanged', data: { personId: 'p1', from, signIn } });
  const passwordChosen: DirectoryEvent[] = [
    { type: 'PasswordSet', data: { personId: 'p1' } },
    { type: 'SecondFactorEnrolled', data: { personId: 'p1' } },
  ];

  it('is by their own way alone: a password once chosen, or the identity provider', () => {
    const withPassword = foldPerson([invited('password')])!;
    expect(signsInBy(withPassword, 'password')).toBe(false);
    const chosen = foldPerson([invited('password'), ...passwordChosen])!;
    expect(signsInBy(chosen, 'password')).toBe(true);
    expect(signsInBy(chosen, 'identity-provider')).toBe(false);
    const byProvider = foldPerson([invited('identity-provider')])!;
    expect(signsInBy(byProvider, 'identity-provider')).toBe(true);
    expect(signsInBy(byProvider, 'password')).toBe(false);
    expect(signsInBy(foldPerson([invited('email-link')])!, 'identity-provider')).toBe(false);
  });

  it('is by a link for school staff alone: a council role is never signed in by one', () => {
    const staff: DirectoryEvent = {
      type: 'RoleGranted',
      data: { personId: 'p1', grant: { role: 'school-staff', schoolUrn: '119300' } },
    };
    const board: DirectoryEvent = {
      type: 'RoleGranted',
      data: { personId: 'p1', grant: { role: 'board-member', chair: false } },
    };
    expect(signsInBy(foldPerson([invited('email-link'), staff])!, 'email-link')).toBe(true);
    expect(signsInBy(foldPerson([registered, staff])!, 'email-link')).toBe(true);
    expect(signsInBy(foldPerson([registered, staff, board])!, 'email-link')).toBe(false);
    expect(signsInBy(foldPerson([invited('password'), staff])!, 'email-link')).toBe(false);
  });

  it('is either way for someone registered before sign-in methods, a password once chosen', () => {
    expect(signsInBy(foldPerson([registered])!, 'identity-provider')).toBe(true);
    expect(signsInBy(foldPerson([registered])!, 'password')).toBe(false);
    expect(signsInBy(foldPerson([registered, ...passwordChosen])!, 'password')).toBe(true);
  });

  it('leaves a password and its second factor behind when moved to another way, so coming back means choosing and enrolling again', () => {
    const moved = foldPerson([
      invited('password'),
      ...passwordChosen,
      changed('password', 'identity-provider'),
    ])!;
    expect(moved).toMatchObject({
      signIn: 'identity-provider',
      passwordSet: false,
      secondFactorEnrolled: false,
    });
    expect(signsInBy(moved, 'identity-provider')).toBe(true);
    const back = foldPerson([
      invited('password'),
      ...passwordChosen,
      changed('password', 'identity-provider'),
      changed('identity-provider', 'password'),
    ])!;
    expect(back).toMatchObject({ signIn: 'password', passwordSet: false });
    expect(signsInBy(back, 'password')).toBe(false);
  });

  it('keeps the password of someone registered before sign-in methods when they are moved to one', () => {
    const person = foldPerson([registered, ...passwordChosen, changed(null, 'password')])!;
    expect(person).toMatchObject({ signIn: 'password', passwordSet: true });
    expect(signsInBy(person, 'password')).toBe(true);
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
