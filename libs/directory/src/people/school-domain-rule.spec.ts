import { type Person } from './person';
import { schoolDomainProblem } from './school-domain-rule';

const person = (email: string, roles: Person['roles']) => ({ email, roles }) as Person;
const PEOPLE = [
  person('priya.ahmed@lancashire.gov.uk', [{ role: 'business-support' }]),
  person('clerk@governors.lancashire.gov.uk', [{ role: 'board-member', chair: false }]),
  person('head@brookside.lancs.sch.uk', [{ role: 'school-staff', schoolUrn: '119004' }]),
];

describe('a domain that may stand for a school', () => {
  it.each(['brookside.lancs.sch.uk', 'stmarys-academy.org.uk', 'office.hillside.example'])(
    'is the school’s own: %s',
    (domain) => expect(schoolDomainProblem(domain, PEOPLE)).toBeNull(),
  );

  it.each(['lancs.sch.uk', 'sch.uk', 'co.uk', 'org.uk', 'gov.uk', 'uk'])(
    'is not a name many organisations share: %s',
    (domain) =>
      expect(schoolDomainProblem(domain, PEOPLE)).toMatch(
        /^value must be the school's own domain, such as .*: .* is shared by many organisations$/,
      ),
  );

  it.each([
    'gmail.com',
    'btinternet.com',
    'outlook.com',
    'hotmail.co.uk',
    'icloud.com',
    'tutanota.com',
    'fastmail.com',
    'gmx.co.uk',
    'nhs.net',
  ])('is not a mail provider anyone can use, nor a domain many bodies share: %s', (domain) =>
    expect(schoolDomainProblem(domain, PEOPLE)).toMatch(/mail provider anyone/),
  );

  it.each(['lancashire.gov.uk', 'governors.lancashire.gov.uk'])(
    'is not where council staff have their addresses, or above it: %s',
    (domain) => expect(schoolDomainProblem(domain, PEOPLE)).toMatch(/council staff/),
  );
});
