import { school as schoolAt } from '../../../../test/directory/support/school-details';
import { isAddressAtSchool } from './address-at-school';

/** Brookside, with these addresses and domains registered, as the directory tests' schools are. */
const school = (emails: string[], domains: string[] = []) => schoolAt('119300', emails, domains);

describe('an address a school may name for the council to write to', () => {
  it('is one its registered domain or address reaches', () => {
    const brookside = school(['bursar@brookside-trust.org.uk'], ['brookside.lancs.sch.uk']);
    expect(isAddressAtSchool(brookside, 'Deputy@Brookside.lancs.sch.uk')).toBe(true);
    expect(isAddressAtSchool(brookside, 'bursar@brookside-trust.org.uk')).toBe(true);
    expect(isAddressAtSchool(brookside, 'someone@elsewhere.example')).toBe(false);
  });

  it('or one at the domain of an address registered for it, unless that domain is everyone’s', () => {
    expect(
      isAddressAtSchool(school(['head@brookside.lancs.sch.uk']), 'deputy@brookside.lancs.sch.uk'),
    ).toBe(true);
    expect(isAddressAtSchool(school(['brookside.head@gmail.com']), 'anyone@gmail.com')).toBe(false);
    expect(
      isAddressAtSchool(school(['brookside.head@gmail.com']), 'brookside.head@gmail.com'),
    ).toBe(true);
  });

  it('is any address for a school with none registered', () => {
    expect(isAddressAtSchool(school([]), 'someone@elsewhere.example')).toBe(true);
  });
});
